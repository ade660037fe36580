// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Room } from '../circle/model';
import type { Change } from '../store/change';
import { message, room } from '../store/testing';
import type { Store } from '../store/store';
import { raiseAlerts } from './alerting';
import { Communities } from './communities';
import { ALARM_QUIET_END, AWAY_SUMMARY_ID, awaySummaryUrl } from './quiet-keeper';
import { FakeBrowser, FakeSharedBrowser } from './testing';

const NOW = Date.parse('2026-12-02T10:00:00Z');

function coordinator() {
  const shared = new FakeSharedBrowser();
  const created: [string, number][] = [];
  const create = shared.port.alarms.create;
  shared.port.alarms.create = async (name, when) => {
    created.push([name, when]);
    await create(name, when);
  };
  const communities = new Communities({ host: { configure: async () => undefined, reconnectNow: async () => {} }, port: shared.port, fetch: async () => new Response('', { status: 500 }), online: () => true, logger: {} });
  return { shared, created, communities, quiet: communities.quiet };
}

const batch = (community: string, rooms: Record<string, number>, notifications = 0) => ({ community, rooms: new Map(Object.entries(rooms)), notifications });

describe('the quiet keeper', () => {
  beforeEach(() => {
    // The clock only: IndexedDB's fake, behind the coordinator's start, runs on real timers.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
  });
  afterEach(() => vi.useRealTimers());

  it('tallies what two communities held, sets the alarm for the end, and on the alarm raises one summary', async () => {
    const { shared, created, communities, quiet } = coordinator();
    shared.preferences = { snoozedUntil: NOW + 30 * 60_000 };
    await Promise.all([quiet.hold(batch('a', { r1: 2 })), quiet.hold(batch('b', { r1: 1, r2: 1 }, 1))]);
    expect(created.at(-1)).toEqual([ALARM_QUIET_END, NOW + 30 * 60_000]);
    expect(shared.alerts).toEqual([]);
    // The alarm firing early (a clock changed) finds the member still away: nothing yet.
    await communities.onAlarm(ALARM_QUIET_END);
    expect(shared.alerts).toEqual([]);

    vi.setSystemTime(NOW + 30 * 60_000);
    await communities.onAlarm(ALARM_QUIET_END);
    expect(shared.alerts).toEqual([{ id: AWAY_SUMMARY_ID, title: 'away', message: '4 in 3, 1', silent: true }]);
    // Nothing left to sum; where its click goes stays (a tie goes to the first to hold).
    expect(shared.held).toEqual({ rooms: {}, notifications: 0, opens: { community: 'a' } });
    expect(shared.alarmNames.has(ALARM_QUIET_END)).toBe(false);
    // Once: a second alarm or check has nothing left to say.
    await communities.onAlarm(ALARM_QUIET_END);
    expect(shared.alerts).toHaveLength(1);
  });

  it('keeps the tally across a worker restart: a new keeper reads it back and sums on', async () => {
    const first = coordinator();
    first.shared.preferences = { doNotDisturb: true };
    await first.quiet.hold(batch('a', { r1: 2 }));
    // Do Not Disturb has no end to wake for.
    expect(first.shared.alarmNames.has(ALARM_QUIET_END)).toBe(false);
    const again = coordinator();
    Object.assign(again.shared, { preferences: first.shared.preferences, held: first.shared.held });
    await again.quiet.hold(batch('a', { r1: 1, r9: 1 }));
    again.shared.preferences = {};
    await again.communities.preferencesChanged(await again.shared.port.preferences());
    expect(again.shared.alerts.map((a) => a.message)).toEqual(['4 in 2, 0']);
  });

  it('raises nothing when nothing was held, and with the summary off drops the tally silently', async () => {
    const { shared, quiet } = coordinator();
    await quiet.check();
    expect(shared.alerts).toEqual([]);
    shared.preferences = { doNotDisturb: true, awaySummary: false };
    await quiet.hold(batch('a', { r1: 3 }));
    shared.preferences = { awaySummary: false };
    await quiet.check();
    expect(shared.alerts).toEqual([]);
    expect(shared.held).toBeUndefined();
  });

  it('ends with quiet hours edited away, and a tally stored malformed is dropped, not trusted', async () => {
    const { shared, quiet } = coordinator();
    shared.preferences = { quietHours: { enabled: true, from: '09:00', to: '17:00', timeZone: 'UTC' } };
    await quiet.hold(batch('a', { r1: 1 }));
    expect(shared.alarmNames.has(ALARM_QUIET_END)).toBe(true);
    shared.held = { rooms: { 'a/r1': 1, 'a/bad': 'many' }, notifications: 0 };
    shared.preferences = { quietHours: { enabled: false } };
    await quiet.check();
    expect(shared.alerts.map((a) => a.message)).toEqual(['1 in 1, 0']);
    expect(quiet.rejected).toBe(1);
  });

  it('a summary click clears it and forgets where it went, keeping a tally held since', async () => {
    const { shared, communities, quiet } = coordinator();
    shared.preferences = { snoozedUntil: NOW + 60_000 };
    await quiet.hold(batch('a', { r1: 3 }));
    vi.setSystemTime(NOW + 60_000);
    await quiet.check();
    expect(shared.held).toEqual({ rooms: {}, notifications: 0, opens: { community: 'a', room: 'r1' } });
    shared.preferences = { doNotDisturb: true };
    await quiet.hold(batch('b', { r2: 1 }));
    const cleared: string[] = [];
    const opened: string[] = [];
    shared.port.alerts.clear = async (id) => void cleared.push(id);
    shared.port.alerts.openInCommunityTab = async (url) => void opened.push(url);
    await communities.alertClicked(AWAY_SUMMARY_ID);
    expect(cleared).toEqual([AWAY_SUMMARY_ID]);
    // No community is signed in here, so there is nowhere to go.
    expect(opened).toEqual([]);
    expect(shared.held).toEqual({ rooms: { 'b/r2': 1 }, notifications: 0 });
    expect(await quiet.opened()).toBeUndefined();
  });

  it('a summary click goes to the one room held, else the chats of the community that held most, else the first community\'s notifications', () => {
    const signedIn = [
      { origin: 'https://one.example.com', community: 'a' },
      { origin: 'https://two.example.com/', community: 'b' },
    ];
    expect(awaySummaryUrl({ community: 'b', room: 'r 1' }, signedIn)).toBe('https://two.example.com/messages/r%201');
    expect(awaySummaryUrl({ community: 'b' }, signedIn)).toBe('https://two.example.com/messages');
    expect(awaySummaryUrl({}, signedIn)).toBe('https://one.example.com/notifications');
    // A community signed out of since: the first one's notifications rather than nothing.
    expect(awaySummaryUrl({ community: 'gone', room: 'r1' }, signedIn)).toBe('https://one.example.com/notifications');
    expect(awaySummaryUrl({ community: 'a' }, [])).toBeUndefined();
  });
});

