/**
 * What of the stored `preferences` object is the member's own choice, without zod: the popup
 * reads preferences raw (lib/settings' parser would double its size), and must agree with
 * ./preferences-policy.ts, which the background and the options page use. Their unit tests
 * hold the two to the same answers.
 */

/** storage.local: the policy's `preferences` as last read from storage.managed, as `{ managed }` (lib/platform/settings). */
export const PREFERENCES_POLICY_KEY = 'preferencesPolicy';

/**
 * Set on every object written since a policy could give defaults: what it holds is exactly what
 * the member chose. An object without it may be a whole-object write of an earlier version.
 */
export const OWN_MARK = 'ownOnly';

/** What every earlier version wrote back, whole, on any change of a preference. */
export const EARLIER_FIELDS = ['alerts', 'doNotDisturb', 'onlyDmsAndMentions', 'mutedRooms', 'badgeCounts', 'resetCountOnOpen'] as const;

/** The built-in defaults an earlier whole-object write copied in, which no member chose. */
export const EARLIER_DEFAULTS: Record<(typeof EARLIER_FIELDS)[number], unknown> = {
  alerts: true,
  doNotDisturb: false,
  onlyDmsAndMentions: false,
  mutedRooms: [],
  badgeCounts: 'notifications',
  resetCountOnOpen: true,
};

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * An earlier version wrote every field back on any change: a field there at its built-in
 * default is read as not chosen, so a policy's default reaches it; any other value is the
 * member's. Only a whole object of that kind is read so; one written since carries the mark.
 */
export function isEarlierWholeObject(stored: unknown): boolean {
  return isRecord(stored) && stored[OWN_MARK] !== true && EARLIER_FIELDS.every((field) => field in stored);
}

export function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  if (isRecord(a) && isRecord(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => sameValue(a[key], b[key]));
  }
  return Object.is(a, b);
}

/** The member's own value of a field, `undefined` when they chose none (type checks only: the full parse judges the rest). */
export function chosen(stored: unknown, field: string): unknown {
  if (!isRecord(stored) || !(field in stored)) return undefined;
  const value = stored[field];
  if (isEarlierWholeObject(stored) && field in EARLIER_DEFAULTS && sameValue(value, EARLIER_DEFAULTS[field as keyof typeof EARLIER_DEFAULTS])) return undefined;
  return value;
}

/** The policy's `preferences` as remembered, read defensively: Firefox does not check a policy against the schema. */
export function policyParts(policy: unknown): { defaults: Record<string, unknown>; locked: string[] } {
  const defaults = isRecord(policy) && isRecord(policy.defaults) ? policy.defaults : {};
  const locked = isRecord(policy) && Array.isArray(policy.locked) ? policy.locked.filter((name): name is string => typeof name === 'string') : [];
  return { defaults, locked };
}

/** Rooms whose alert choice the policy fixes: a member's mute of one does not hold (muting is the choice "never"). */
export function lockedRooms(policy: unknown): Set<string> {
  const { defaults, locked } = policyParts(policy);
  if (!locked.includes('roomAlerts') || !isRecord(defaults.roomAlerts)) return new Set();
  return new Set(Object.entries(defaults.roomAlerts).filter(([, choice]) => choice === 'every' || choice === 'mentions').map(([room]) => room));
}

/** The preferences the popup reads, as the merge gives them. */
export function popupPreferences(stored: unknown, policy: unknown): { mutedRooms: string[]; resetCountOnOpen: boolean; waitingAfterHours: number } {
  const { defaults, locked } = policyParts(policy);
  const muted = chosen(stored, 'mutedRooms');
  const fixed = lockedRooms(policy);
  const own = chosen(stored, 'resetCountOnOpen');
  const policyReset = typeof defaults.resetCountOnOpen === 'boolean' ? defaults.resetCountOnOpen : true;
  return {
    mutedRooms: Array.isArray(muted) && muted.every((id) => typeof id === 'string') ? muted.filter((id: string) => !fixed.has(id)) : [],
    resetCountOnOpen: locked.includes('resetCountOnOpen') || typeof own !== 'boolean' ? policyReset : own,
    waitingAfterHours: waitingHours(locked.includes('waitingAfterHours') ? undefined : chosen(stored, 'waitingAfterHours'), defaults.waitingAfterHours),
  };
}

/** As the schema reads `waitingAfterHours`: half an hour to a week, else the policy's, else 4. */
function waitingHours(own: unknown, policy: unknown): number {
  const valid = (value: unknown): value is number => typeof value === 'number' && value >= 0.5 && value <= 168;
  return valid(own) ? own : valid(policy) ? policy : 4;
}

/** The quiet hours the popup's snooze shows: the member's, else the policy's default, and the policy's when it locks them (checked by lib/quiet's `quietOf`). */
export function popupQuietHours(stored: unknown, policy: unknown): unknown {
  const { defaults, locked } = policyParts(policy);
  const own = chosen(stored, 'quietHours');
  return locked.includes('quietHours') || own === undefined ? defaults.quietHours : own;
}
