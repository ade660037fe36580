import type { Logger } from '../cable';
import type { CircleApi } from '../circle/api';
import type { Message, Room } from '../circle/model';
import type { Change } from '../store/change';
import type { StoreEvent } from '../store/events';
import type { SyncProgress } from '../wire/status';
import { reasonOfError } from './errors';

/** What sync needs of the store (the real one is lib/store/store.ts). */
export interface SyncTarget {
  apply(events: StoreEvent[], rejected?: Record<string, number>): Promise<Change>;
  rooms(): Promise<Room[]>;
  newestMessageId(roomUuid: string): Promise<number | undefined>;
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
/** A backfill never fetches more than the cache keeps of a room anyway. */
const BACKFILL_MESSAGES = 100;

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
    const progress = this.start('sign-in', 3);
    await this.track(progress, async () => {
      const rooms = await this.allRooms(progress);
      const recent = rooms.slice(0, this.options.recentRooms);
      progress.total += recent.length;
      await Promise.all([
        this.notifications(progress),
        ...recent.map((room) => this.step(progress, () => this.newestMessages(room.uuid))),
      ]);
    });
  }

  async backfill(): Promise<void> {
    const progress = this.start('backfill', 2);
    await this.track(progress, async () => {
      const stored = new Map((await this.options.target.rooms()).map((room) => [room.uuid, room.lastMessage?.id]));
      const changed: Room[] = [];
      for (let page = 1; this.withinCap(page); page++) {
        const result = await this.options.api.rooms(this.options.community, page, ROOMS_PER_PAGE);
        const fresh = result.records.filter((room) => !stored.has(room.uuid) || stored.get(room.uuid) !== room.lastMessage?.id);
        changed.push(...fresh);
        await this.apply(result.records.map((room) => ({ type: 'roomSnapshot', room, at: this.now() })), result.rejected);
        // Rooms come by last activity: a page with nothing new means the rest is unchanged too.
        if (!result.hasNext || fresh.length === 0) break;
      }
      progress.done += 1;
      progress.total += changed.length;
      await Promise.all([
        this.notifications(progress),
        ...changed.map((room) => this.step(progress, () => this.messagesSinceStored(room.uuid))),
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

  private async newestMessages(uuid: string): Promise<void> {
    const window = await this.options.api.messages(this.options.community, uuid, { previous: MESSAGES_AT_SIGN_IN, next: 0 });
    await this.applyMessages(window.records, window.rejected);
  }

  private async messagesSinceStored(uuid: string): Promise<void> {
    const stored = await this.options.target.newestMessageId(uuid);
    if (stored === undefined) return this.newestMessages(uuid);
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
