import { browser } from '../../lib/platform/native-browser';
import { PREFERENCES_POLICY_KEY, popupPreferences } from '../../lib/settings/preferences-own';

/**
 * Preferences raw, over the policy remembered for them (lib/settings/preferences-own.ts): the
 * parser would bring zod into the popup; the background parses on read.
 */
async function read(): Promise<{ own: unknown; merged: ReturnType<typeof popupPreferences> }> {
  const local = await browser.storage.local.get(['preferences', PREFERENCES_POLICY_KEY]);
  const remembered = local[PREFERENCES_POLICY_KEY] as { managed?: unknown } | undefined;
  return { own: local.preferences, merged: popupPreferences(local.preferences, remembered?.managed) };
}

export const mutedRooms = async () => (await read()).merged.mutedRooms;
export const resetCountOnOpen = async () => (await read()).merged.resetCountOnOpen;
export const waitingAfterHours = async () => (await read()).merged.waitingAfterHours;

/** Writes the member's own list; every other field stays as stored, the earlier version's mark (or its absence) too. */
export async function setMuted(uuid: string, muted: boolean): Promise<void> {
  const { own } = await read();
  const preferences = typeof own === 'object' && own !== null ? (own as Record<string, unknown>) : {};
  const list = Array.isArray(preferences.mutedRooms) ? preferences.mutedRooms.filter((id): id is string => typeof id === 'string' && id !== uuid) : [];
  await browser.storage.local.set({ preferences: { ...preferences, mutedRooms: muted ? [...list, uuid] : list } });
}
