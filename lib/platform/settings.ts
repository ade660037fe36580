import { browser } from 'wxt/browser';
import { managedFields, mergeSettings, policySignsIn, type StoredSettings } from '../settings/merge';
import { parseSettings, type SettingsResult } from '../settings/schema';

export const SETTINGS_KEY = 'settings';

export interface LoadedSettings {
  /** What is stored, merged, before validation: what the options form starts from. */
  stored: StoredSettings;
  result: SettingsResult;
  /** Dotted field paths fixed by policy. */
  locked: Set<string>;
  /** The policy signs the member in by itself: there is no sign-in of theirs to drop. */
  signInByPolicy: boolean;
}

async function readManaged(): Promise<unknown> {
  try {
    return (await browser.storage.managed.get(SETTINGS_KEY))[SETTINGS_KEY];
  } catch {
    // Firefox without an enterprise policy rejects managed reads: there is simply no policy.
    return undefined;
  }
}

export async function loadSettings(): Promise<LoadedSettings> {
  const [managed, local] = await Promise.all([readManaged(), browser.storage.local.get(SETTINGS_KEY)]);
  const stored = mergeSettings(managed, local[SETTINGS_KEY]);
  return { stored, result: parseSettings(stored), locked: managedFields(managed), signInByPolicy: policySignsIn(managed) };
}

/** Validates, then stores the member's own settings; policy fields still win on every read. */
export async function saveSettings(input: unknown): Promise<SettingsResult> {
  const result = parseSettings(input);
  if (result.ok) await browser.storage.local.set({ [SETTINGS_KEY]: input });
  return result;
}

/** Sign-out keeps the community but drops the member's own sign-in (a policy's stays). */
export async function forgetSignIn(): Promise<boolean> {
  const stored = (await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY] as Record<string, unknown> | undefined;
  if (!stored || !('auth' in stored)) return false;
  const { auth: _auth, ...rest } = stored;
  await browser.storage.local.set({ [SETTINGS_KEY]: rest });
  return true;
}

export function onSettingsChanged(listener: () => void): () => void {
  const handle = (changes: Record<string, unknown>, area: string) => {
    if (SETTINGS_KEY in changes && (area === 'local' || area === 'managed')) listener();
  };
  browser.storage.onChanged.addListener(handle);
  return () => browser.storage.onChanged.removeListener(handle);
}
