import { unwrap, type IDBPObjectStore, type StoreNames } from 'idb';
import type { Message } from '../circle/model';
import type { CircleLiveDB } from './db';
import { before, beyond, keyOf, PAGE_SIZE, pageOf, roomRange, type PageKey, type PageRecord } from './pages';

type Mode = 'readonly' | 'readwrite' | 'versionchange';
export type PageStore<M extends Mode = Mode> = IDBPObjectStore<CircleLiveDB, ArrayLike<StoreNames<CircleLiveDB>>, 'pages', M>;

/**
 * How sparse an id range may be and still be looked up whole. Circle's ids grow with time, so a
 * burst's ids sit close together and one read of the index over them costs what one lookup does;
 * scattered ids (a snapshot page, a late edit) are looked up one by one.
 */
const SPAN_PER_ID = 4;
const SPAN_SLACK = 64;

/** A burst's messages past a room's last page go into pages of their own from this many on, without reading that page. */
const APPEND_BELOW = 8;
/**
 * A batch this big is a burst spread over rooms: reading and rewriting each room's last page
 * for its few messages costs more than the commit of small pages of their own (bench/README.md,
 * "Throughput"). The next quiet batch extends the room's last page again; the small pages before it go with retention.
 */
const BURST_BATCH = 40;

const name = (key: PageKey) => `${key[1]}\u0000${key[2]}\u0000${key[3]}`;

/**
 * The pages one batch's transaction reads and rewrites: messages are found through them, and
 * the batch's changed messages go back into them, each page written once however many of its
 * messages changed.
 */
export class PageSet {
  /** Pages read, by the key they were stored under. */
  private readonly read = new Map<string, PageRecord>();
  private readonly stored = new WeakMap<PageRecord, PageKey>();
  /** Where each held message is. */
  private readonly home = new Map<number, PageRecord>();
  private readonly dirty = new Set<PageRecord>();

  constructor(
    readonly community: string,
    private readonly size = PAGE_SIZE,
  ) {}

  /** Messages by id, `undefined` for the absent ones. */
  async find(store: PageStore, ids: Iterable<number>): Promise<Map<number, Message | undefined>> {
    const wanted = [...ids];
    const found = new Map<number, Message | undefined>(wanted.map((id) => [id, undefined]));
    if (!wanted.length) return found;
    const c = this.community;
    const index = store.index('byMessage');
    let low = Infinity;
    let high = -Infinity;
    for (const id of wanted) {
      if (id < low) low = id;
      if (id > high) high = id;
    }
    const keys =
      wanted.length > 1 && high - low < wanted.length * SPAN_PER_ID + SPAN_SLACK
        ? await index.getAllKeys(IDBKeyRange.bound([c, low], [c, high]))
        : (await Promise.all(wanted.filter((id) => !this.home.has(id)).map((id) => index.getKey([c, id])))).filter((key): key is PageKey => key !== undefined);
    const missing = new Map<string, PageKey>();
    for (const key of keys) if (!this.read.has(name(key))) missing.set(name(key), key);
    await Promise.all(
      [...missing.values()].map(async (key) => {
        const page = await store.get(key);
        if (page) this.hold(page);
      }),
    );
    for (const id of wanted) found.set(id, this.home.get(id)?.messages.find((m) => m.id === id));
    return found;
  }

