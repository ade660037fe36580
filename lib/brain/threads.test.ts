// @vitest-environment node
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { CircleApi } from '../circle/api';
import type { HostItem } from '../wire/messages';
import { openDatabase } from '../store/db';
import { Queries } from '../store/queries';
import { Store } from '../store/store';
import { threadSchema, toThread } from '../circle/records';
import { Live } from './live';
import { Sync } from './rest-sync';
import { heard } from '../host/heard';

const COMMUNITY = 'http://circle.test/7';
const THREADS = '{"channel":"Chats::CommunityMemberThreadsChannel","community_member_id":7}';
const ROOM = '{"channel":"Chats::RoomChannel","chat_room_id":3}';
let n = 0;

function reply(id: number, identifier: string, sentAt = Date.now() - 1_000, thread = 40): HostItem {
  const at = new Date(sentAt).toISOString();
  return heard(identifier, { event: 'newMessage', id, chat_room_uuid: 'room-3', body: `reply ${id}`, sent_at: at, created_at: at, sender: { id: 80, community_member_id: 8, name: 'Ada' }, parent_message_id: 500, chat_thread_id: thread }, COMMUNITY, Date.now());
}

const threadRecord = (id: number, lastReplyId: number, sentAt: number) => ({
  id,
  parent_message: { id: 500 + id, chat_room_uuid: 'room-3', body: 'The parent', sent_at: new Date(sentAt - 60_000).toISOString(), chat_thread_id: id, replies_count: 1, sender: { id: 81, name: 'Bo' } },
  replies: [{ id: lastReplyId, chat_room_uuid: 'room-3', body: 'Last reply', sent_at: new Date(sentAt).toISOString(), parent_message_id: 500 + id, chat_thread_id: id, sender: { id: 80, name: 'Ada' } }],
  chat_room: { kind: 'group_chat', name: 'Launch Crew' },
});

async function setUp(circle: { threads?: unknown[]; unread?: number[] } = {}) {
  const db = await openDatabase(`threads-${++n}`);
  const store = new Store(db);
  const api = {
    room: () => Promise.reject(new Error('offline')),
    rooms: async () => ({ records: [], hasNext: false, rejected: 0 }),
    notifications: async () => ({ records: [], hasNext: false, rejected: 0 }),
    newNotificationsCount: async () => 0,
    threads: async () => ({ records: (circle.threads ?? []).map((r) => toThread(COMMUNITY, threadSchema.parse(r))), hasNext: false, rejected: 0 }),
    unreadThreadIds: async () => circle.unread ?? [],
    thread: () => Promise.reject(new Error('not asked')),
  } as unknown as CircleApi;
  const live = new Live({ community: COMMUNITY, memberId: 7, store, api, logger: {}, onChange: () => undefined, onResync: () => undefined });
  const sync = new Sync({ api, community: COMMUNITY, recentRooms: 0, now: () => Date.now(), target: { apply: (events, rejected) => live.commit(events, rejected), rooms: async () => [], newestMessageId: async () => undefined, threads: () => store.threads(COMMUNITY) } });
  const threads = () => new Queries(db, COMMUNITY).threads();
  return { live, sync, threads, circle, store };
}

describe('threads in the store', () => {
  it('a reply on the threads channel puts its thread in the list, unread, with its last reply; chatThreadRead clears it', async () => {
    const { live, threads } = await setUp();
    await live.absorb({ seq: 1, items: [reply(901, THREADS)] });
    const [thread] = await threads();
    expect(thread).toMatchObject({ id: 40, followed: true, roomUuid: 'room-3', parentMessageId: 500, unread: 1, lastReply: { id: 901, body: 'reply 901' } });
    await live.absorb({ seq: 2, items: [heard(THREADS, { event: 'chatThreadRead', chat_thread_id: 40 }, COMMUNITY, Date.now())] });
    expect((await threads())[0]?.unread).toBe(0);
  });

  it('the same reply on a room channel as well counts once; on a room channel alone it lists no thread', async () => {
    const { live, threads } = await setUp();
    await live.absorb({ seq: 1, items: [reply(902, ROOM, Date.now() - 2_000, 41)] });
    expect(await threads()).toEqual([]);
    await live.absorb({ seq: 2, items: [reply(902, THREADS, Date.now() - 2_000, 41), reply(903, ROOM, Date.now() - 1_000, 41), reply(903, THREADS, Date.now() - 1_000, 41)] });
    expect(await threads()).toMatchObject([{ id: 41, followed: true, unread: 2, lastReply: { id: 903 } }]);
  });

  it('a catch-up converges on Circle: listed threads come in, unread as Circle says, and a thread Circle no longer calls unread is cleared', async () => {
    const now = Date.now();
    const { live, sync, threads, circle } = await setUp({ threads: [threadRecord(50, 950, now - 5_000)], unread: [50] });
    await live.absorb({ seq: 1, items: [reply(904, THREADS, now - 10_000, 42)] });
    await sync.backfill();
    expect(await threads()).toMatchObject([
      { id: 50, followed: true, unread: 1, roomName: 'Launch Crew', parent: { id: 550, body: 'The parent' }, lastReply: { id: 950, body: 'Last reply' } },
      { id: 42, unread: 0 },
    ]);
    circle.unread = [];
    await sync.backfill();
    expect((await threads()).map((thread) => thread.unread)).toEqual([0, 0]);
  });

  it('a thread read here stays read through a catch-up that calls it unread, until a newer reply', async () => {
    const now = Date.now();
    const { live, sync, threads, circle } = await setUp({ threads: [threadRecord(60, 960, now - 5_000)], unread: [60] });
    await sync.backfill();
    await live.commit([{ type: 'chatThreadRead', threadId: 60, at: live.serverNow() }]);
    await sync.backfill();
    expect((await threads())[0]?.unread).toBe(0);
    circle.threads = [threadRecord(60, 961, Date.now() + 1_000)];
    await sync.backfill();
    expect((await threads())[0]).toMatchObject({ unread: 1, lastReply: { id: 961 } });
  });
});

describe('a room\'s backfill', () => {
  it('picks up after the newest timeline message, not after a newer thread reply (Circle\'s room window has no replies)', async () => {
    const { live, store } = await setUp();
    const at = new Date(Date.now() - 5_000).toISOString();
    await live.commit([{ type: 'messageSnapshot', message: { community: COMMUNITY, id: 500, roomUuid: 'room-3', sentAt: Date.parse(at), body: 'The parent', repliesCount: 0 }, at: Date.now() }]);
    await live.absorb({ seq: 1, items: [reply(905, THREADS)] });
    expect((await store.message(COMMUNITY, 905))?.parentId).toBe(500);
    expect(await store.newestMessageId(COMMUNITY, 'room-3')).toBe(500);
  });
});
