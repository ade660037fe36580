import { parsePreferences, preferencesSchema, ROOM_ALERT_CHOICES, type Preferences, type RoomAlertChoice } from './preferences';
import { chosen, isRecord, OWN_MARK, sameValue } from './preferences-own';

/**
 * What a policy may set a default for, and lock. Left to the member alone: Do Not Disturb and
 * a snooze (what they do this hour, not how the extension is set up) and muted rooms (a policy
 * names the rooms that always alert instead, in `roomAlerts`).
 */
export const POLICY_PREFERENCES = [
  'alerts',
  'quietHours',
  'awaySummary',
  'onlyDmsAndMentions',
  'roomAlerts',
  'sound',
  'badgeCounts',
  'waitingAfterHours',
  'resetCountOnOpen',
] as const satisfies readonly (keyof Preferences)[];
export type PolicyPreference = (typeof POLICY_PREFERENCES)[number];

/** `storage.managed` `preferences`, validated: a default for a field, and the fields the member may not change. */
export interface PreferencesPolicy {
  defaults: Partial<Preferences>;
  locked: ReadonlySet<PolicyPreference>;
}

export const NO_POLICY: PreferencesPolicy = { defaults: {}, locked: new Set() };

type Field = keyof typeof preferencesSchema.shape;
const FIELDS = Object.keys(preferencesSchema.shape) as Field[];
const isPolicyPreference = (name: unknown): name is PolicyPreference => (POLICY_PREFERENCES as readonly unknown[]).includes(name);

/** The field's schema without its fallback: whether a value is one at all (a bad part inside quiet hours still falls back alone). */
function readable(field: Field, value: unknown): boolean {
  return preferencesSchema.shape[field].unwrap().removeCatch().safeParse(value).success;
}

/** Room uuid → choice, keeping the good entries of a map with a bad one. */
function roomChoices(value: unknown): { choices: Record<string, RoomAlertChoice>; bad: string[] } {
  const choices: Record<string, RoomAlertChoice> = {};
  const bad: string[] = [];
  if (!isRecord(value)) return { choices, bad: ['roomAlerts'] };
  for (const [room, choice] of Object.entries(value)) {
    if ((ROOM_ALERT_CHOICES as readonly unknown[]).includes(choice)) choices[room] = choice as RoomAlertChoice;
    else bad.push(`roomAlerts.${room}`);
  }
  return { choices, bad };
}

/**
 * The policy's `preferences`, field by field: a value the contract cannot read, or a field a
 * policy may not set, is left out and named in `rejected` (the platform logs the names, never
 * the values). A field locked without a default is locked at the built-in default.
 */
export function readPreferencesPolicy(value: unknown): { policy: PreferencesPolicy; rejected: string[] } {
  if (value === null || value === undefined) return { policy: NO_POLICY, rejected: [] };
  if (!isRecord(value)) return { policy: NO_POLICY, rejected: ['preferences'] };
  const rejected = Object.keys(value).filter((key) => key !== 'defaults' && key !== 'locked');
  const defaults: Record<string, unknown> = {};
  if (isRecord(value.defaults)) {
    for (const [field, given] of Object.entries(value.defaults)) {
      if (!isPolicyPreference(field)) rejected.push(`defaults.${field}`);
      else if (field === 'roomAlerts') {
        const { choices, bad } = roomChoices(given);
        defaults.roomAlerts = choices;
        rejected.push(...bad.map((path) => `defaults.${path}`));
      } else {
        const parsed = preferencesSchema.shape[field].parse(given);
        // Whole or not at all: a policy's quiet hours with a bad part would be a schedule nobody wrote.
        if (readable(field, given) && sameWhereGiven(parsed, given)) defaults[field] = parsed;
        else rejected.push(`defaults.${field}`);
      }
    }
  } else if (value.defaults !== undefined) rejected.push('defaults');
  const locked = new Set<PolicyPreference>();
  if (Array.isArray(value.locked)) value.locked.forEach((name, i) => (isPolicyPreference(name) ? locked.add(name) : rejected.push(`locked.${i}`)));
  else if (value.locked !== undefined) rejected.push('locked');
  return { policy: { defaults: defaults as Partial<Preferences>, locked }, rejected };
}