  /**
   * Writes the batch's changed messages into their pages: in place when a message stays where
   * it was, else out of its old page and into the one its room and time name. A page past its
   * size spills into pages before it; an emptied one goes. Purged rooms lose every page.
   */
  async place(store: PageStore<'readwrite'>, messages: readonly Message[], purged: ReadonlySet<string>): Promise<void> {
    const raw = unwrap(store);
    for (const uuid of purged) raw.delete(roomRange(this.community, uuid));
    const moving = new Map<string, Message[]>();
    for (const message of messages) {
      if (purged.has(message.roomUuid)) continue;
      const page = this.home.get(message.id);
      if (page) {
        const i = page.messages.findIndex((m) => m.id === message.id);
        this.dirty.add(page);
        if (page.roomUuid === message.roomUuid && page.messages[i]!.sentAt === message.sentAt) {
          page.messages[i] = message;
          continue;
        }
        page.messages.splice(i, 1);
        this.home.delete(message.id);
      }
      const list = moving.get(message.roomUuid);
      if (list) list.push(message);
      else moving.set(message.roomUuid, [message]);
    }
    const burst = messages.length >= BURST_BATCH;
    await Promise.all([...moving].map(([uuid, list]) => this.insert(store, uuid, list, burst)));
    for (const page of this.dirty) {
      if (purged.has(page.roomUuid)) continue;
      const was = this.stored.get(page);
      const key = keyOf(page);
      if (was && (!page.messages.length || indexedDB.cmp(was, key) !== 0)) raw.delete(was);
      if (!page.messages.length) continue;
      // The spilled pages take the first messages; the page keeps its bound.
      while (page.messages.length > this.size) raw.put(pageOf(this.community, page.roomUuid, page.messages.splice(0, this.size)));
      page.ids = page.messages.map((m) => [this.community, m.id]);
      raw.put(page);
    }
    this.dirty.clear();
  }

  private hold(page: PageRecord): PageRecord {
    const key = keyOf(page);
    const held = this.read.get(name(key));
    if (held) return held;
    this.read.set(name(key), page);
    this.stored.set(page, key);
    for (const m of page.messages) this.home.set(m.id, page);
    return page;
  }

  private put(page: PageRecord, message: Message): void {
    insertSorted(page.messages, message);
    this.home.set(message.id, page);
    this.dirty.add(page);
  }

  /** New (or moved) messages of one room, into the first page bounded at or after each, or past the last page. */
  private async insert(store: PageStore<'readwrite'>, uuid: string, messages: Message[], burst: boolean): Promise<void> {
    messages.sort(before);
    const c = this.community;
    const range = roomRange(c, uuid);
    const lastKey = (await store.openKeyCursor(range, 'prev'))?.key;
    const last = lastKey && { lastAt: lastKey[2], lastId: lastKey[3] };
    const inside = last ? messages.filter((m) => !beyond(m, last)) : [];
    const past = last ? messages.filter((m) => beyond(m, last)) : messages;
    if (inside.length) {
      // Oldest first, from the page the oldest message belongs to up to the newest one's.
      const top = inside[inside.length - 1]!;
      const pages: PageRecord[] = [];
      let cursor = await store.openCursor(IDBKeyRange.bound([c, uuid, inside[0]!.sentAt, inside[0]!.id], [c, uuid, []]));
      while (cursor) {
        const page = this.hold(cursor.value);
        pages.push(page);
        if (!beyond(top, page)) break;
        cursor = await cursor.continue();
      }
      for (const message of inside) this.put(pages.find((p) => !beyond(message, p))!, message);
    }
    if (!past.length) return;
    // A few more for the last page, if they fit, read and extended; a burst's many get pages of their own.
    if (lastKey && !burst && past.length < APPEND_BELOW) {
      const page = this.read.get(name(lastKey)) ?? (await store.get(lastKey).then((p) => p && this.hold(p)));
      if (page && page.messages.length + past.length <= this.size) {
        for (const message of past) this.put(page, message);
        page.lastAt = past[past.length - 1]!.sentAt;
        page.lastId = past[past.length - 1]!.id;
        return;
      }
    }
    for (let i = 0; i < past.length; i += this.size) {
      const page = pageOf(c, uuid, past.slice(i, i + this.size));
      for (const message of page.messages) this.home.set(message.id, page);
      this.dirty.add(page);
    }
  }
}

function insertSorted(list: Message[], message: Message): void {
  const last = list[list.length - 1];
  if (!last || before(last, message) < 0) {
    list.push(message);
    return;
  }
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(list[mid]!, message) < 0) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, message);
}

/** Retention for one room: its newest pages holding at least `keep` messages stay, older pages go. */
export async function trimRoom(store: PageStore<'readwrite'>, community: string, uuid: string, keep: number): Promise<void> {
  let kept = 0;
  let cursor = await store.openCursor(roomRange(community, uuid), 'prev');
  while (cursor && kept < keep) {
    kept += cursor.value.messages.length;
    cursor = await cursor.continue();
  }
  if (cursor) await store.delete(IDBKeyRange.bound([community, uuid], keyOf(cursor.value)));
}
