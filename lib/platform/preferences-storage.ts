import { browser } from 'wxt/browser';
import type { Preferences } from '../settings/preferences';
import { mergePreferences, ownAfterChange, readPreferencesPolicy, type MergedPreferences } from '../settings/preferences-policy';
import { checkPolicy, PREFERENCES_POLICY_KEY } from './settings';

/** The member's own choices only (marked, see lib/settings/preferences-own.ts); what a policy gives is merged on every read. */
export const PREFERENCES_KEY = 'preferences';

export type LoadedPreferences = MergedPreferences;

/**
 * The member's preferences over the policy last seen: one `storage.local` read, never a wait
 * for `storage.managed` (`checkPolicy` remembers a new policy, which is a preferences change).
 */
export async function loadMergedPreferences(): Promise<LoadedPreferences> {
  const local = await browser.storage.local.get([PREFERENCES_KEY, PREFERENCES_POLICY_KEY]);
  const remembered = local[PREFERENCES_POLICY_KEY] as { managed: unknown } | undefined;
  return mergePreferences(readPreferencesPolicy(remembered?.managed ?? null).policy, local[PREFERENCES_KEY]);
}

/** What everything that acts on preferences reads: the merged result. */
export async function loadPreferences(): Promise<Preferences> {
  return (await loadMergedPreferences()).preferences;
}

/**
 * Writes the member's change: only their own fields are stored, so a policy's default stays a
 * default (a later policy may change it) and a locked field is not written at all.
 */
export async function updatePreferences(change: (current: Preferences) => Partial<Preferences>): Promise<LoadedPreferences> {
  const local = await browser.storage.local.get([PREFERENCES_KEY, PREFERENCES_POLICY_KEY]);
  const { policy } = readPreferencesPolicy((local[PREFERENCES_POLICY_KEY] as { managed: unknown } | undefined)?.managed ?? null);
  const current = mergePreferences(policy, local[PREFERENCES_KEY]).preferences;
  const own = ownAfterChange(policy, local[PREFERENCES_KEY], current, change(current));
  await browser.storage.local.set({ [PREFERENCES_KEY]: own });
  return mergePreferences(policy, own);
}

/**
 * The member's preferences or the remembered policy for them changed: the listener gets them
 * merged, read afresh (a change of either key alone does not say the other). A change of the
 * policy itself is remembered first (`checkPolicy`), which is the change listeners hear.
 */
export function onPreferencesChanged(listener: (loaded: LoadedPreferences) => void): () => void {
  const handle = (changes: Record<string, unknown>, area: string) => {
    if (area === 'managed' && 'preferences' in changes) void checkPolicy();
    if (area === 'local' && (PREFERENCES_KEY in changes || PREFERENCES_POLICY_KEY in changes)) void loadMergedPreferences().then(listener);
  };
  browser.storage.onChanged.addListener(handle);
  return () => browser.storage.onChanged.removeListener(handle);
}
