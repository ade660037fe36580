import { PREFERENCES_POLICY_KEY, popupQuietHours } from '../settings/preferences-own';
import { browser } from './native-browser';

/**
 * The popup's snooze control reads and writes `preferences` raw (lib/quiet's `quietOf` reads
 * them): lib/settings' parser would bring zod into the popup. Quiet hours come over the policy
 * remembered for them; a snooze and Do Not Disturb are the member's alone.
 */
async function own(): Promise<Record<string, unknown>> {
  const { preferences } = await browser.storage.local.get('preferences');
  return typeof preferences === 'object' && preferences !== null ? (preferences as Record<string, unknown>) : {};
}

export async function readRawPreferences(): Promise<Record<string, unknown>> {
  const local = await browser.storage.local.get(['preferences', PREFERENCES_POLICY_KEY]);
  const stored = typeof local.preferences === 'object' && local.preferences !== null ? (local.preferences as Record<string, unknown>) : {};
  const remembered = local[PREFERENCES_POLICY_KEY] as { managed?: unknown } | undefined;
  return { ...stored, quietHours: popupQuietHours(local.preferences, remembered?.managed) };
}

/** The member's own object, changed in these fields only: every other one stays as stored, the policy's defaults unwritten. */
export async function writeRawPreferences(change: Record<string, unknown>): Promise<void> {
  await browser.storage.local.set({ preferences: { ...(await own()), ...change } });
}

/** Either key changed: read afresh, as the merge needs both. */
export function onRawPreferences(listener: (preferences: unknown) => void): () => void {
  const handle = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && ('preferences' in changes || PREFERENCES_POLICY_KEY in changes)) void readRawPreferences().then(listener);
  };
  browser.storage.onChanged.addListener(handle);
  return () => browser.storage.onChanged.removeListener(handle);
}

export const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
