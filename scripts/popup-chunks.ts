import type { ManualChunkMeta } from 'rollup';
import type { Plugin } from 'vite';

/**
 * The popup's first module graph as one shared chunk: rollup would split what the popup loads
 * at once into a chunk per set of pages sharing it (with the options page, with the offscreen
 * document), and every file is a request the popup's renderer starts and waits for before any
 * of its JS runs (bench/README.md, "Where the time goes"). So whatever the popup imports
 * statically and another page also uses goes into `first`; what only the popup imports stays
 * in popup.js. The other pages then load a little code they never call (preact for the
 * offscreen document): none of those modules does anything when imported.
 */
export const FIRST_CHUNK = 'first';

const POPUP_ENTRY = /\/entrypoints\/popup\/(index\.html|main\.tsx)$/;
const OTHER_ENTRIES = /\/entrypoints\/(options|offscreen)\//;

export function popupFirstChunk(): Plugin {
  return {
    name: 'circle-live:popup-first-chunk',
    apply: 'build',
    // The pages' build only: the background and the scripts are single files (inlineDynamicImports).
    outputOptions(options) {
      if (options.inlineDynamicImports) return null;
      let shared: Set<string> | undefined;
      return {
        ...options,
        manualChunks: (id, meta) => {
          shared ??= sharedWithPopup(meta);
          return shared.has(id) ? FIRST_CHUNK : undefined;
        },
      };
    },
  };
}

function sharedWithPopup({ getModuleIds, getModuleInfo }: ManualChunkMeta): Set<string> {
  const ids = [...getModuleIds()];
  const walk = (roots: string[], dynamic: boolean) => {
    const seen = new Set<string>();
    const stack = [...roots];
    while (stack.length) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      const info = getModuleInfo(id);
      if (!info) continue;
      stack.push(...info.importedIds, ...(dynamic ? info.dynamicallyImportedIds : []));
    }
    return seen;
  };
  const popup = walk(ids.filter((id) => POPUP_ENTRY.test(id)), false);
  const others = walk(ids.filter((id) => OTHER_ENTRIES.test(id) && getModuleInfo(id)?.isEntry), true);
  popup.forEach((id) => {
    if (POPUP_ENTRY.test(id) || !others.has(id)) popup.delete(id);
  });
  return popup;
}
