// @vitest-environment node
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Message } from '../circle/model';
import { openDatabase, type Database } from './db';
import type { StoreEvent } from './events';
import { emptyKeys, keysOf, scopeOf } from './keys';
import { readMessages } from './load';
import { Store } from './store';
import { COMMUNITY, ME, message, room } from './testing';

let db: Database;
let store: Store;
let n = 0;
beforeEach(async () => {
  db = await openDatabase(`batching-test-${++n}`);
  store = new Store(db, { messagesPerRoom: 5, notifications: 3 });
});

const at = 50_000;
const newMessage = (m: Message): StoreEvent => ({ type: 'newMessage', message: m, at });

function counting(records: Message[]) {
  const reader = {
    gets: 0,
    ranges: 0,
    get: async ([, id]: [string, number]) => (reader.gets++, records.find((m) => m.id === id)),
    getAll: async (range: IDBKeyRange) => (reader.ranges++, records.filter((m) => range.includes([m.community, m.id]))),
  };
  return reader;
}

describe('readMessages', () => {
  const records = [message(100, 'r1'), message(103, 'r1'), message(150, 'r2'), message(5_000, 'r3')];

  it('reads close ids in one range, keeping only those asked for, absent ones as undefined', async () => {
    const reader = counting(records);
    const found = await readMessages(reader, COMMUNITY, [100, 101, 103]);
    expect([...found.entries()].map(([id, m]) => [id, m?.id])).toEqual([[100, 100], [101, undefined], [103, 103]]);
    expect(reader).toMatchObject({ ranges: 1, gets: 0 });
  });

  it('reads scattered ids one by one rather than everything between them', async () => {
    const reader = counting(records);
    const found = await readMessages(reader, COMMUNITY, [100, 5_000]);
    expect([...found.values()].map((m) => m?.id)).toEqual([100, 5_000]);
    expect(reader).toMatchObject({ ranges: 0, gets: 2 });
  });

  it('reads nothing for no ids', async () => {
    const reader = counting(records);
    expect((await readMessages(reader, COMMUNITY, [])).size).toBe(0);
    expect(reader).toMatchObject({ ranges: 0, gets: 0 });
  });
});

describe('scopeOf', () => {
  it('gives a count only the counters, and a message its room, parent and thread', () => {
    expect(scopeOf(keysOf([{ type: 'updateNewNotificationCount', count: 3, at }]), false)).toEqual(['counters']);
    expect(scopeOf(keysOf([newMessage(message(1, 'r1'))]), false).sort()).toEqual(['messages', 'rooms', 'threads']);
    expect(scopeOf(keysOf([{ type: 'chatRoomPinned', roomId: 1, pinnedAt: 1, at }]), false).sort()).toEqual(['marks', 'rooms']);
    expect(scopeOf(emptyKeys(), true)).toEqual(['diagnostics']);
    expect(scopeOf(emptyKeys(), false)).toEqual([]);
  });

  it('a count commits while a transaction on the rooms is still busy', async () => {
    await store.apply(COMMUNITY, ME, [{ type: 'chatRoomCreated', room: room('r1'), at: 1 }]);
    const busy = db.transaction(['rooms', 'messages'], 'readwrite');
    let counted = false;
    const counting = store.apply(COMMUNITY, ME, [{ type: 'updateNewNotificationCount', count: 7, at }]).then(({ change }) => ((counted = true), change));
    // Keep the rooms transaction alive, request after request, until the count is in (or long enough to tell).
    let reads = 0;
    while (!counted && reads < 500) {
      await busy.objectStore('rooms').get([COMMUNITY, 'r1']);
      reads++;
    }
    expect(counted).toBe(true);
    expect((await counting).counts).toEqual({ newNotifications: 7 });
    await busy.done;
  });

  it('an empty batch opens no transaction', async () => {
    const spy = vi.spyOn(db, 'transaction');
    const { change } = await store.apply(COMMUNITY, ME, []);
    expect(spy).not.toHaveBeenCalled();
    expect(change).toMatchObject({ rooms: [], messages: 0, counters: [] });
  });
});

describe('Store.apply for live batches', () => {
  it('hands the committed count and the announced messages over without reading them back', async () => {
    await store.apply(COMMUNITY, ME, [{ type: 'chatRoomCreated', room: room('r1'), at: 1 }]);
    const { change, announced } = await store.apply(COMMUNITY, ME, [newMessage(message(1, 'r1')), newMessage(message(2, 'r1')), { type: 'deletedMessage', id: 2, at }]);
    expect(change.announced).toEqual([1]);
    expect(announced.messages.map((m) => m.id)).toEqual([1]);
    expect(announced.rooms.get('r1')).toMatchObject({ uuid: 'r1', lastMessage: { id: 1 } });
  });

  it('defers retention to trim, which keeps each room newest messages', async () => {
    const events = [...Array.from({ length: 8 }, (_, i) => newMessage(message(i + 1, 'r1'))), ...Array.from({ length: 3 }, (_, i) => newMessage(message(i + 20, 'r2')))];
    const { change } = await store.apply(COMMUNITY, ME, events, {}, { deferTrim: true });
    expect(change.untrimmed?.sort()).toEqual(['r1', 'r2']);
    expect(await store.messages(COMMUNITY, 'r1')).toHaveLength(8);
    await store.trim(COMMUNITY, change.untrimmed!);
    expect((await store.messages(COMMUNITY, 'r1')).map((m) => m.id)).toEqual([4, 5, 6, 7, 8]);
    expect((await store.messages(COMMUNITY, 'r2')).map((m) => m.id)).toEqual([20, 21, 22]);
  });

  it('loads a burst of existing messages in one range read, and a replay changes nothing', async () => {
    const burst = Array.from({ length: 40 }, (_, i) => newMessage(message(1_000 + i, `r${i % 4}`)));
    await store.apply(COMMUNITY, ME, burst, {}, { deferTrim: true });
    const before = await store.rooms(COMMUNITY);
    const replay = await store.apply(COMMUNITY, ME, burst, {}, { deferTrim: true });
    expect(replay.change.announced).toEqual([]);
    expect(replay.announced.messages).toEqual([]);
    expect(await store.rooms(COMMUNITY)).toEqual(before);
  });
});
