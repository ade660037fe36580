/**
 * `--profile` only: what one batch of the burst costs, piece by piece, measured in an
 * extension page of Circle Live (its origin, its IndexedDB implementation, the same browser)
 * with the product's own modules bundled in by esbuild: lib/circle/events (zod), lib/store
 * (Store.apply). A scratch database (`bench-scratch`, the product's schema) is used, never the
 * extension's own; the per-request figures use one laid out a record per message
 * (./per-message-db.ts), the layout they were measured for. Each figure is per batch of `batch` events over `rooms` rooms.
 */
import { unwrap } from 'idb';
import { parseEvent } from '../../lib/circle/events';
import { heard } from '../../lib/host/heard';
import type { Room } from '../../lib/circle/model';
import { openDatabase, type Database } from '../../lib/store/db';
import type { StoreEvent } from '../../lib/store/events';
import { paginate } from '../../lib/store/pages';
import { Store } from '../../lib/store/store';
import { openPerMessage } from './per-message-db';

export interface ComponentCosts {
  batch: number;
  /** parseEvent (envelope + zod) for one batch. */
  parseMs: number;
  /** Store.apply of one batch with retention in the transaction, its default (keeps 100 per room, so each batch evicts as many as it adds). */
  applyMs: number[];
  /** Store.apply of the same batches when nothing needs evicting (what a live batch costs now that it defers trimming). */
  applyNoEvictionMs: number[];
  /** Trimming `rooms` rooms by 10 messages each in one transaction, the way Store.evictOldest does it (count, then a cursor: delete, continue, each awaited). */
  evictCursorMs: number;
  /** The same trim with one `getAllKeys(range, 10)` per room and the deletes issued without waiting on each other. */
  evictKeysMs: number;
  /** IndexedDB request overhead on a 10,000-message store: 500 `get`s of absent ids in one transaction, pipelined… */
  get500Ms: number;
  /** …one `getAll` over the same id range… */
  getAllRangeMs: number;
  /** …500 `delete`s of present records, pipelined… */
  delete500Ms: number;
  /** …and one `delete(range)` of 500 other records, contiguous by primary key. */
  deleteRangeMs: number;
  /** The alert step's reads as shipped: one `store.message` (one transaction) per announced message. */
  alertReadsMs: number;
  /** The same records read in one transaction. */
  alertReadsOneTxMs: number;
  /** runtime.sendMessage of a batch-sized payload to the background, until it resolves. */
  sendMessageMs: number[];
  /** chrome.notifications.create per room of the batch (one alert per room), and its mean per call. */
  notificationsMs: number;
  notificationsPerCallMs: number;
}

const SCRATCH = 'bench-scratch';

function deleteScratch(): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(SCRATCH);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
    request.onblocked = () => resolve();
  });
}

async function freshStore(community: string, rooms: readonly string[], perRoom: number, retention: number): Promise<{ db: Database; store: Store }> {
  await deleteScratch();
  const db = await openDatabase(SCRATCH);
  const tx = db.transaction(['rooms', 'pages'], 'readwrite');
  const now = Date.now() - 86_400_000;
  let id = 1;
  rooms.forEach((uuid, i) => {
    const room: Room = { community, uuid, id: -(i + 1), kind: 'group', name: `Room ${i}`, participants: [{ name: 'Someone' }], lastActivityAt: now, unread: 0 };
    void tx.objectStore('rooms').put(room);
    const older = Array.from({ length: perRoom }, (_, k) => ({ community, id: id++, roomUuid: uuid, sentAt: now - k * 60_000, body: 'older message', repliesCount: 0, announced: true as const }));
    for (const page of paginate(community, uuid, older)) void tx.objectStore('pages').put(page);
  });
  await tx.done;
  return { db, store: new Store(db, { messagesPerRoom: retention, notifications: 200 }) };
}

async function freshPerMessage(community: string, rooms: readonly string[], perRoom: number) {
  await deleteScratch();
  const db = await openPerMessage(SCRATCH);
  const tx = db.transaction('messages', 'readwrite');
  const now = Date.now() - 86_400_000;
  let id = 1;
  for (const uuid of rooms) for (let k = 0; k < perRoom; k++) void tx.store.put({ community, id: id++, roomUuid: uuid, sentAt: now - k * 60_000, body: 'older message', repliesCount: 0, announced: true });
  await tx.done;
  return db;
}

/** The per-message trimming patterns of the cache up to schema v2 (an awaited cursor, or keys then pipelined deletes), for comparison. */
async function timeEviction(community: string, rooms: readonly string[], how: 'cursor' | 'keys'): Promise<number> {
  const db = await freshPerMessage(community, rooms, 110);
  const tx = db.transaction('messages', 'readwrite');
  const index = tx.objectStore('messages').index('byRoom');
  const start = performance.now();
  if (how === 'cursor') {
    for (const uuid of rooms) {
      const range = IDBKeyRange.bound([community, uuid, -Infinity], [community, uuid, Infinity]);
      let extra = (await index.count(range)) - 100;
      let cursor = extra > 0 ? await index.openCursor(range) : null;
      while (cursor && extra > 0) {
        await cursor.delete();
        extra -= 1;
        cursor = await cursor.continue();
      }
    }
  } else {
    const store = tx.objectStore('messages');
    await Promise.all(
      rooms.map(async (uuid) => {
        const range = IDBKeyRange.bound([community, uuid, -Infinity], [community, uuid, Infinity]);
        const extra = (await index.count(range)) - 100;
        if (extra <= 0) return;
        const keys = await index.getAllKeys(range, extra);
        await Promise.all(keys.map((key) => store.delete(key)));
      }),
    );
  }
  await tx.done;
  const ms = performance.now() - start;
  db.close();
  return ms;
}

