import { unwrap, type IDBPObjectStore, type StoreNames } from 'idb';
import type { Message } from '../circle/model';
import type { CircleLiveDB } from './db';
import { before, keyOf, PAGE_SIZE, pageOf, roomRange, startsAfter, type PageKey, type PageRecord } from './pages';

type Mode = 'readonly' | 'readwrite' | 'versionchange';
export type PageStore<M extends Mode = Mode> = IDBPObjectStore<CircleLiveDB, ArrayLike<StoreNames<CircleLiveDB>>, 'pages', M>;

/**
 * How sparse an id range may be and still be looked up whole. Circle's ids grow with time, so a
 * burst's ids sit close together and one read of the index over them costs what one lookup does;
 * scattered ids (a snapshot page, a late edit) are looked up one by one.
 */
const SPAN_PER_ID = 4;
const SPAN_SLACK = 64;

const name = (key: PageKey) => `${key[1]}\u0000${key[2]}\u0000${key[3]}`;

/**
 * The pages one batch's transaction reads and rewrites: messages are found through them, and
 * the batch's changed messages go back into them, each page written once however many of its
 * messages changed.
 */
export class PageSet {
  private readonly pages = new Map<string, PageRecord>();
  /** Where each held message is: its page's name. */
  private readonly home = new Map<number, string>();
  private readonly dirty = new Set<string>();

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
    for (const key of keys) if (!this.pages.has(name(key))) missing.set(name(key), key);
    await Promise.all(
      [...missing.values()].map(async (key) => {
        const page = await store.get(key);
        if (page) this.hold(page);
      }),
    );
    for (const id of wanted) {
      const at = this.home.get(id);
      if (at) found.set(id, this.pages.get(at)!.messages.find((m) => m.id === id));
    }
    return found;
  }

  /**
   * Writes the batch's changed messages into their pages: in place when a message stays where
   * it was, else out of its old page and into the one its room and time name. A page past its
   * size spills into new pages after it; an emptied one goes. Purged rooms lose every page.
   */
  async place(store: PageStore<'readwrite'>, messages: readonly Message[], purged: ReadonlySet<string>): Promise<void> {
    const raw = unwrap(store);
    for (const uuid of purged) raw.delete(roomRange(this.community, uuid));
    const moving = new Map<string, Message[]>();
    for (const message of messages) {
      if (purged.has(message.roomUuid)) continue;
      const at = this.home.get(message.id);
      const page = at === undefined ? undefined : this.pages.get(at);
      if (page) {
        const i = page.messages.findIndex((m) => m.id === message.id);
        this.dirty.add(at!);
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
    await Promise.all([...moving].map(([uuid, list]) => this.insert(store, uuid, list)));
    for (const at of this.dirty) {
      const page = this.pages.get(at)!;
      if (purged.has(page.roomUuid)) continue;
      if (!page.messages.length) {
        raw.delete(keyOf(page));
        continue;
      }
      const spilled = page.messages.splice(this.size);
      page.ids = page.messages.map((m) => [this.community, m.id]);
      raw.put(page);
      for (let i = 0; i < spilled.length; i += this.size) raw.put(pageOf(this.community, page.roomUuid, spilled.slice(i, i + this.size), false));
    }
    this.dirty.clear();
  }

  private hold(page: PageRecord): PageRecord {
    const at = name(keyOf(page));
    const held = this.pages.get(at);
    if (held) return held;
    this.pages.set(at, page);
    for (const m of page.messages) this.home.set(m.id, at);
    return page;
  }

  /** New (or moved) messages of one room, into the pages that start at or before each. */
  private async insert(store: PageStore<'readwrite'>, uuid: string, messages: Message[]): Promise<void> {
    messages.sort(before);
    const lowest = messages[0]!;
    const highest = messages[messages.length - 1]!;
    const c = this.community;
    // Newest first, from the page the newest message belongs to back to the oldest one's.
    const candidates: PageRecord[] = [];
    let cursor = await store.openCursor(IDBKeyRange.bound([c, uuid], [c, uuid, highest.sentAt, highest.id]), 'prev');
    while (cursor) {
      const page = this.hold(cursor.value);
      candidates.push(page);
      if (!startsAfter(page, lowest)) break;
      cursor = await cursor.continue();
    }
    for (const message of messages) {
      let page = candidates.find((p) => !startsAfter(p, message));
      if (!page) {
        page = pageOf(c, uuid, [], true);
        candidates.push(page);
        this.pages.set(name(keyOf(page)), page);
      }
      insertSorted(page.messages, message);
      const at = name(keyOf(page));
      this.dirty.add(at);
      this.home.set(message.id, at);
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