/** The parse changed nothing that was given (it may add what was left out). */
function sameWhereGiven(parsed: unknown, given: unknown): boolean {
  if (isRecord(given)) return isRecord(parsed) && Object.keys(given).every((key) => sameWhereGiven(parsed[key], given[key]));
  return sameValue(parsed, given);
}

/** The member's own choices in the stored object: readable fields they set (see `chosen` for an earlier version's whole object). */
export function ownPreferences(stored: unknown): Partial<Preferences> {
  const own: Record<string, unknown> = {};
  for (const field of FIELDS) {
    const value = chosen(stored, field);
    if (value === undefined) continue;
    if (field === 'roomAlerts') own.roomAlerts = roomChoices(value).choices;
    else if (readable(field, value)) own[field] = preferencesSchema.shape[field].parse(value);
  }
  return own as Partial<Preferences>;
}

/** Rooms whose alert choice the policy locks (./preferences-own.ts `lockedRooms`, for a policy already read). */
function fixedRooms(policy: PreferencesPolicy): Set<string> {
  return new Set(policy.locked.has('roomAlerts') ? Object.keys(policy.defaults.roomAlerts ?? {}) : []);
}

export interface MergedPreferences {
  preferences: Preferences;
  /** Preferences the member may not change (the options page shows them set by the organisation). */
  locked: ReadonlySet<PolicyPreference>;
}

/**
 * The member's own choices over the policy's defaults over the built-in ones; a locked field
 * is the policy's. Room alert choices merge room by room: the member's over the policy's, or,
 * locked, the policy's rooms over the member's (and a room the policy fixes is not muted).
 */
export function mergePreferences(policy: PreferencesPolicy, stored: unknown): MergedPreferences {
  const own = ownPreferences(stored);
  const builtIn = parsePreferences({});
  const merged: Record<string, unknown> = { ...builtIn, ...policy.defaults, ...own };
  for (const field of policy.locked) merged[field] = policy.defaults[field] ?? builtIn[field];
  const policyRooms = policy.defaults.roomAlerts ?? {};
  merged.roomAlerts = policy.locked.has('roomAlerts') ? { ...own.roomAlerts, ...policyRooms } : { ...policyRooms, ...own.roomAlerts };
  const fixed = fixedRooms(policy);
  merged.mutedRooms = (own.mutedRooms ?? []).filter((room) => !fixed.has(room));
  return { preferences: parsePreferences(merged), locked: policy.locked };
}

/**
 * What to store after the member's `change` to `current` (the merged preferences they saw):
 * only their own choices. A field the change leaves as it was is not taken as chosen (so an
 * object handed back whole does not freeze the policy's defaults), a locked one is not
 * written, and a room the policy fixes keeps what the member had for it underneath.
 */
export function ownAfterChange(policy: PreferencesPolicy, stored: unknown, current: Preferences, change: Partial<Preferences>): Record<string, unknown> {
  const own: Record<string, unknown> = { ...ownPreferences(stored) };
  const fixed = fixedRooms(policy);
  for (const [field, value] of Object.entries(change) as [Field, unknown][]) {
    if (value === undefined || !FIELDS.includes(field) || (field !== 'roomAlerts' && policy.locked.has(field as PolicyPreference))) continue;
    if (!(field in own) && sameValue(value, current[field])) continue;
    if (field === 'roomAlerts') {
      const before = (own.roomAlerts ?? {}) as Record<string, RoomAlertChoice>;
      const next: Record<string, RoomAlertChoice> = {};
      for (const [room, choice] of Object.entries(roomChoices(value).choices)) {
        if (fixed.has(room)) continue;
        if (room in before || choice !== current.roomAlerts[room]) next[room] = choice;
      }
      for (const room of fixed) if (room in before) next[room] = before[room]!;
      own.roomAlerts = next;
    } else if (field === 'mutedRooms') {
      const hidden = ((own.mutedRooms ?? []) as string[]).filter((room) => fixed.has(room));
      own.mutedRooms = [...new Set([...(value as string[]), ...hidden])];
    } else own[field] = value;
  }
  return { ...own, [OWN_MARK]: true };
}
