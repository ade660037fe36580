import { describe, expect, it } from 'vitest';
import { parsePreferences } from './preferences';
import { EARLIER_DEFAULTS, EARLIER_FIELDS, popupPreferences } from './preferences-own';
import { roomAlertOf } from './room-alert-own';
import { mergePreferences, NO_POLICY, ownAfterChange, readPreferencesPolicy } from './preferences-policy';

const policyOf = (value: unknown) => readPreferencesPolicy(value).policy;
const merged = (policy: unknown, stored: unknown) => mergePreferences(policyOf(policy), stored).preferences;
/** What an earlier version stored after the member turned Do Not Disturb on: every field, most at their defaults. */
const earlierWhole = { alerts: true, doNotDisturb: true, onlyDmsAndMentions: false, mutedRooms: [], badgeCounts: 'notifications', resetCountOnOpen: true };

describe('a policy for the preferences', () => {
  it('without one, the stored preferences are read as before', () => {
    for (const stored of [undefined, {}, { doNotDisturb: true, mutedRooms: ['r1'] }, earlierWhole, { badgeCounts: 'chats', sound: true }]) {
      expect(mergePreferences(NO_POLICY, stored).preferences).toEqual(parsePreferences(stored));
    }
  });

  it('gives defaults under the member\'s own choices, and a locked field is the policy\'s', () => {
    const policy = { defaults: { badgeCounts: 'dms-and-mentions', sound: true, waitingAfterHours: 8 }, locked: ['sound'] };
    expect(merged(policy, {})).toMatchObject({ badgeCounts: 'dms-and-mentions', sound: true, waitingAfterHours: 8 });
    const mine = merged(policy, { badgeCounts: 'chats', sound: false, waitingAfterHours: 2 });
    expect(mine).toMatchObject({ badgeCounts: 'chats', sound: true, waitingAfterHours: 2 });
    expect([...mergePreferences(policyOf(policy), {}).locked]).toEqual(['sound']);
  });

  it('locks a field it gives no default for at the built-in default; a bad own value takes the policy\'s default', () => {
    expect(merged({ locked: ['alerts'] }, { alerts: false }).alerts).toBe(true);
    expect(merged({ defaults: { badgeCounts: 'chats' } }, { badgeCounts: 'everything' }).badgeCounts).toBe('chats');
  });

  it('takes quiet hours as one schedule: the member\'s whole, or the policy\'s whole', () => {
    const policy = { defaults: { quietHours: { enabled: true, days: [1, 2, 3, 4, 5], from: '19:00', to: '08:00' } } };
    expect(merged(policy, {}).quietHours).toEqual({ enabled: true, days: [1, 2, 3, 4, 5], from: '19:00', to: '08:00', timeZone: '' });
    expect(merged(policy, { quietHours: { enabled: false } }).quietHours).toEqual(parsePreferences({}).quietHours);
  });

  it('merges room alert choices room by room: the member\'s win, unless the policy locks them; a room it fixes is not muted', () => {
    const defaults = { roomAlerts: { news: 'every', help: 'mentions' } };
    const mine = { roomAlerts: { help: 'every', mine: 'mentions' }, mutedRooms: ['news', 'other'] };
    expect(merged({ defaults }, mine)).toMatchObject({ roomAlerts: { news: 'every', help: 'every', mine: 'mentions' }, mutedRooms: ['news', 'other'] });
    expect(merged({ defaults, locked: ['roomAlerts'] }, mine)).toMatchObject({ roomAlerts: { news: 'every', help: 'mentions', mine: 'mentions' }, mutedRooms: ['other'] });
  });

  it('leaves out, and names, what it cannot read or may not set', () => {
    const { policy, rejected } = readPreferencesPolicy({
      defaults: { badgeCounts: 'everything', doNotDisturb: true, quietHours: { enabled: true, from: '25:00' }, roomAlerts: { a: 'every', b: 'loud' }, sound: true, colour: 'red' },
      locked: ['sound', 'snoozedUntil', 7],
      extra: 1,
    });
    expect(policy.defaults).toEqual({ roomAlerts: { a: 'every' }, sound: true });
    expect([...policy.locked]).toEqual(['sound']);
    expect(rejected.sort()).toEqual(['defaults.badgeCounts', 'defaults.colour', 'defaults.doNotDisturb', 'defaults.quietHours', 'defaults.roomAlerts.b', 'extra', 'locked.1', 'locked.2']);
    expect(readPreferencesPolicy('junk')).toEqual({ policy: NO_POLICY, rejected: ['preferences'] });
    expect(readPreferencesPolicy(null)).toEqual({ policy: NO_POLICY, rejected: [] });
  });

  it('reads an earlier version\'s whole object: a field at its built-in default was not chosen, any other value was', () => {
    const policy = { defaults: { badgeCounts: 'notifications-and-chats', alerts: false } };
    expect(merged(policy, earlierWhole)).toMatchObject({ badgeCounts: 'notifications-and-chats', alerts: false, doNotDisturb: true });
    expect(merged(policy, { ...earlierWhole, badgeCounts: 'notifications-and-chats', alerts: true, ownOnly: true })).toMatchObject({ alerts: true });
    // Written since: the member chose the built-in default, and it holds.
    expect(merged(policy, { ...earlierWhole, ownOnly: true })).toMatchObject({ badgeCounts: 'notifications', alerts: true });
  });
});

