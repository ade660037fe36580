/**
 * The throughput's ceiling: how fast this browser's IndexedDB takes the burst's records when
 * nothing else happens, i.e. plain `put`s of the same 5,000 message records in one readwrite
 * transaction, until it commits. Runs in an extension page of Circle Live (its origin, its
 * IndexedDB), on a scratch database laid out one record per message (./per-message-db.ts, the
 * cache's layout up to schema v2, with its index) holding the rooms' 100 messages each first.
 * The records are what the product's own parser makes of the payloads (lib/circle/events.ts),
 * parsed before the clock starts: only the store's part is timed.
 */
import { unwrap } from 'idb';
import { parseEvent } from '../../lib/circle/events';
import { openPerMessage } from './per-message-db';

const SCRATCH = 'bench-ceiling';

function deleteScratch(): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(SCRATCH);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
    request.onblocked = () => resolve();
  });
}

export interface CeilingResult {
  /** First put → the transaction's complete event (ms). */
  ms: number;
  rate: number;
  records: number;
  /** The same records in transactions of `batch` (Circle Live's batch size in this round), one after another. */
  batched: { batch: number; ms: number; rate: number };
}

function committed(tx: IDBTransaction): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

async function run(spec: { community: string; rooms: string[]; payloads: unknown[]; batch: number }): Promise<CeilingResult> {
  const { community, rooms, payloads, batch } = spec;
  const records = payloads.map((payload) => {
    const parsed = parseEvent(payload, community, Date.now());
    if (!parsed.ok || parsed.event.type !== 'newMessage') throw new Error(`payload rejected: ${parsed.ok ? parsed.event.type : parsed.kind}`);
    return { ...parsed.event.message, announced: true as const };
  });
  await deleteScratch();
  const db = await openPerMessage(SCRATCH);
  try {
    const fill = db.transaction('messages', 'readwrite');
    const older = Date.now() - 86_400_000;
    let id = 1;
    for (const uuid of rooms) {
      for (let k = 0; k < 100; k++) void fill.store.put({ community, id: id++, roomUuid: uuid, sentAt: older - k * 60_000, body: 'older message', repliesCount: 0, announced: true });
    }
    await fill.done;
    // The platform's own calls, without idb's promise per request.
    const raw = unwrap(db);
    const start = performance.now();
    const tx = raw.transaction('messages', 'readwrite');
    const store = tx.objectStore('messages');
    for (const record of records) store.put(record);
    await committed(tx);
    const ms = performance.now() - start;
    // Again over the same keys (puts overwrite), in Circle Live's batch size: what the transaction count costs.
    const batchedStart = performance.now();
    for (let i = 0; i < records.length; i += batch) {
      const part = raw.transaction('messages', 'readwrite');
      const partStore = part.objectStore('messages');
      for (const record of records.slice(i, i + batch)) partStore.put(record);
      await committed(part);
    }
    const batchedMs = performance.now() - batchedStart;
    return { ms, rate: (records.length / ms) * 1000, records: records.length, batched: { batch, ms: batchedMs, rate: (records.length / batchedMs) * 1000 } };
  } finally {
    db.close();
    await deleteScratch();
  }
}

Object.assign(globalThis, { benchCeiling: { run } });
export type BenchCeiling = { run: typeof run };