describe('alerting while quiet', () => {
  const rooms = new Map<string, Room | undefined>([
    ['dm', room('dm', { kind: 'direct', name: 'Ada' })],
    ['group', room('group', { kind: 'group_chat', name: 'Makers' })],
  ]);
  const change = { newNotifications: [] } as unknown as Change;
  const fresh = (id: number, roomUuid: string, over = {}) => message(id, roomUuid, { sentAt: NOW - 1_000, ...over });

  async function deliver(preferences: object) {
    const browser = new FakeBrowser();
    browser.preferences = preferences;
    const messages = [fresh(1, 'group'), fresh(2, 'group'), fresh(3, 'group'), fresh(4, 'dm'), fresh(5, 'dm', { sender: { memberId: 7, name: 'Me' } }), fresh(6, 'group', { sentAt: NOW - 10 * 60_000 })];
    await raiseAlerts(change, { messages, rooms }, { port: browser.port, store: {} as Store, community: 'c1', memberId: 7, origin: 'https://community.example', logger: {}, now: NOW });
    return browser;
  }

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
  });
  afterEach(() => vi.useRealTimers());

  it('holds, counting each message the rules would have let through, and raises none', async () => {
    for (const preferences of [{ doNotDisturb: true }, { snoozedUntil: NOW + 60_000 }, { quietHours: { enabled: true, from: '09:00', to: '11:00', timeZone: 'UTC' } }]) {
      const browser = await deliver(preferences);
      expect(browser.alerts).toEqual([]);
      expect(browser.held).toEqual([{ community: 'c1', rooms: new Map([['group', 3], ['dm', 1]]), notifications: 0 }]);
    }
  });

  it('holds within the member rules: a muted room is not counted, and with alerts off nothing is', async () => {
    expect((await deliver({ doNotDisturb: true, mutedRooms: ['group'] })).held).toEqual([{ community: 'c1', rooms: new Map([['dm', 1]]), notifications: 0 }]);
    expect((await deliver({ doNotDisturb: true, alerts: false })).held).toEqual([]);
  });

  it('raises as before once the snooze is over', async () => {
    const browser = await deliver({ snoozedUntil: NOW });
    expect(browser.held).toEqual([]);
    expect(browser.alerts.map((a) => a.id)).toEqual(['room:group', 'room:dm']);
  });
});
