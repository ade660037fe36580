import { unwrap, type IDBPTransaction } from 'idb';
import type { Message, Notification, Room, Thread } from '../circle/model';
import { toPreview } from '../circle/records';
import { changeOf, type Change } from './change';
import { STORES, type CircleLiveDB, type Database, type StoreName } from './db';
import { Draft } from './working-set';
import type { StoreEvent } from './events';
import { keysOf, keysOfLoaded, scopeOf } from './keys';
import { loadKeys } from './load';
import { PageSet, trimRoom } from './page-set';
import { pageSize, walkBack } from './pages';
import { isTimelineMessage, Queries } from './queries';
import { reduce } from './reducer';
import { DEFAULT_RETENTION, excess, type Retention } from './retention';

const LOW = -Infinity;
const HIGH = Infinity;

/** The messages a change announced and their rooms, as committed: what its alerts are raised from. */
export interface Announced {
  messages: Message[];
  rooms: Map<string, Room | undefined>;
}

/** What one `apply` committed: the change notice, and what alerting needs without a second read. */
export interface Committed {
  change: Change;
  announced: Announced;
}

export interface StoreFaults {
  /** An error to fail the next commit with, if any. */
  commit?(): Error | undefined;
}

/**
 * The cache: one readwrite transaction per batch of events, over the stores they touch (load
 * what they touch, reduce, write back, enforce retention), and the reads the popup and the
 * badge make.
 */
export class Store {
  private readonly connection: () => Promise<Database>;

  /**
   * `db`: a connection, or how to get the current one: the browser may close a connection
   * (an upgrade elsewhere, storage cleared), and the next transaction then takes the new one.
   * `faults` lets the local build's tests fail a commit on purpose.
   */
  constructor(
    db: Database | (() => Promise<Database>),
    private readonly retention: Retention = DEFAULT_RETENTION,
    private readonly faults?: StoreFaults,
  ) {
    this.connection = typeof db === 'function' ? db : () => Promise.resolve(db);
  }

  /**
   * `deferTrim`: leave message retention out of this transaction (a burst would otherwise spend
   * most of each batch deleting old messages, one awaited cursor step at a time); the rooms
   * that may now hold too many come back in `change.untrimmed`, for `trim` a moment later.
   */
  async apply(community: string, memberId: number, events: readonly StoreEvent[], rejected: Record<string, number> = {}, options: { deferTrim?: boolean } = {}): Promise<Committed> {
    const draft = new Draft(community, memberId);
    const keys = keysOf(events);
    const scope = scopeOf(keys, Object.keys(rejected).length > 0);
    if (!scope.length) return { change: changeOf(draft), announced: { messages: [], rooms: new Map() } };
    const tx = (await this.connection()).transaction(scope, 'readwrite');
    try {
      return await this.write(tx, draft, events, rejected, options, keys);
    } catch (error) {
      // A throw between two writes would otherwise let the transaction commit half a batch.
      tx.done.catch(() => undefined);
      try {
        tx.abort();
      } catch {
        // Already finished or aborted: nothing of it stays either way.
      }
      throw error;
    }
  }

  private async write(
    tx: IDBPTransaction<CircleLiveDB, StoreName[], 'readwrite'>,
    draft: Draft,
    events: readonly StoreEvent[],
    rejected: Record<string, number>,
    options: { deferTrim?: boolean },
    keys: ReturnType<typeof keysOf>,
  ): Promise<Committed> {
    const { community } = draft;
    const pages = new PageSet(community, this.retention.messagesPerPage ?? pageSize(this.retention.messagesPerRoom));
    await loadKeys(tx, draft, keys, pages);
    // A deletion's effects follow the message it deletes: its room, parent and thread.
    await loadKeys(tx, draft, keysOfLoaded(draft.messages.values(), keys), pages, false);
    for (const event of events) reduce(draft, event);

    // Plain requests, not idb's promise per record: a failed write aborts the transaction and
    // `tx.done` rejects, and a burst's thousands of promises and listeners cost it real time.
    const put = (name: StoreName, records: readonly unknown[]) => {
      if (!records.length) return;
      const target = unwrap(tx.objectStore(name));
      for (const record of records) target.put(record);
    };
    put('rooms', [...draft.dirty.rooms].map((uuid) => draft.room(uuid)));
    put('threads', [...draft.dirty.threads].map((id) => draft.thread(id)));
    put('notifications', [...draft.dirty.notifications].map((id) => draft.notification(id)));
    put('counters', [...draft.dirty.counters].map((name) => ({ community, name, ...draft.counter(name)! })));
    for (const id of draft.dirtyPins) {
      const pin = draft.pendingPins.get(id);
      const marks = unwrap(tx.objectStore('marks'));
      if (pin) marks.put({ community, name: `pin:${id}`, value: pin });
      else marks.delete([community, `pin:${id}`]);
    }
    await Promise.all(Object.entries(rejected).map(([kind, count]) => this.bumpDiagnostic(tx.objectStore('diagnostics'), community, kind, count)));

    const changed = [...draft.dirty.messages].map((id) => draft.message(id)).filter((m): m is Message => m !== undefined);
    if (changed.length || draft.purgedRooms.size) await pages.place(tx.objectStore('pages'), changed, draft.purgedRooms);
    const touched = new Set<string>();
    for (const { roomUuid } of changed) if (roomUuid && !draft.purgedRooms.has(roomUuid)) touched.add(roomUuid);
    if (!options.deferTrim) {
      for (const uuid of touched) await trimRoom(tx.objectStore('pages'), community, uuid, this.retention.messagesPerRoom);
    }
    for (const uuid of draft.lostLastMessage) {
      const room = draft.room(uuid);
      if (!room || room.deleted || room.lastMessage) continue;
      const previous = await newestShown(tx.objectStore('pages'), community, uuid);
      const fixed: Room = previous ? { ...room, lastMessage: toPreview(previous) } : { ...room, stub: true };
      draft.loadRoom(uuid, fixed);
      await tx.objectStore('rooms').put(fixed);
    }
    if (draft.dirty.notifications.size) {
      const range = IDBKeyRange.bound([community, LOW], [community, HIGH]);
      await this.evictOldest(tx.objectStore('notifications').index('byCreated'), range, this.retention.notifications);
    }
    const fault = this.faults?.commit?.();
    if (fault) throw fault;
    await tx.done;
    const change = changeOf(draft);
    if (options.deferTrim && touched.size) change.untrimmed = [...touched];
    return { change, announced: announcedOf(draft, change.announced) };
  }

