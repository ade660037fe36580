import { browser } from 'wxt/browser';
import type { TokenSet, TokenStorage } from '../circle/tokens';

/** The tokens the service refreshes, kept per Circle (`storage.local`, never synced). */
export function tokenStorageFor(circleUrl: string): TokenStorage {
  const key = `tokens:${new URL(circleUrl).origin}`;
  return {
    load: async () => (await browser.storage.local.get(key))[key] as TokenSet | undefined,
    save: (tokens) => browser.storage.local.set({ [key]: tokens }),
    clear: () => browser.storage.local.remove(key),
  };
}
