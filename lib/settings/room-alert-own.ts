import { chosen, isRecord, lockedRooms, policyParts } from './preferences-own';

/** A room's alert choice as the popup offers it: "never" is a mute (`preferences.mutedRooms`). */
export type RoomAlertLevel = 'every' | 'mentions' | 'never';

const isChoice = (value: unknown): value is 'every' | 'mentions' => value === 'every' || value === 'mentions';

/**
 * What a room does, as ./preferences-policy.ts merges it for the background: the policy's choice
 * where it locks the room; else a mute; else the member's choice over the policy's; else the
 * general rule ("only DMs and mentions" leaves DMs on every message). Apart from
 * ./preferences-own.ts so that only the popup's menus, loaded on demand, carry it.
 */
export function roomAlertOf(stored: unknown, policy: unknown, uuid: string, direct: boolean): { level: RoomAlertLevel; locked: boolean } {
  const { defaults, locked } = policyParts(policy);
  const policyRooms = isRecord(defaults.roomAlerts) ? defaults.roomAlerts : {};
  if (lockedRooms(policy).has(uuid) && isChoice(policyRooms[uuid])) return { level: policyRooms[uuid], locked: true };
  const muted = chosen(stored, 'mutedRooms');
  if (Array.isArray(muted) && muted.includes(uuid)) return { level: 'never', locked: false };
  const own = chosen(stored, 'roomAlerts');
  const choice = [isRecord(own) ? own[uuid] : undefined, policyRooms[uuid]].find(isChoice);
  if (choice) return { level: choice, locked: false };
  const ownRule = chosen(stored, 'onlyDmsAndMentions');
  const rule = locked.includes('onlyDmsAndMentions') || typeof ownRule !== 'boolean' ? defaults.onlyDmsAndMentions === true : ownRule;
  return { level: rule && !direct ? 'mentions' : 'every', locked: false };
}
