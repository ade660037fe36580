import { browser } from './native-browser';

/**
 * The popup's snooze control reads and writes `preferences` raw (lib/quiet's `quietOf` reads
 * them): lib/settings' parser would bring zod into the popup. A write keeps every other field
 * as it was; the worker parses on read.
 */
export async function readRawPreferences(): Promise<Record<string, unknown>> {
  const { preferences } = await browser.storage.local.get('preferences');
  return typeof preferences === 'object' && preferences !== null ? (preferences as Record<string, unknown>) : {};
}

export async function writeRawPreferences(change: Record<string, unknown>): Promise<void> {
  await browser.storage.local.set({ preferences: { ...(await readRawPreferences()), ...change } });
}

export function onRawPreferences(listener: (preferences: unknown) => void): () => void {
  const handle = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && 'preferences' in changes) listener(changes.preferences?.newValue);
  };
  browser.storage.onChanged.addListener(handle);
  return () => browser.storage.onChanged.removeListener(handle);
}

export const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
