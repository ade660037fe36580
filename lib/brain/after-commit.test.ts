// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parsePreferences } from '../settings/preferences';
import { parseCommunitySettings, type CommunitySettings } from '../settings/schema';
import { message, room } from '../store/testing';
import { afterCommit, ALERT_SPACING_MS, type AfterCommitDeps } from './after-commit';
import { openMembership, openSession } from './opening';
import { Publisher } from './publish';
import { RoomChannels } from './live-rooms';
import type { Session, SignedIn } from './session';
import { FakeBrowser } from './testing';

const CIRCLE = 'https://circle.test';
const COMMUNITY = `${CIRCLE}/7`;

function signedIn(browser: FakeBrowser) {
  const parsed = parseCommunitySettings(browser.settings);
  if (!parsed.ok) throw new Error('test settings do not validate');
  const settings: CommunitySettings = parsed.settings;
  const fetch = () => Promise.reject(new TypeError('no network in this test'));
  const deps = { port: browser.port, fetch, logger: {} };
  const s = openSession(settings, parsePreferences({}), { ...deps, isCurrent: () => true });
  const state = { current: s as Session | undefined };
  const publisher = new Publisher({ port: browser.port, current: () => state.current, online: () => true, startedAt: 0 });
  const roomChannels = new RoomChannels({ host: { configure: async () => undefined, reconnectNow: async () => {} }, publisher, port: browser.port, current: () => state.current });
  const committing: AfterCommitDeps = { port: browser.port, publisher, roomChannels, logger: {}, current: () => state.current };
  const syncing = { publisher, logger: {}, current: () => state.current };
  const member: SignedIn = openMembership(s, { id: 7, name: 'Me' }, { ...deps, syncing, rejected: () => {}, onChange: (change, announced) => afterCommit(member, change, announced, committing) });
  return { s: member, state };
}

describe('after a commit', () => {
  afterEach(() => vi.useRealTimers());
  it('raises the alert from what the batch committed, announces the change and redraws the first screen', async () => {
    const browser = new FakeBrowser({ circleUrl: CIRCLE, origin: CIRCLE, auth: { mode: 'tokens', accessToken: 'a', refreshToken: 'r' } });
    const { s, state } = signedIn(browser);
    const { live } = s.member;
    await live.commit([{ type: 'roomSnapshot', room: room('r1', { community: COMMUNITY, name: 'General' }), at: 1 }]);
    const now = Date.now();
    await live.commit([{ type: 'newMessage', message: message(1, 'r1', { community: COMMUNITY, sentAt: now, body: 'hello there' }), at: now }]);
    await s.member.alerting;
    expect(browser.alerts.map((alert) => `${alert.title} | ${alert.message}`)).toEqual(['General | Ada: hello there']);
    expect(browser.changes.map((change) => change.rooms)).toEqual([['r1'], ['r1']]);
    expect(browser.steps).toContain(`first screen ${COMMUNITY}`);

    // Replaced (sign-out, a settings change): what it still commits sets nothing off.
    state.current = undefined;
    await live.commit([{ type: 'newMessage', message: message(2, 'r1', { community: COMMUNITY, sentAt: now, body: 'late' }), at: now }]);
    await s.member.alerting;
    expect(browser.alerts).toHaveLength(1);
    expect(browser.changes).toHaveLength(2);
    s.member.dispose();
  });
  it('raises the alerts of the batches committed while earlier alerts were raised once, from all of them', async () => {
    const browser = new FakeBrowser({ circleUrl: CIRCLE, origin: CIRCLE, auth: { mode: 'tokens', accessToken: 'a', refreshToken: 'r' } });
    browser.preferences = { sound: true };
    const { s } = signedIn(browser);
    const { live } = s.member;
    const uuids = ['r1', 'r2', 'r3', 'r4', 'r5'];
    await live.commit(uuids.map((uuid) => ({ type: 'roomSnapshot' as const, room: room(uuid, { community: COMMUNITY, name: uuid }), at: 1 })));
    // The first batch's alerts wait for the preferences while four more batches commit.
    let release!: () => void;
    const answered = new Promise<void>((resolve) => (release = resolve));
    const read = browser.port.preferences;
    browser.port.preferences = async () => {
      await answered;
      return read();
    };
    const now = Date.now();
    for (const [i, uuid] of uuids.entries()) {
      await live.commit([{ type: 'newMessage', message: message(i + 1, uuid, { community: COMMUNITY, sentAt: now, body: `in ${uuid}` }), at: now }]);
    }
    release();
    await s.member.alerting;
    // Batch by batch it would be five alerts and five sounds; the four that waited raise the usual few, once.
    expect(browser.alerts.map((alert) => alert.id)).toEqual(['room:r1', 'room:r2', 'room:r3', 'room:r4']);
    expect(browser.steps.filter((step) => step === 'sound')).toHaveLength(2);
    s.member.dispose();
  });
  it("raises alerts at most every ALERT_SPACING_MS after alerts went out, the first at once, a room's on its latest message, none once signed out", async () => {
    // setTimeout and Date only: fake-indexeddb runs on setImmediate.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const browser = new FakeBrowser({ circleUrl: CIRCLE, origin: CIRCLE, auth: { mode: 'tokens', accessToken: 'a', refreshToken: 'r' } });
    browser.preferences = { mutedRooms: ['r2'] };
    const { s, state } = signedIn(browser);
    const { live } = s.member;
    await live.commit(['r1', 'r2'].map((uuid) => ({ type: 'roomSnapshot' as const, room: room(uuid, { community: COMMUNITY, name: uuid === 'r1' ? 'General' : 'Muted' }), at: 1 })));
    const say = async (id: number, body: string, uuid = 'r1') => {
      const now = Date.now();
      await live.commit([{ type: 'newMessage', message: message(id, uuid, { community: COMMUNITY, sentAt: now, body }), at: now }]);
    };
    // A batch that raised nothing holds nothing back.
    await say(100, 'muted', 'r2');
    await s.member.alerting;
    expect(browser.alerts).toEqual([]);
    await say(1, 'first');
    await s.member.alerting;
    expect(browser.alerts.map((alert) => alert.message)).toEqual(['Ada: first']);

    await vi.advanceTimersByTimeAsync(100);
    await say(2, 'second');
    await say(3, 'third');
    await vi.advanceTimersByTimeAsync(ALERT_SPACING_MS - 200);
    expect(browser.alerts).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(100);
    await s.member.alerting;
    expect(browser.alerts.map((alert) => alert.message)).toEqual(['Ada: first', 'Ada: third (+1)']);

    // Long after: at once again.
    await vi.advanceTimersByTimeAsync(ALERT_SPACING_MS * 3);
    await say(4, 'fourth');
    await s.member.alerting;
    expect(browser.alerts).toHaveLength(3);

    // Signed out while the next alerts waited their turn: they never go out.
    await say(5, 'fifth');
    state.current = undefined;
    await vi.advanceTimersByTimeAsync(ALERT_SPACING_MS);
    await s.member.alerting;
    expect(browser.alerts).toHaveLength(3);
    s.member.dispose();
  });
});