  /** Message retention for rooms a deferred `apply` left: one transaction, the deletes pipelined. */
  async trim(community: string, uuids: readonly string[]): Promise<void> {
    const tx = (await this.connection()).transaction('pages', 'readwrite');
    await Promise.all(uuids.map((uuid) => trimRoom(tx.store, community, uuid, this.retention.messagesPerRoom)));
    await tx.done;
  }

  /** Rooms for the list: pinned first, then by last activity (the pages' order, from queries.ts). */
  async rooms(community: string): Promise<Room[]> {
    return new Queries(await this.connection(), community).rooms();
  }

  async room(community: string, uuid: string): Promise<Room | undefined> {
    return new Queries(await this.connection(), community).room(uuid);
  }

  /** A room's newest messages, oldest first (newest at the bottom), tombstones included. */
  async messages(community: string, roomUuid: string, limit = 100): Promise<Message[]> {
    const newest: Message[] = [];
    if (limit > 0) await walkBack((await this.connection()).transaction('pages').store, community, roomUuid, (m) => newest.push(m) < limit);
    return newest.reverse();
  }

  /**
   * The id of the newest timeline message stored for a room (sent before `before`, when
   * given): where a backfill picks up. Not a thread reply: Circle's window of a room's
   * messages is its timeline, a reply is not in it.
   */
  async newestMessageId(community: string, roomUuid: string, before?: number): Promise<number | undefined> {
    let found: number | undefined;
    await walkBack((await this.connection()).transaction('pages').store, community, roomUuid, (m) => {
      if (m.sentAt < 1) return false;
      if (isTimelineMessage(m) && (before === undefined || m.sentAt < before)) found = m.id;
      return found === undefined;
    });
    return found;
  }

  async message(community: string, id: number): Promise<Message | undefined> {
    const page = await (await this.connection()).getFromIndex('pages', 'byMessage', [community, id]);
    return page?.messages.find((m) => m.id === id);
  }

  /** Newest first. */
  async notifications(community: string, limit = 200): Promise<Notification[]> {
    return new Queries(await this.connection(), community).notifications(limit);
  }

  /** The threads the member takes part in, newest reply first. */
  async threads(community: string): Promise<Thread[]> {
    return new Queries(await this.connection(), community).threads();
  }

  async counter(community: string, name: string): Promise<number | undefined> {
    return (await (await this.connection()).get('counters', [community, name]))?.value;
  }

  async diagnostics(community: string): Promise<Record<string, number>> {
    const range = IDBKeyRange.bound([community, ''], [community, '\uffff']);
    const rows = await (await this.connection()).getAll('diagnostics', range);
    return Object.fromEntries(rows.map((row) => [row.name, row.value]));
  }

  async mark<T>(community: string, name: string): Promise<T | undefined> {
    return (await (await this.connection()).get('marks', [community, name]))?.value as T | undefined;
  }

  async setMark(community: string, name: string, value: unknown): Promise<void> {
    await (await this.connection()).put('marks', { community, name, value });
  }

  /** Forget one community entirely (sign-out). */
  async clear(community: string): Promise<void> {
    const tx = (await this.connection()).transaction(STORES, 'readwrite');
    const range = IDBKeyRange.bound([community], [community, []]);
    await Promise.all([...STORES.map((name) => tx.objectStore(name).delete(range)), tx.done]);
  }

  private async bumpDiagnostic(store: { get(key: [string, string]): Promise<{ value: number } | undefined>; put(value: { community: string; name: string; value: number }): Promise<unknown> }, community: string, name: string, count: number) {
    const current = (await store.get([community, name]))?.value ?? 0;
    await store.put({ community, name, value: current + count });
  }

  private async evictOldest(index: { count(range: IDBKeyRange): Promise<number>; openCursor(range: IDBKeyRange): Promise<{ delete(): Promise<void>; continue(): Promise<unknown> } | null> }, range: IDBKeyRange, max: number) {
    let extra = excess(await index.count(range), max);
    let cursor = extra > 0 ? await index.openCursor(range) : null;
    while (cursor && extra > 0) {
      await cursor.delete();
      extra -= 1;
      cursor = (await cursor.continue()) as typeof cursor;
    }
  }

}

/** The newest message a room list would show: announced, not deleted, not a reply. */
async function newestShown(store: Parameters<typeof walkBack>[0], community: string, uuid: string): Promise<Message | undefined> {
  let found: Message | undefined;
  await walkBack(store, community, uuid, (m) => {
    if (m.announced && !m.deleted && !m.parentId && !m.placeholder) found = m;
    return !found;
  });
  return found;
}

function announcedOf(draft: Draft, ids: readonly number[]): Announced {
  const messages = ids.map((id) => draft.message(id)).filter((m): m is Message => m !== undefined);
  const rooms = new Map<string, Room | undefined>();
  for (const { roomUuid } of messages) {
    const room = draft.room(roomUuid);
    rooms.set(roomUuid, room?.deleted ? undefined : room);
  }
  return { messages, rooms };
}
