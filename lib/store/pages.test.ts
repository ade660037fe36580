// @vitest-environment node
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './db';
import type { StoreEvent } from './events';
import { Store } from './store';
import { COMMUNITY, ME, message, room } from './testing';

const at = 50_000;
const newMessage = (id: number, roomUuid: string, sentAt = 10_000 + id): StoreEvent => ({ type: 'newMessage', message: message(id, roomUuid, { sentAt }), at });
let n = 0;

async function opened() {
  const db = await openDatabase(`pages-test-${++n}`);
  const store = new Store(db, { messagesPerRoom: 100, notifications: 10 });
  await store.apply(COMMUNITY, ME, ['r1', 'r2'].map((uuid, i) => ({ type: 'chatRoomCreated', room: room(uuid, { id: i + 1 }), at: 1 })));
  const sizes = async (uuid: string) => (await db.getAll('pages', IDBKeyRange.bound([COMMUNITY, uuid], [COMMUNITY, uuid, []]))).map((page) => page.messages.length);
  return { db, store, sizes };
}

describe('message pages', () => {
  it('a burst writes a record per room and page, not per message', async () => {
    const { db, store, sizes } = await opened();
    await store.apply(COMMUNITY, ME, Array.from({ length: 120 }, (_, i) => newMessage(i + 1, i % 2 ? 'r2' : 'r1')), {}, { deferTrim: true });
    expect(await db.count('pages')).toBe(4);
    expect(await sizes('r1')).toEqual([50, 10]);
    // The next burst past the last page gets pages of its own; the last page is not rewritten.
    await store.apply(COMMUNITY, ME, Array.from({ length: 20 }, (_, i) => newMessage(200 + i, 'r1')), {}, { deferTrim: true });
    expect(await sizes('r1')).toEqual([50, 10, 20]);
    expect((await store.messages(COMMUNITY, 'r1', 1_000)).map((m) => m.id)).toEqual([...Array.from({ length: 60 }, (_, i) => 2 * i + 1), ...Array.from({ length: 20 }, (_, i) => 200 + i)]);
  });

  it('a trickle extends the last page, and a late older message goes in order into the page it falls in', async () => {
    const { store, sizes } = await opened();
    for (const id of [1, 2, 3]) await store.apply(COMMUNITY, ME, [newMessage(id, 'r1')]);
    expect(await sizes('r1')).toEqual([3]);
    await store.apply(COMMUNITY, ME, Array.from({ length: 50 }, (_, i) => newMessage(100 + i, 'r1')));
    await store.apply(COMMUNITY, ME, [newMessage(7, 'r1', 10_001)]);
    expect(await sizes('r1')).toEqual([4, 50]);
    expect((await store.messages(COMMUNITY, 'r1', 1_000)).map((m) => m.id).slice(0, 5)).toEqual([1, 7, 2, 3, 100]);
  });

  it('a burst spread over rooms gives the few of each room a page of their own; a quiet batch still extends the last page', async () => {
    const { store, sizes } = await opened();
    const rooms = Array.from({ length: 8 }, (_, i) => `r${i + 1}`);
    await store.apply(COMMUNITY, ME, rooms.slice(2).map((uuid, i) => ({ type: 'chatRoomCreated', room: room(uuid, { id: i + 3 }), at: 1 })));
    await store.apply(COMMUNITY, ME, [newMessage(1, 'r1'), newMessage(2, 'r2')]);
    // 40 messages, 5 a room: each room's few would fit its last page, but the batch is a burst.
    await store.apply(COMMUNITY, ME, Array.from({ length: 40 }, (_, i) => newMessage(10 + i, rooms[i % 8]!)));
    expect(await sizes('r1')).toEqual([1, 5]);
    await store.apply(COMMUNITY, ME, [newMessage(100, 'r1')]);
    expect(await sizes('r1')).toEqual([1, 6]);
    expect((await store.messages(COMMUNITY, 'r1', 1_000)).map((m) => m.id)).toEqual([1, 10, 18, 26, 34, 42, 100]);
  });

  it('a page past its size spills into pages before it, all still in order and found by id', async () => {
    const { store, sizes } = await opened();
    await store.apply(COMMUNITY, ME, Array.from({ length: 50 }, (_, i) => newMessage(1_000 + i * 10, 'r1')));
    await store.apply(COMMUNITY, ME, Array.from({ length: 30 }, (_, i) => newMessage(1_005 + i * 10, 'r1')));
    expect(await sizes('r1')).toEqual([50, 30]);
    const ids = (await store.messages(COMMUNITY, 'r1', 1_000)).map((m) => m.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(ids).toHaveLength(80);
    for (const id of [1_000, 1_005, 1_295, 1_490]) expect((await store.message(COMMUNITY, id))?.id).toBe(id);
  });

  it('a deletion, which names only the id, finds the page; a room deleted takes all its pages', async () => {
    const { db, store } = await opened();
    await store.apply(COMMUNITY, ME, Array.from({ length: 60 }, (_, i) => newMessage(i + 1, i < 55 ? 'r1' : 'r2')));
    await store.apply(COMMUNITY, ME, [{ type: 'deletedMessage', id: 12, at }]);
    expect(await store.message(COMMUNITY, 12)).toMatchObject({ deleted: true, roomUuid: 'r1' });
    await store.apply(COMMUNITY, ME, [{ type: 'chatRoomDeleted', uuid: 'r1', at }]);
    expect(await store.messages(COMMUNITY, 'r1')).toEqual([]);
    expect((await db.getAll('pages')).map((page) => page.roomUuid)).toEqual(['r2']);
  });
});