async function timeRequests(community: string, rooms: readonly string[]) {
  const db = await freshPerMessage(community, rooms.slice(0, 100), 100);
  const ids = (from: number) => Array.from({ length: 500 }, (_, i) => from + i);
  const range = (from: number) => IDBKeyRange.bound([community, from], [community, from + 499]);
  const native = unwrap(db);
  const timed = async (work: (store: IDBObjectStore) => Promise<unknown>) => {
    const tx = native.transaction('messages', 'readwrite');
    const committed = new Promise<void>((resolve, reject) => ((tx.oncomplete = () => resolve()), (tx.onerror = () => reject(tx.error))));
    const start = performance.now();
    await work(tx.objectStore('messages'));
    await committed;
    return performance.now() - start;
  };
  const request = <T,>(r: IDBRequest<T>) => new Promise<T>((resolve, reject) => ((r.onsuccess = () => resolve(r.result)), (r.onerror = () => reject(r.error))));
  const result = {
    get500Ms: await timed((store) => Promise.all(ids(1_000_000).map((id) => request(store.get([community, id]))))),
    getAllRangeMs: await timed((store) => request(store.getAll(range(1_000_000)))),
    delete500Ms: await timed((store) => Promise.all(ids(1).map((id) => request(store.delete([community, id]))))),
    deleteRangeMs: await timed((store) => request(store.delete(range(501)))),
  };
  db.close();
  return result;
}

async function run(spec: { community: string; memberId: number; rooms: string[]; payloads: unknown[]; batch: number }): Promise<ComponentCosts> {
  const { community, memberId, rooms, payloads, batch } = spec;
  const batches: StoreEvent[][] = [];
  const parseStart = performance.now();
  const events = payloads.map((payload) => {
    const parsed = parseEvent(payload, community, Date.now());
    if (!parsed.ok) throw new Error(`payload rejected: ${parsed.kind}`);
    return parsed.event;
  });
  const parseMs = ((performance.now() - parseStart) * batch) / payloads.length;
  for (let i = 0; i < events.length; i += batch) batches.push(events.slice(i, i + batch));

  const timeApplies = async (store: Store) => {
    const times: number[] = [];
    for (const list of batches) {
      const start = performance.now();
      await store.apply(community, memberId, list);
      times.push(performance.now() - start);
    }
    return times;
  };
  let { db, store } = await freshStore(community, rooms, 100, 100);
  const applyMs = await timeApplies(store);
  const ids = (batches[0] ?? []).flatMap((event) => (event.type === 'newMessage' ? [event.message.id] : []));
  let start = performance.now();
  await Promise.all(ids.map((id) => store.message(community, id)));
  await Promise.all(rooms.map((uuid) => store.room(community, uuid)));
  const alertReadsMs = performance.now() - start;
  start = performance.now();
  const tx = db.transaction(['pages', 'rooms']);
  await Promise.all([...ids.map((id) => tx.objectStore('pages').index('byMessage').get([community, id])), ...rooms.map((uuid) => tx.objectStore('rooms').get([community, uuid]))]);
  const alertReadsOneTxMs = performance.now() - start;
  db.close();

  ({ db, store } = await freshStore(community, rooms, 100, 1_000_000));
  const applyNoEvictionMs = await timeApplies(store);
  db.close();
  await deleteScratch();

  const requests = await timeRequests(community, rooms);
  const evictCursorMs = await timeEviction(community, rooms, 'cursor');
  const evictKeysMs = await timeEviction(community, rooms, 'keys');

  const items = payloads.slice(0, batch).map((message, i) => heard('{"channel":"ChatRoomChannel"}', message, community, Date.now() + i));
  const sendMessageMs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const sent = performance.now();
    // Not a brain message: every listener ignores it, so this is the transport alone.
    await chrome.runtime.sendMessage({ to: 'bench', batch: { seq: i, items } }).catch(() => undefined);
    sendMessageMs.push(performance.now() - sent);
  }

  start = performance.now();
  for (const uuid of rooms) {
    await chrome.notifications.create(`bench:${uuid}`, { type: 'basic', iconUrl: chrome.runtime.getURL('/icon/128.png'), title: 'Bench', message: 'A new message' });
  }
  const notificationsMs = performance.now() - start;
  for (const uuid of rooms) await chrome.notifications.clear(`bench:${uuid}`);

  return { batch, parseMs, applyMs, applyNoEvictionMs, evictCursorMs, evictKeysMs, ...requests, alertReadsMs, alertReadsOneTxMs, sendMessageMs, notificationsMs, notificationsPerCallMs: notificationsMs / rooms.length };
}

Object.assign(globalThis, { benchComponents: { run } });
export type BenchComponents = { run: typeof run };
