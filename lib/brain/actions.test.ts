// @vitest-environment node
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO, startSimulator, type Simulator } from '../../simulator/index';
import { CircleApi } from '../circle/api';
import { openDatabase } from '../store/db';
import { Store } from '../store/store';
import { perform, HISTORY_PAGE } from './actions';
import { Live } from './live';
import { Sync } from './rest-sync';
import type { MemberAction } from '../wire/messages';

/**
 * The popup's bulk actions and history pages, performed by the brain against the local
 * Circle over real HTTP: the store changes at once, and Circle's own REST agrees afterwards.
 */
let sim: Simulator;
let n = 0;
beforeEach(async () => void (sim = await startSimulator({ port: 0 })));
afterEach(() => sim.stop());

async function signedIn(options: { refuse?: RegExp; retention?: number } = {}) {
  const refusing = { on: false };
  const community = `${sim.url}/${DEMO.communityId}`;
  const { access_token: token } = sim.issueTokens(DEMO.memberId);
  const store = new Store(await openDatabase(`actions-${++n}`), { messagesPerRoom: options.retention ?? 100, notifications: 200 });
  const refuse = options.refuse;
  // Refusing starts once signed in: the sign-in sync reads the same paths.
  const api = new CircleApi({
    circleUrl: sim.url,
    // A Circle that turns one call down, as it does when a member lost access meanwhile.
    fetch: (input, init) => (refusing.on && refuse?.test(`${init?.method ?? 'GET'} ${new URL(input).pathname}`)
      ? Promise.resolve(new Response(JSON.stringify({ success: false, message: 'Not allowed.', error_details: {} }), { status: 422, headers: { 'Content-Type': 'application/json' } }))
      : fetch(input, init)),
    accessToken: async () => token,
    refreshedToken: async () => token,
  });
  const live = new Live({ community, memberId: DEMO.memberId, store, api, logger: {}, onResync: () => undefined, onChange: () => undefined });
  await new Sync({ api, community, recentRooms: 3, target: { apply: async (events, rejected) => (await store.apply(community, DEMO.memberId, events, rejected)).change, rooms: () => store.rooms(community), newestMessageId: (uuid) => store.newestMessageId(community, uuid) } }).signIn();
  refusing.on = true;
  const act = (request: MemberAction) => perform({ api, live, store, community }, request);
  const circle = async <T>(path: string): Promise<T> => (await (await fetch(`${sim.url}/api/headless/v1${path}`, { headers: { Authorization: `Bearer ${token}` } })).json()) as T;
  return { store, community, act, circle, live };
}

describe('mark all as read', () => {
  it('chats: every unread room reads 0 in the cache, and Circle lists no unread room', async () => {
    const { store, community, act, circle } = await signedIn();
    expect((await store.rooms(community)).filter((r) => r.unread > 0).length).toBeGreaterThan(1);
    expect(await act({ action: 'mark-all-read', what: 'chats' })).toEqual({ ok: true });
    expect((await store.rooms(community)).filter((r) => r.unread > 0)).toEqual([]);
    expect((await circle<{ chat_rooms: string[] }>('/messages/unread_chat_rooms')).chat_rooms).toEqual([]);
  });

  it('chats: a room Circle refuses goes back to unread, the rest stay read', async () => {
    const before = (await (await signedIn()).store.rooms(`${sim.url}/${DEMO.communityId}`)).filter((r) => r.unread > 0);
    const refused = before[0]!;
    const { store, community, act, circle } = await signedIn({ refuse: new RegExp(`POST .*/messages/${refused.uuid}/mark_all_as_read`) });
    const result = await act({ action: 'mark-all-read', what: 'chats' });
    expect(result.ok).toBe(false);
    expect(result.error).toBeTruthy();
    const after = await store.rooms(community);
    expect(after.filter((r) => r.unread > 0).map((r) => [r.uuid, r.unread])).toEqual([[refused.uuid, refused.unread]]);
    expect((await circle<{ chat_rooms: string[] }>('/messages/unread_chat_rooms')).chat_rooms).toEqual([refused.uuid]);
  });

  it('notifications: all read and the new count 0, in the cache and at Circle', async () => {
    const { store, community, act, circle, live } = await signedIn();
    expect((await store.notifications(community)).some((x) => !x.readAt)).toBe(true);
    expect(await act({ action: 'mark-all-read', what: 'notifications' })).toEqual({ ok: true });
    expect((await store.notifications(community)).filter((x) => !x.readAt)).toEqual([]);
    expect(await store.counter(community, 'newNotifications')).toBe(0);
    expect(live.count).toBe(0);
    expect((await circle<{ records: unknown[] }>('/notifications?status=unread')).records).toEqual([]);
    expect(await circle('/notifications/new_notifications_count')).toMatchObject({ new_notifications_count: 0 });
  });

  it('notifications: refused, the cache is as it was', async () => {
    const { store, community, act } = await signedIn({ refuse: /POST .*\/notifications\/mark_all_as_read/ });
    const unread = (await store.notifications(community)).filter((x) => !x.readAt).map((x) => x.id);
    const count = await store.counter(community, 'newNotifications');
    expect(count).toBeGreaterThan(0);
    expect((await act({ action: 'mark-all-read', what: 'notifications' })).ok).toBe(false);
    expect((await store.notifications(community)).filter((x) => !x.readAt).map((x) => x.id)).toEqual(unread);
    expect(await store.counter(community, 'newNotifications')).toBe(count);
  });
});

