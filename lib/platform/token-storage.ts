import { browser } from 'wxt/browser';
import type { KeptTokens } from '../brain/port';
import type { TokenSet, TokenStorage } from '../circle/tokens';

const PREFIX = 'tokens:';

/**
 * The tokens each community's service refreshes, under its key, with the Circle they are for
 * (`storage.local`, never synced). An older version kept one bare set per Circle origin
 * (`tokens:https://app.circle.so`): `list` names those by that origin, for the brain to adopt.
 */
export function tokenStorageFor(key: string, circleUrl: string): TokenStorage {
  const name = `${PREFIX}${key}`;
  return {
    load: async () => (await keptTokens(key))?.set,
    save: (set) => browser.storage.local.set({ [name]: { circleUrl: new URL(circleUrl).origin, set } satisfies KeptTokens }),
    clear: () => browser.storage.local.remove(name),
  };
}

function keptOf(id: string, value: unknown): KeptTokens | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  if ('set' in value && 'circleUrl' in value) return value as KeptTokens;
  // An older version's bare set, kept under its Circle's origin.
  return id.includes('://') ? { circleUrl: id, set: value as TokenSet } : undefined;
}

export async function keptTokens(key: string): Promise<KeptTokens | undefined> {
  const name = `${PREFIX}${key}`;
  return keptOf(key, (await browser.storage.local.get(name))[name]);
}

export async function listTokenSets(): Promise<{ id: string; kept: KeptTokens }[]> {
  const all = await browser.storage.local.get(null);
  const sets: { id: string; kept: KeptTokens }[] = [];
  for (const [name, value] of Object.entries(all)) {
    if (!name.startsWith(PREFIX)) continue;
    const id = name.slice(PREFIX.length);
    const kept = keptOf(id, value);
    if (kept) sets.push({ id, kept });
  }
  return sets;
}

/** An older version's set becomes the community's, in one write, then the old name goes. */
export async function adoptTokenSet(id: string, key: string): Promise<void> {
  const name = `${PREFIX}${id}`;
  const kept = keptOf(id, (await browser.storage.local.get(name))[name]);
  if (!kept) return;
  await browser.storage.local.set({ [`${PREFIX}${key}`]: kept });
  await browser.storage.local.remove(name);
}

export async function forgetTokenSets(ids: readonly string[]): Promise<void> {
  if (ids.length) await browser.storage.local.remove(ids.map((id) => `${PREFIX}${id}`));
}
