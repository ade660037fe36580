import { browser } from 'wxt/browser';
import type { TokenSet, TokenStorage } from '../circle/tokens';

const PREFIX = 'tokens:';

/** The tokens the service refreshes, kept per Circle (`storage.local`, never synced). */
export function tokenStorageFor(circleUrl: string): TokenStorage {
  const key = `${PREFIX}${new URL(circleUrl).origin}`;
  return {
    load: async () => (await browser.storage.local.get(key))[key] as TokenSet | undefined,
    save: (tokens) => browser.storage.local.set({ [key]: tokens }),
    clear: () => browser.storage.local.remove(key),
  };
}

/**
 * Every token set kept, by Circle origin: after a community switch or a worker restart the
 * settings no longer say which Circles were signed in to, storage does.
 */
export async function storedTokenSets(): Promise<Map<string, TokenSet>> {
  const all = await browser.storage.local.get(null);
  const sets = new Map<string, TokenSet>();
  for (const [key, value] of Object.entries(all)) if (key.startsWith(PREFIX) && value) sets.set(key.slice(PREFIX.length), value as TokenSet);
  return sets;
}

export async function forgetTokenSets(origins: readonly string[]): Promise<void> {
  if (origins.length) await browser.storage.local.remove(origins.map((origin) => `${PREFIX}${origin}`));
}
