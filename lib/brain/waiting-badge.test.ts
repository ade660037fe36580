// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { parsePreferences } from '../settings/preferences';
import { parseCommunitySettings } from '../settings/schema';
import { room } from '../store/testing';
import { openMembership, openSession } from './opening';
import { Publisher } from './publish';
import { RoomChannels } from './live-rooms';
import type { SignedIn } from './session';
import { FakeBrowser } from './testing';

const CIRCLE = 'https://circle.test';
const COMMUNITY = `${CIRCLE}/7`;
const HOUR = 3_600_000;

function signedIn(browser: FakeBrowser, preferences: unknown) {
  const parsed = parseCommunitySettings(browser.settings);
  if (!parsed.ok) throw new Error('test settings do not validate');
  const deps = { port: browser.port, fetch: () => Promise.reject(new TypeError('no network in this test')), logger: {} };
  const s = openSession(parsed.settings, parsePreferences(preferences), { ...deps, isCurrent: () => true });
  const publisher = new Publisher({ port: browser.port, current: () => s, online: () => true, startedAt: 0 });
  const roomChannels = new RoomChannels({ host: { configure: async () => undefined, reconnectNow: async () => {} }, publisher, port: browser.port, current: () => s });
  const member: SignedIn = openMembership(s, { id: 7, name: 'Me' }, { ...deps, syncing: { publisher, logger: {}, current: () => s }, rejected: () => {}, onChange: () => {} });
  return { member, roomChannels };
}

describe('the badge modes in the background', () => {
  it('counts DMs waiting on the member and sets the alarm for the next one to cross the threshold', async () => {
    const browser = new FakeBrowser({ circleUrl: CIRCLE, origin: CIRCLE, auth: { mode: 'tokens', accessToken: 'a', refreshToken: 'r' } });
    const { member: s, roomChannels } = signedIn(browser, { badgeCounts: 'waiting', waitingAfterHours: 4, mutedRooms: ['muted'] });
    const now = s.member.live.serverNow();
    const said = (memberId: number, hoursAgo: number) => ({ id: 1, body: 'hi', sentAt: now - hoursAgo * HOUR, sender: { memberId, name: 'X' } });
    await s.member.live.commit([
      { type: 'roomSnapshot', room: room('r1', { community: COMMUNITY, kind: 'direct', unread: 1, lastMessage: said(2, 6) }), at: 1 },
      { type: 'roomSnapshot', room: room('r2', { community: COMMUNITY, kind: 'direct', lastMessage: said(3, 1) }), at: 1 },
      { type: 'roomSnapshot', room: room('r3', { community: COMMUNITY, kind: 'direct', lastMessage: said(7, 9) }), at: 1 },
      { type: 'roomSnapshot', room: room('muted', { community: COMMUNITY, kind: 'direct', unread: 4, lastMessage: said(3, 9) }), at: 1 },
      { type: 'roomSnapshot', room: room('g1', { community: COMMUNITY, unread: 2 }), at: 1 },
      { type: 'countSnapshot', count: 5, at: 1 },
    ]);
    const plan = await roomChannels.plan(s);
    expect(plan.tallies).toEqual({ chats: 3, direct: 1, mentions: 0, waiting: 1, waitingDirect: 1 });
    // r2 crosses the threshold three hours from now, on the browser's clock as on Circle's here.
    expect(Math.abs(plan.waitingAt! - (now + 3 * HOUR))).toBeLessThan(1_000);
    await roomChannels.waitUntil(s, plan.waitingAt);
    await roomChannels.waitUntil(s, plan.waitingAt);
    expect(browser.alarms).toEqual(['create waiting']);
    await roomChannels.waitUntil(s, undefined);
    expect(browser.alarms).toEqual(['create waiting', 'clear waiting']);
    s.member.dispose();
  });

  it('reads no threads and sets no alarm outside the waiting mode', async () => {
    const browser = new FakeBrowser({ circleUrl: CIRCLE, origin: CIRCLE, auth: { mode: 'tokens', accessToken: 'a', refreshToken: 'r' } });
    const { member: s, roomChannels } = signedIn(browser, { badgeCounts: 'dms-and-mentions' });
    await s.member.live.commit([
      { type: 'roomSnapshot', room: room('r1', { community: COMMUNITY, kind: 'direct', unread: 2, lastMessage: { id: 1, body: 'x', sentAt: 0, sender: { memberId: 2, name: 'X' } } }), at: 1 },
      { type: 'notificationSnapshot', notification: { community: COMMUNITY, id: 1, createdAt: 1, action: 'mention' }, at: 1 },
    ]);
    const plan = await roomChannels.plan(s);
    expect(plan.tallies).toEqual({ chats: 2, direct: 2, mentions: 1, waiting: 0, waitingDirect: 0 });
    expect(plan.waitingAt).toBeUndefined();
    s.member.dispose();
  });
});
