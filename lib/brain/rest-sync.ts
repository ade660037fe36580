import type { Logger } from '../cable';
import type { CircleApi } from '../circle/api';
import type { Message, Room, Thread } from '../circle/model';
import type { ThreadSnapshotOf } from '../circle/records';
import type { Change } from '../store/change';
import type { StoreEvent } from '../store/events';
import type { SyncProgress } from '../wire/status';
import { describeError, reasonOfError } from './errors';

/** What sync needs of the store (the real one is lib/store/store.ts). */
export interface SyncTarget {
  apply(events: StoreEvent[], rejected?: Record<string, number>): Promise<Change>;
  rooms(): Promise<Room[]>;
  /** The newest timeline message stored for a room, sent before `before` when given. */
  newestMessageId(roomUuid: string, before?: number): Promise<number | undefined>;
  /** The threads stored as followed, to clear those Circle no longer says are unread. */
  threads?(): Promise<Thread[]>;
}

export interface SyncOptions {
  api: CircleApi;
  community: string;
  target: SyncTarget;
  /** How many of the most recent rooms get their newest messages at sign-in. */
  recentRooms: number;
  now?: () => number;
  onProgress?(progress: SyncProgress): void;
  logger?: Logger;
}

const ROOMS_PER_PAGE = 100;
/** 5,000 rooms: a Circle that answers `has_next_page` forever must not keep a sync going forever. */
export const MAX_ROOM_PAGES = 50;
const MESSAGES_AT_SIGN_IN = 20;
const NOTIFICATIONS_PAGE = 50;
const THREADS_PAGE = 20;
/** Unread threads beyond the first page are read one by one, this many at most. */
const UNREAD_THREADS_APART = 10;
/** A backfill never fetches more than the cache keeps of a room anyway. */
const BACKFILL_MESSAGES = 100;
/** Circle's clock and ours may differ by this much: a backfill looks that far further back. */
const CLOCK_MARGIN_MS = 60_000;

/**
 * Fills the cache over REST. At sign-in: every room, the newest messages of the most recent
 * ones, the first page of notifications and the count. After every resync: rooms whose last
 * message changed get what came after the newest message stored, and the counts are re-read.
 * Everything lands through the reducer as snapshots, so it merges with live events.
 */
export class Sync {
  private readonly now: () => number;

  constructor(private readonly options: SyncOptions) {
    this.now = options.now ?? Date.now;
  }

  async signIn(): Promise<void> {
    const progress = this.start('sign-in', 4);
    await this.track(progress, async () => {
      const rooms = await this.allRooms(progress);
      const recent = rooms.slice(0, this.options.recentRooms);
      progress.total += recent.length;
      await Promise.all([
        this.notifications(progress),
        this.threads(progress),
        ...recent.map((room) => this.step(progress, () => this.newestMessages(room.uuid))),
      ]);
    });
  }

  /**
   * `since`: when the last sync that finished had started. A room active after it may have a
   * gap below messages the live feed brought since (a reconnect's first live message, a sync
   * cut short after it stored the rooms but not their messages), so its last message alone
   * cannot say it is complete: such a room is read again from the newest message stored
   * before then.
   */
  async backfill(since?: number): Promise<void> {
    const progress = this.start('backfill', 3);
    const before = since === undefined ? undefined : since - CLOCK_MARGIN_MS;
    await this.track(progress, async () => {
      // The count is what the badge shows: asked first, beside the room pages, not behind them
      // and the rooms' messages.
      const notifications = this.notifications(progress);
      notifications.catch(() => undefined);
      const stored = new Map((await this.options.target.rooms()).map((room) => [room.uuid, room.lastMessage?.id]));
      const changed: Room[] = [];
      const activeSince = (room: Room) => before !== undefined && (room.lastMessage?.sentAt ?? 0) >= before;
      for (let page = 1; this.withinCap(page); page++) {
        const result = await this.options.api.rooms(this.options.community, page, ROOMS_PER_PAGE);
        const fresh = result.records.filter((room) => !stored.has(room.uuid) || stored.get(room.uuid) !== room.lastMessage?.id || activeSince(room));
        changed.push(...fresh);
        await this.apply(result.records.map((room) => ({ type: 'roomSnapshot', room, at: this.now() })), result.rejected);
        // Rooms come by last activity: a page with nothing new means the rest is unchanged too.
        if (!result.hasNext || fresh.length === 0) break;
      }
      progress.done += 1;
      progress.total += changed.length;
      await Promise.all([
        notifications,
        this.threads(progress),
        ...changed.map((room) => this.step(progress, () => this.messagesSinceStored(room.uuid, before))),
      ]);
    });
  }

  private async allRooms(progress: SyncProgress): Promise<Room[]> {
    const all: Room[] = [];
    for (let page = 1; this.withinCap(page); page++) {
      const result = await this.options.api.rooms(this.options.community, page, ROOMS_PER_PAGE);
      all.push(...result.records);
      await this.apply(result.records.map((room) => ({ type: 'roomSnapshot', room, at: this.now() })), result.rejected);
      if (!result.hasNext) break;
    }
    progress.done += 1;
    this.options.onProgress?.({ ...progress });
    return all;
  }

  private withinCap(page: number): boolean {
    if (page <= MAX_ROOM_PAGES) return true;
    this.options.logger?.warn?.('room paging stopped at its page cap', { pages: MAX_ROOM_PAGES });
    return false;
  }

