import { PREFERENCES_POLICY_KEY } from '../settings/preferences-own';
import { roomAlertOf, type RoomAlertLevel } from '../settings/room-alert-own';
import { browser } from './native-browser';

export type { RoomAlertLevel } from '../settings/room-alert-own';

/**
 * The popup's writes to `preferences` (mutedRooms, roomAlerts), loaded only when a member acts
 * or opens a menu: the popup's first chunk has no room for them. Raw, as the popup's other
 * preference reads (no zod here); every other field is kept as stored, the background parses.
 */
async function read(): Promise<Record<string, unknown>> {
  const { preferences } = await browser.storage.local.get('preferences');
  return typeof preferences === 'object' && preferences !== null ? (preferences as Record<string, unknown>) : {};
}

const listOf = (value: unknown): string[] => (Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : []);
const recordOf = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...(value as Record<string, unknown>) } : {});

/** What a room does today, and whether the policy fixes it (../settings/room-alert-own.ts). */
export async function levelOf(uuid: string, direct: boolean): Promise<{ level: RoomAlertLevel; locked: boolean }> {
  const local = await browser.storage.local.get(['preferences', PREFERENCES_POLICY_KEY]);
  return roomAlertOf(local.preferences, (local[PREFERENCES_POLICY_KEY] as { managed?: unknown } | undefined)?.managed, uuid, direct);
}

export async function setLevel(uuid: string, level: RoomAlertLevel): Promise<void> {
  const preferences = await read();
  const muted = listOf(preferences.mutedRooms).filter((id) => id !== uuid);
  const roomAlerts = recordOf(preferences.roomAlerts);
  delete roomAlerts[uuid];
  if (level !== 'never') roomAlerts[uuid] = level;
  await browser.storage.local.set({ preferences: { ...preferences, mutedRooms: level === 'never' ? [...muted, uuid] : muted, roomAlerts } });
}

/** Mute or unmute only (M on a row, the room's old toggle): an unmuted room follows its own choice again, if it had one. */
export async function setMuted(uuid: string, muted: boolean): Promise<void> {
  const preferences = await read();
  const rest = listOf(preferences.mutedRooms).filter((id) => id !== uuid);
  await browser.storage.local.set({ preferences: { ...preferences, mutedRooms: muted ? [...rest, uuid] : rest } });
}
