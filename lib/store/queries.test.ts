// @vitest-environment node
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './db';
import type { StoreEvent } from './events';
import { compareRooms, mergeRooms, Queries } from './queries';
import { Store } from './store';
import { COMMUNITY, ME, message, notification, room } from './testing';

let db: Database;
let store: Store;
let queries: Queries;
let n = 0;
beforeEach(async () => {
  db = await openDatabase(`queries-test-${++n}`);
  store = new Store(db);
  queries = new Queries(db, COMMUNITY);
});

const at = 50_000;
const apply = (...events: StoreEvent[]) => store.apply(COMMUNITY, ME, events);

describe('Queries reads what Store reads, without the writer', () => {
  it('lists rooms in the Store’s order: pinned first, then by activity, ties by uuid', async () => {
    await apply(
      { type: 'chatRoomCreated', room: room('r1', { lastActivityAt: 10 }), at },
      { type: 'chatRoomCreated', room: room('r2', { lastActivityAt: 30 }), at },
      { type: 'chatRoomCreated', room: room('r3', { lastActivityAt: 20, pinnedAt: 1 }), at },
      { type: 'chatRoomCreated', room: room('r4', { lastActivityAt: 30 }), at },
      { type: 'chatRoomCreated', room: room('r5', { lastActivityAt: 5 }), at },
    );
    await apply({ type: 'chatRoomDeleted', uuid: 'r5', at });
    const ours = (await queries.rooms()).map((r) => r.uuid);
    expect(ours).toEqual((await store.rooms(COMMUNITY)).map((r) => r.uuid));
    expect(ours).toEqual(['r3', 'r4', 'r2', 'r1']);
    expect(await queries.room('r5')).toBeUndefined();
    expect((await queries.roomsByUuid(['r1', 'r5', 'nope'])).map((r) => r?.uuid)).toEqual(['r1', undefined, undefined]);
  });

  it('keeps an archived room stored but out of the list, also when a change brings it', async () => {
    await apply(
      { type: 'chatRoomCreated', room: room('r1', { lastActivityAt: 10 }), at },
      { type: 'chatRoomCreated', room: room('r2', { lastActivityAt: 20, archived: true }), at },
    );
    expect((await queries.rooms()).map((r) => r.uuid)).toEqual(['r1']);
    expect((await queries.room('r2'))?.archived).toBe(true);
    const listed = await queries.rooms();
    expect(mergeRooms(listed, ['r2'], await queries.roomsByUuid(['r2'])).map((r) => r.uuid)).toEqual(['r1']);
  });

  it('gives a room’s newest timeline messages oldest first, without replies or placeholders', async () => {
    await apply({ type: 'chatRoomCreated', room: room('r1'), at });
    const events: StoreEvent[] = [];
    for (let id = 1; id <= 8; id++) events.push({ type: 'newMessage', message: message(id, 'r1'), at });
    events.push({ type: 'newMessage', message: message(9, 'r1', { parentId: 2, threadId: 1 }), at });
    await apply(...events);
    await apply({ type: 'deletedMessage', id: 3, at });
    const shown = await queries.messages('r1', 5);
    expect(shown.map((m) => m.id)).toEqual([4, 5, 6, 7, 8]);
    const all = await queries.messages('r1');
    expect(all.map((m) => m.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(all.find((m) => m.id === 3)?.deleted).toBe(true);
    expect(all.find((m) => m.id === 2)?.repliesCount).toBe(1);
  });

  it('reads notifications newest first and the new count', async () => {
    await apply({ type: 'newNotification', notification: notification(1), at }, { type: 'newNotification', notification: notification(2), at }, { type: 'countSnapshot', count: 2, at });
    expect((await queries.notifications()).map((x) => x.id)).toEqual([2, 1]);
    expect(await queries.newNotificationsCount()).toBe(2);
  });
});

describe('mergeRooms', () => {
  const list = [room('a', { lastActivityAt: 3 }), room('b', { lastActivityAt: 2 }), room('c', { lastActivityAt: 1 })];
  it('moves a changed room, adds new ones, drops deleted ones, keeps the rest as they were', () => {
    const merged = mergeRooms(list, ['c', 'd', 'b'], [room('c', { lastActivityAt: 9 }), room('d', { lastActivityAt: 0 }), undefined]);
    expect(merged.map((r) => r.uuid)).toEqual(['c', 'a', 'd']);
    expect(merged[1]).toBe(list[0]);
    expect(mergeRooms(list, ['a'], [room('a', { deleted: true })]).map((r) => r.uuid)).toEqual(['b', 'c']);
  });
  it('sorts as compareRooms does', () => {
    const shuffled = [room('x', { lastActivityAt: 1 }), room('y', { lastActivityAt: 1, pinnedAt: 5 }), room('z', { lastActivityAt: 2 })];
    expect([...shuffled].sort(compareRooms).map((r) => r.uuid)).toEqual(['y', 'z', 'x']);
  });
});