  private async notifications(progress: SyncProgress): Promise<void> {
    // Stamped before asking: a live count that arrives meanwhile is newer and wins.
    const at = this.now();
    const [page, count] = await Promise.all([
      this.options.api.notifications(this.options.community, 1, NOTIFICATIONS_PAGE),
      this.options.api.newNotificationsCount(),
    ]);
    await this.apply(
      [...page.records.map((notification) => ({ type: 'notificationSnapshot' as const, notification, at })), { type: 'countSnapshot', count, at }],
      page.rejected,
    );
    progress.done += 1;
    this.options.onProgress?.({ ...progress });
  }

  /**
   * The threads page and which threads are unread, re-read on every catch-up so the Threads
   * count converges on Circle's. Threads are an addition to the rooms: a Circle that fails
   * them is logged, and the rest of the sync goes on.
   */
  private async threads(progress: SyncProgress): Promise<void> {
    const { api, community, target } = this.options;
    const at = this.now();
    let read: { records: ThreadSnapshotOf[]; unread: Set<number>; rejected: number };
    try {
      const [page, unreadIds] = await Promise.all([api.threads(community, 1, THREADS_PAGE), api.unreadThreadIds()]);
      const listed = new Set(page.records.map((record) => record.thread.id));
      const apart = await Promise.all(unreadIds.filter((id) => !listed.has(id)).slice(0, UNREAD_THREADS_APART).map((id) => api.thread(community, id)));
      read = { records: [...page.records, ...apart], unread: new Set(unreadIds), rejected: page.rejected };
    } catch (error) {
      this.options.logger?.warn?.('could not read the threads', { error: describeError(error) });
      return this.stepDone(progress);
    }
    const known = new Set(read.records.map((record) => record.thread.id));
    const cleared = ((await target.threads?.()) ?? []).filter((thread) => !known.has(thread.id) && !read.unread.has(thread.id) && thread.unread > 0);
    const events: StoreEvent[] = [
      ...read.records.flatMap((record) => threadEvents(record, read.unread.has(record.thread.id), at)),
      ...cleared.map((thread) => ({ type: 'threadSnapshot' as const, id: thread.id, unread: false, at })),
    ];
    await this.apply(events, read.rejected + read.records.reduce((sum, record) => sum + record.rejected, 0));
    this.stepDone(progress);
  }

  private stepDone(progress: SyncProgress): void {
    progress.done += 1;
    this.options.onProgress?.({ ...progress });
  }

  private async newestMessages(uuid: string): Promise<void> {
    const window = await this.options.api.messages(this.options.community, uuid, { previous: MESSAGES_AT_SIGN_IN, next: 0 });
    await this.applyMessages(window.records, window.rejected);
  }

  /**
   * A room with nothing stored (past the sign-in's most recent rooms) that changed while nobody
   * listened: its newest page as far as the cache keeps a room, of which what was sent since the
   * last sync is kept, and at least what a sign-in would have stored. One request either way; the
   * sign-in's 20 alone would drop what came beyond them while the member was away.
   */
  private async missedMessages(uuid: string, before: number): Promise<void> {
    const window = await this.options.api.messages(this.options.community, uuid, { previous: BACKFILL_MESSAGES, next: 0 });
    const newest = [...window.records].sort((a, b) => b.id - a.id).slice(0, MESSAGES_AT_SIGN_IN);
    const kept = window.records.filter((message) => message.sentAt >= before || newest.includes(message));
    await this.applyMessages(kept, window.rejected);
  }

  private async messagesSinceStored(uuid: string, before: number | undefined): Promise<void> {
    const stored = await this.options.target.newestMessageId(uuid, before);
    if (stored === undefined) return before === undefined ? this.newestMessages(uuid) : this.missedMessages(uuid, before);
    let after = stored;
    for (let fetched = 0; fetched < BACKFILL_MESSAGES; ) {
      const window = await this.options.api.messages(this.options.community, uuid, { id: after, previous: 0, next: BACKFILL_MESSAGES });
      await this.applyMessages(window.records, window.rejected);
      const newest: number = window.records.reduce((max, m) => Math.max(max, m.id), after);
      fetched += window.records.length;
      if (!window.hasNext || newest === after) return;
      after = newest;
    }
  }

  private applyMessages(messages: readonly Message[], rejected: number) {
    const at = this.now();
    return this.apply(messages.map((message) => ({ type: 'messageSnapshot' as const, message, at })), rejected);
  }

  private async apply(events: StoreEvent[], rejected: number): Promise<void> {
    if (events.length || rejected) await this.options.target.apply(events, rejected ? { invalid_rest_record: rejected } : {});
  }

  private start(kind: SyncProgress['kind'], total: number): SyncProgress {
    const progress: SyncProgress = { kind, done: 0, total, startedAt: this.now() };
    this.options.onProgress?.({ ...progress });
    return progress;
  }

  private async step(progress: SyncProgress, task: () => Promise<void>): Promise<void> {
    await task();
    progress.done += 1;
    this.options.onProgress?.({ ...progress });
  }

  private async track(progress: SyncProgress, work: () => Promise<void>): Promise<void> {
    try {
      await work();
      progress.done = progress.total;
    } catch (error) {
      progress.error = reasonOfError(error);
      throw error;
    } finally {
      progress.finishedAt = this.now();
      this.options.onProgress?.({ ...progress });
    }
  }
}

/**
 * A thread from Circle: its replies as messages, and the thread itself; `followed` when Circle
 * listed it for the member or they just replied in it (GET /chat_threads/{id} answers any thread).
 */
export function threadEvents(record: ThreadSnapshotOf, unread: boolean | undefined, at: number, followed = true): StoreEvent[] {
  const thread = followed ? { ...record.thread, followed: true as const } : record.thread;
  return [
    ...record.replies.map((message) => ({ type: 'messageSnapshot' as const, message, at })),
    { type: 'threadSnapshot', id: record.thread.id, thread, unread, at },
  ];
}
