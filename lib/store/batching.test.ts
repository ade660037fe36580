// @vitest-environment node
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Message } from '../circle/model';
import { openDatabase, type Database } from './db';
import type { StoreEvent } from './events';
import { emptyKeys, keysOf, scopeOf } from './keys';
import { PageSet, type PageStore } from './page-set';
import { keyOf, paginate, type PageKey } from './pages';
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
  const pages = paginate(COMMUNITY, 'r1', records, 2);
  const same = (a: PageKey, b: PageKey) => indexedDB.cmp(a, b) === 0;
  const reader = {
    ranges: 0,
    lookups: 0,
    gets: 0,
    index: () => ({
      getAllKeys: async (range: IDBKeyRange) => (reader.ranges++, pages.flatMap((p) => p.ids.filter((k) => range.includes(k)).map(() => keyOf(p)))),
      getKey: async ([, id]: [string, number]) => (reader.lookups++, pages.filter((p) => p.ids.some((k) => k[1] === id)).map(keyOf)[0]),
    }),
    get: async (key: PageKey) => (reader.gets++, structuredClone(pages.find((p) => same(keyOf(p), key)))),
  };
  return reader;
}

describe('PageSet.find', () => {
  const records = [message(100, 'r1'), message(103, 'r1'), message(150, 'r1'), message(5_000, 'r1')];
  const find = (reader: ReturnType<typeof counting>, ids: number[]) => new PageSet(COMMUNITY).find(reader as unknown as PageStore, ids);

  it('looks close ids up in one index range, reads each page once, absent ones as undefined', async () => {
    const reader = counting(records);
    const found = await find(reader, [100, 101, 103]);
    expect([...found.entries()].map(([id, m]) => [id, m?.id])).toEqual([[100, 100], [101, undefined], [103, 103]]);
    expect(reader).toMatchObject({ ranges: 1, lookups: 0, gets: 1 });
  });

  it('looks scattered ids up one by one rather than everything between them', async () => {
    const reader = counting(records);
    const found = await find(reader, [100, 5_000]);
    expect([...found.values()].map((m) => m?.id)).toEqual([100, 5_000]);
    expect(reader).toMatchObject({ ranges: 0, lookups: 2, gets: 2 });
  });

  it('reads nothing for no ids', async () => {
    const reader = counting(records);
    expect((await find(reader, [])).size).toBe(0);
    expect(reader).toMatchObject({ ranges: 0, lookups: 0, gets: 0 });
  });
});

describe('scopeOf', () => {
  it('gives a count only the counters, and a message its room, parent and thread', () => {
    expect(scopeOf(keysOf([{ type: 'updateNewNotificationCount', count: 3, at }]), false)).toEqual(['counters']);
    expect(scopeOf(keysOf([newMessage(message(1, 'r1'))]), false).sort()).toEqual(['pages', 'rooms', 'threads']);
    expect(scopeOf(keysOf([{ type: 'chatRoomPinned', roomId: 1, pinnedAt: 1, at }]), false).sort()).toEqual(['marks', 'rooms']);
    expect(scopeOf(emptyKeys(), true)).toEqual(['diagnostics']);
    expect(scopeOf(emptyKeys(), false)).toEqual([]);
  });

  it('a count commits while a transaction on the rooms is still busy', async () => {
    await store.apply(COMMUNITY, ME, [{ type: 'chatRoomCreated', room: room('r1'), at: 1 }]);
    const busy = db.transaction(['rooms', 'pages'], 'readwrite');
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