describe('history on demand', () => {
  it('a room sign-in did not fetch: the newest page, then older pages to the first message, each stored within retention', async () => {
    const { store, community, act } = await signedIn({ retention: 40 });
    const rooms = await store.rooms(community);
    const simRoom = [...sim.community.rooms.values()].filter((r) => sim.community.participantOf(r, DEMO.memberId)).sort((a, b) => sim.community.timeline(b).length - sim.community.timeline(a).length)[0]!;
    const timeline = sim.community.timeline(simRoom).map((m) => m.id);
    expect(timeline.length).toBeGreaterThan(HISTORY_PAGE);
    expect(rooms.some((r) => r.uuid === simRoom.uuid)).toBe(true);
    await store.clear(community);
    const newest = await act({ action: 'load-history', uuid: simRoom.uuid });
    expect(newest.ok).toBe(true);
    expect(newest.messages?.map((m) => m.id)).toEqual(timeline.slice(-HISTORY_PAGE));
    expect(newest.hasPrevious).toBe(true);
    expect((await store.messages(community, simRoom.uuid)).map((m) => m.id)).toEqual(timeline.slice(-HISTORY_PAGE));
    const seen = [...newest.messages!];
    for (let page = newest; page.hasPrevious; ) {
      page = await act({ action: 'load-history', uuid: simRoom.uuid, before: seen[0]!.id });
      expect(page.ok).toBe(true);
      expect(page.messages!.length).toBeGreaterThan(0);
      seen.unshift(...page.messages!);
    }
    expect(seen.map((m) => m.id)).toEqual(timeline);
    // The cache keeps only its newest 40: what is older lives in the page that asked for it.
    expect((await store.messages(community, simRoom.uuid)).length).toBeLessThanOrEqual(40 + 1);
  });

  it('Circle unreachable: a plain failure, nothing stored', async () => {
    const { store, community, act } = await signedIn({ refuse: /GET .*\/chat_room_messages/ });
    const [room] = await store.rooms(community);
    await store.clear(community);
    const result = await act({ action: 'load-history', uuid: room!.uuid });
    expect(result.ok).toBe(false);
    expect(result.error).toBeTruthy();
    expect(await store.messages(community, room!.uuid)).toEqual([]);
  });
});

describe('sending a message', () => {
  it('goes to Circle as a TipTap body, and is stored once, by the id Circle gave it', async () => {
    const { store, community, act } = await signedIn();
    const room = sim.community.roomsOf(DEMO.memberId).find((r) => r.name === 'Launch Crew')!;
    const result = await act({ action: 'send-message', uuid: room.uuid, text: 'On my way\nsee you\n\nat ten' });
    expect(result).toEqual({ ok: true, creationUuid: expect.any(String), messageId: expect.any(Number) });
    const sent = sim.community.messages.get(result.messageId!)!;
    expect(sent).toMatchObject({ body: 'On my way\nsee you\n\nat ten', senderId: DEMO.memberId, creationUuid: result.creationUuid, parentId: null });
    const stored = (await store.messages(community, room.uuid)).filter((m) => m.creationUuid === result.creationUuid);
    expect(stored.map((m) => m.id)).toEqual([result.messageId]);
    expect(stored[0]?.sender?.memberId).toBe(DEMO.memberId);
  });

  it('refused by Circle (422): not sent, Circle\'s reason back as a code, nothing stored', async () => {
    const { store, community, act } = await signedIn();
    const room = sim.community.roomsOf(DEMO.memberId).find((r) => r.name === 'Launch Crew')!;
    const before = sim.community.timeline(room).length;
    sim.control.configure({ refuse_messages: true });
    const result = await act({ action: 'send-message', uuid: room.uuid, text: 'hello' });
    expect(result.ok).toBe(false);
    expect(result.error).toEqual({ code: 'rejected' });
    expect(sim.community.timeline(room)).toHaveLength(before);
    expect((await store.messages(community, room.uuid)).some((m) => m.sender?.memberId === DEMO.memberId && m.body === 'hello')).toBe(false);
  });
});