describe('writing the member\'s change', () => {
  const policy = policyOf({ defaults: { badgeCounts: 'dms-and-mentions', sound: true, roomAlerts: { news: 'every' } }, locked: ['sound', 'roomAlerts'] });
  const current = (stored: unknown) => mergePreferences(policy, stored).preferences;

  it('stores only the member\'s own fields, marked, even when handed the whole object back', () => {
    const stored = { doNotDisturb: true };
    const next = ownAfterChange(policy, stored, current(stored), { ...current(stored), alerts: false });
    expect(next).toEqual({ doNotDisturb: true, alerts: false, ownOnly: true });
    expect(mergePreferences(policy, next).preferences).toMatchObject({ badgeCounts: 'dms-and-mentions', alerts: false });
  });

  it('does not write a locked field; writes a choice that matches the policy\'s default once the member has it', () => {
    expect(ownAfterChange(policy, {}, current({}), { sound: false })).toEqual({ ownOnly: true });
    const chats = ownAfterChange(policy, {}, current({}), { badgeCounts: 'chats' });
    expect(ownAfterChange(policy, chats, current(chats), { badgeCounts: 'dms-and-mentions' })).toEqual({ badgeCounts: 'dms-and-mentions', ownOnly: true });
  });

  it('writes room choices room by room, keeps the member\'s own under a fixed room, and a mute of it underneath', () => {
    const stored = { roomAlerts: { news: 'mentions' }, mutedRooms: ['news'] };
    const seen = current(stored);
    expect(seen.roomAlerts).toEqual({ news: 'every' });
    expect(seen.mutedRooms).toEqual([]);
    const next = ownAfterChange(policy, stored, seen, { roomAlerts: { ...seen.roomAlerts, help: 'mentions' }, mutedRooms: ['other'] });
    expect(next).toEqual({ roomAlerts: { help: 'mentions', news: 'mentions' }, mutedRooms: ['other', 'news'], ownOnly: true });
  });

  it('turns an earlier whole object into the member\'s own choices on the first write', () => {
    expect(ownAfterChange(policy, earlierWhole, current(earlierWhole), { onlyDmsAndMentions: true })).toEqual({ doNotDisturb: true, onlyDmsAndMentions: true, ownOnly: true });
  });
});

describe('the popup\'s zod-free reading', () => {
  it('knows the built-in defaults an earlier whole object copied in', () => {
    const builtIn = parsePreferences({});
    expect(EARLIER_DEFAULTS).toEqual(Object.fromEntries(EARLIER_FIELDS.map((field) => [field, builtIn[field]])));
  });

  it('agrees with the merge on muted rooms, resetting the count and the waiting time', () => {
    const policies = [
      undefined, { defaults: { resetCountOnOpen: false } }, { defaults: { resetCountOnOpen: false }, locked: ['resetCountOnOpen'] }, { defaults: { roomAlerts: { news: 'every' } }, locked: ['roomAlerts'] }, { locked: ['resetCountOnOpen'] },
      { defaults: { waitingAfterHours: 8 } }, { defaults: { waitingAfterHours: 24 }, locked: ['waitingAfterHours'] }, { defaults: { waitingAfterHours: 0.1 } },
    ];
    const stored = [
      undefined, {}, { resetCountOnOpen: true }, { resetCountOnOpen: false, mutedRooms: ['news', 'other'] }, earlierWhole, { ...earlierWhole, ownOnly: true }, { mutedRooms: ['a', 3] }, { resetCountOnOpen: 'no' },
      { waitingAfterHours: 2 }, { waitingAfterHours: 500 }, { waitingAfterHours: '1' },
    ];
    for (const policy of policies) {
      for (const own of stored) {
        const { mutedRooms, resetCountOnOpen, waitingAfterHours } = merged(policy, own);
        expect(popupPreferences(own, policy), JSON.stringify({ policy, own })).toEqual({ mutedRooms, resetCountOnOpen, waitingAfterHours });
      }
    }
  });

  it('agrees with the merge on a room\'s alert choice, and says which rooms the policy fixes', () => {
    const policies = [
      undefined, { defaults: { roomAlerts: { news: 'every', help: 'mentions' } } }, { defaults: { roomAlerts: { news: 'every' } }, locked: ['roomAlerts'] },
      { defaults: { onlyDmsAndMentions: true } }, { defaults: { onlyDmsAndMentions: true }, locked: ['onlyDmsAndMentions'] },
    ];
    const stored = [
      undefined, {}, { mutedRooms: ['news', 'help'] }, { roomAlerts: { news: 'mentions', other: 'every' } }, { onlyDmsAndMentions: false }, { onlyDmsAndMentions: true, roomAlerts: { help: 'every' } }, earlierWhole,
    ];
    for (const policy of policies) {
      for (const own of stored) {
        const prefs = merged(policy, own);
        const fixed = new Set(policyOf(policy).locked.has('roomAlerts') ? Object.keys(policyOf(policy).defaults.roomAlerts ?? {}) : []);
        for (const room of ['news', 'help', 'other']) {
          for (const direct of [false, true]) {
            const level = prefs.mutedRooms.includes(room) ? 'never' : (prefs.roomAlerts[room] ?? (prefs.onlyDmsAndMentions && !direct ? 'mentions' : 'every'));
            expect(roomAlertOf(own, policy, room, direct), JSON.stringify({ policy, own, room, direct })).toEqual({ level, locked: fixed.has(room) });
          }
        }
      }
    }
  });
});
