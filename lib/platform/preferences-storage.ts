import { browser } from 'wxt/browser';
import { parsePreferences, type Preferences } from '../settings/preferences';

const KEY = 'preferences';

export async function loadPreferences(): Promise<Preferences> {
  return parsePreferences((await browser.storage.local.get(KEY))[KEY]);
}

/** Writes a change to the member's preferences, keeping the rest. */
export async function updatePreferences(change: (current: Preferences) => Partial<Preferences>): Promise<Preferences> {
  const current = await loadPreferences();
  const next = { ...current, ...change(current) };
  await browser.storage.local.set({ [KEY]: next });
  return next;
}

export function onPreferencesChanged(listener: (preferences: Preferences) => void): () => void {
  const handle = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && KEY in changes) listener(parsePreferences(changes[KEY]?.newValue));
  };
  browser.storage.onChanged.addListener(handle);
  return () => browser.storage.onChanged.removeListener(handle);
}
