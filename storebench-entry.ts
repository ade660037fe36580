import { openDatabase } from './lib/store/db';
import { Store } from './lib/store/store';
import type { StoreEvent } from './lib/store/events';

async function run(spec: { name: string; rooms: number; events: number; batch: number; seedPerRoom: number }) {
  const community = 'http://circle.test/7';
  await new Promise((r) => { const q = indexedDB.deleteDatabase(spec.name); q.onsuccess = q.onerror = q.onblocked = r; });
  const db = await openDatabase(spec.name);
  const store = new Store(db);
  const rooms = Array.from({ length: spec.rooms }, (_, i) => `room-${i}`);
  const msg = (id: number, roomUuid: string, sentAt: number) => ({ community, id, roomUuid, sentAt, body: `Burst message ${id}: the slides are up, have a look before the call.`, richText: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: `Burst message ${id}: the slides are up, have a look before the call.` }] }] }, sender: { id: 5, memberId: 8, name: 'Ada Lovelace', avatarUrl: 'https://circle.test/a.png' }, repliesCount: 0 });
  const now = Date.now();
  let id = 1;
  const seed: StoreEvent[] = [];
  for (const uuid of rooms) {
    seed.push({ type: 'roomSnapshot', room: { community, uuid, id: rooms.indexOf(uuid) + 1, kind: 'group_chat', name: uuid, participants: [], unread: 0, lastActivityAt: now - 86_400_000 }, at: now - 86_400_000 });
    for (let k = 0; k < spec.seedPerRoom; k++) seed.push({ type: 'messageSnapshot', message: msg(id++, uuid, now - 86_400_000 + k * 1000), at: now - 86_400_000 });
  }
  for (let i = 0; i < seed.length; i += 2000) await store.apply(community, 7, seed.slice(i, i + 2000));
  const events: StoreEvent[] = Array.from({ length: spec.events }, (_, i) => ({ type: 'newMessage', message: msg(1_000_000 + i, rooms[i % rooms.length]!, now + i), at: now + i }));
  (globalThis as any).__T = {};
  const t0 = performance.now();
  const untrimmed = new Set<string>();
  for (let i = 0; i < events.length; i += spec.batch) {
    const { change } = await store.apply(community, 7, events.slice(i, i + spec.batch), {}, { deferTrim: true });
    for (const u of change.untrimmed ?? []) untrimmed.add(u);
  }
  const applyMs = performance.now() - t0;
  const t1 = performance.now();
  await store.trim(community, [...untrimmed]);
  const trimMs = performance.now() - t1;
  const t2 = performance.now();
  const read = await store.messages(community, 'room-3', 100);
  const readMs = performance.now() - t2;
  db.close();
  return { T: (globalThis as any).__T, applyMs, rate: (spec.events / applyMs) * 1000, trimMs, readMs, read: read.length };
}
Object.assign(globalThis, { storeBench: run });
