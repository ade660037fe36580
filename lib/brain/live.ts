import type { CableStatus, Logger } from '../cable';
import type { CircleApi } from '../circle/api';
import type { Change } from '../store/change';
import { isStorageUnavailable } from '../store/db';
import { NEW_NOTIFICATIONS, type StoreEvent } from '../store/events';
import type { Announced, Store } from '../store/store';
import { errorName } from './storage-health';
import type { Batch, HostItem } from '../wire/messages';

/**
 * One signed-in community's live data: what the host hears goes through the reducer into
 * the store, one transaction per batch, and out as one change notice.
 */
export interface LiveDeps {
  community: string;
  memberId: number;
  store: Store;
  api: CircleApi;
  logger: Logger;
  /** Every committed change (badge, notices, room channels), and the messages it announced, for alerts. */
  onChange(change: Change, announced: Announced): void;
  onResync(): void;
  /** A channel message no event came of, for the Diagnostics' shapes. */
  onRejected?(kind: string, message: unknown): void;
}

/**
 * Rails fans a burst out over a worker pool, so the last count received is not always the
 * newest, within a batch or across them: every count arms this re-read of Circle's own.
 */
export const COUNT_SETTLE_MS = 1_000;
/**
 * Live batches leave retention for later: once the stream pauses this long, so a burst is
 * stored first and trimmed once, after it, instead of its deletes competing with its writes…
 */
const TRIM_QUIET_MS = 1_000;
/** …and at the latest this long after the first untrimmed batch, for a stream that never pauses. */
const TRIM_AFTER_MS = 5_000;
/** Clock samples kept: the smallest recent delivery delay estimates how far our clock is off Circle's. */
const SKEW_SAMPLES = 50;
const SKEW_SANE_MS = 24 * 60 * 60_000;

const THREADS_CHANNEL = 'Chats::CommunityMemberThreadsChannel';

/**
 * The member's threads channel carries the threads they take part in; a reply's copy on a
 * room channel says nothing about that. Only this channel's copy puts a thread in the list.
 */
function followed(identifier: string, event: StoreEvent): StoreEvent[] {
  if ((event.type !== 'newMessage' && event.type !== 'updatedMessage') || !event.message.threadId || !event.message.parentId) return [];
  if (channelOf(identifier) !== THREADS_CHANNEL) return [];
  const { community, threadId, parentId, roomUuid } = event.message;
  return [{ type: 'threadSnapshot', id: threadId, thread: { community, id: threadId, unread: 0, followed: true, roomUuid, parentMessageId: parentId }, at: event.at }];
}

function channelOf(identifier: string): string | undefined {
  try {
    const channel = (JSON.parse(identifier) as { channel?: unknown }).channel;
    return typeof channel === 'string' ? channel : undefined;
  } catch {
    return undefined;
  }
}

export class Live {
  cable: CableStatus | undefined;
  count: number | undefined;
  private countTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly fetchingStubs = new Set<string>();
  private readonly delays: number[] = [];
  private skew = 0;
  private readonly untrimmed = new Set<string>();
  private trimTimer: ReturnType<typeof setTimeout> | undefined;
  private trimDue: number | undefined;
  private stopped = false;
  private counting: Promise<void> | undefined;
  /** Unset until the stored count is asked for; false until it is read. */
  private counted: boolean | undefined;

  constructor(private readonly deps: LiveDeps) {}

  /**
   * Parses the batch, then stores it once `previous` (the batch before it) was stored; false,
   * with nothing stored, when that one was not: it must not overtake it.
   */
  async absorb(batch: Batch<HostItem>, previous?: Promise<boolean>): Promise<boolean> {
    const events: StoreEvent[] = [];
    const rejected: Record<string, number> = {};
    let resync = false;
    for (const item of batch.items) {
      if (item.kind === 'status') this.cable = item.status;
      else if (item.kind === 'resync') resync = true;
      else if (item.kind === 'set-aside') rejected.oversize = (rejected.oversize ?? 0) + 1;
      // The host parsed it with the batch's community (`session`), which intake matched to this one.
      else if (item.kind === 'event') events.push(item.event, ...followed(item.identifier, item.event));
      else {
        rejected[item.reason] = (rejected[item.reason] ?? 0) + 1;
        this.deps.onRejected?.(item.reason, item.message);
      }
    }
    if (previous && !(await previous)) return false;
    if (Object.keys(rejected).length) this.deps.logger.warn?.('rejected channel messages', rejected);
    this.learnSkew(events);
    const timed = this.skew ? events.map((event) => ({ ...event, at: event.at - this.skew })) : events;
    if (events.length || Object.keys(rejected).length) await this.store(timed, rejected);
    const counts = events.filter((e) => e.type === 'updateNewNotificationCount' || e.type === 'resetNewNotificationCount').length;
    if (counts > 0) this.settleCount();
    if (resync) this.deps.onResync();
    // What the batch's status and badge show: never "connecting" for want of the stored count.
    if (this.counted === false) await this.loadCount();
    return true;
  }

  /**
   * One transaction for the batch. Storage that fails (full, closed) fails the whole batch,
   * to be sent again; a batch the store cannot take for a reason of its own is halved until
   * the event that breaks it stands alone, and that one is set aside, counted (`unstorable`).
   */
  private async store(events: StoreEvent[], rejected: Record<string, number>): Promise<void> {
    try {
      await this.commit(events, rejected, { deferTrim: true });
    } catch (error) {
      if (isStorageUnavailable(error) || !events.length) throw error;
      if (events.length === 1) {
        this.deps.logger.warn?.('set aside an event the store cannot take', { type: events[0]!.type, error: errorName(error) });
        await this.commit([], { ...rejected, unstorable: (rejected.unstorable ?? 0) + 1 }, { deferTrim: true });
        return;
      }
      const half = Math.ceil(events.length / 2);
      await this.store(events.slice(0, half), rejected);
      await this.store(events.slice(half), {});
    }
  }

  async commit(events: StoreEvent[], rejected: Record<string, number> = {}, options: { deferTrim?: boolean } = {}): Promise<Change> {
    // A stub's room or a count read that finishes after sign-out must not write the cache back.
    if (this.stopped) throw new Error('the session was replaced');
    const { store, community, memberId } = this.deps;
    const { change, announced } = await store.apply(community, memberId, events, rejected, options);
    if (change.untrimmed) this.scheduleTrim(change.untrimmed);
    const count = change.counts?.[NEW_NOTIFICATIONS];
    if (count !== undefined) this.count = count;
    for (const uuid of change.stubs) void this.fillStub(uuid);
    this.deps.onChange(change, announced);
    return change;
  }

  /**
   * Now, on Circle's clock as best we know it. Reads, counts and snapshots are ordered against
   * messages' `sent_at`, which is Circle's; a member's clock a minute off must not turn new
   * messages into read ones.
   */
  serverNow(): number {
    return Date.now() - this.skew;
  }

  private learnSkew(events: readonly StoreEvent[]): void {
    for (const event of events) {
      if (event.type !== 'newMessage') continue;
      const delay = event.at - event.message.sentAt;
      if (Math.abs(delay) < SKEW_SANE_MS) this.delays.push(delay);
    }
    if (this.delays.length > SKEW_SAMPLES) this.delays.splice(0, this.delays.length - SKEW_SAMPLES);
    // The quickest delivery is mostly clock difference; only a difference beyond a second matters.
    const fastest = this.delays.length ? Math.min(...this.delays) : 0;
    this.skew = Math.abs(fastest) > 1_000 ? fastest : 0;
  }

  /**
   * The stored count, read beside the first batch's transaction rather than before it: that
   * batch may bring a newer count itself, which the read never overwrites. A batch is answered
   * only once the count is known (`absorb`).
   */
  loadCount(): Promise<void> {
    this.counted ??= false;
    this.counting ??= this.deps.store.counter(this.deps.community, NEW_NOTIFICATIONS).then(
      (count) => {
        this.count ??= count;
        this.counted = true;
      },
      (error: unknown) => {
        // The next batch reads it again.
        this.counting = undefined;
        throw error;
      },
    );
    return this.counting;
  }

  private scheduleTrim(uuids: readonly string[]): void {
    for (const uuid of uuids) this.untrimmed.add(uuid);
    const now = Date.now();
    this.trimDue ??= now + TRIM_AFTER_MS;
    if (this.trimTimer) clearTimeout(this.trimTimer);
    this.trimTimer = setTimeout(() => this.trimNow(), Math.max(0, Math.min(TRIM_QUIET_MS, this.trimDue - now)));
  }

  private trimNow(): void {
    this.trimTimer = undefined;
    this.trimDue = undefined;
    const rooms = [...this.untrimmed];
    this.untrimmed.clear();
    this.deps.store.trim(this.deps.community, rooms).catch((error: unknown) => this.deps.logger.warn?.('could not trim rooms', { error: String(error) }));
  }

  stop(): void {
    this.stopped = true;
    if (this.trimTimer) clearTimeout(this.trimTimer);
    if (this.countTimer) clearTimeout(this.countTimer);
  }

  /** After a burst of count events settles, Circle's own count is the truth. */
  private settleCount(): void {
    if (this.countTimer) clearTimeout(this.countTimer);
    this.countTimer = setTimeout(() => void this.reconcileCount(), COUNT_SETTLE_MS);
  }

  async reconcileCount(): Promise<void> {
    const at = this.serverNow();
    try {
      await this.commit([{ type: 'countSnapshot', count: await this.deps.api.newNotificationsCount(), at }]);
    } catch (error) {
      this.deps.logger.warn?.('could not re-read the new notifications count', { error: String(error) });
    }
  }

  /** A room known only from a message: Circle fills in the rest. */
  private async fillStub(uuid: string): Promise<void> {
    if (this.fetchingStubs.has(uuid)) return;
    this.fetchingStubs.add(uuid);
    try {
      const room = await this.deps.api.room(this.deps.community, uuid);
      await this.commit([{ type: 'roomSnapshot', room, at: this.serverNow() }]);
    } catch (error) {
      this.deps.logger.warn?.('could not fetch a room', { error: String(error) });
    } finally {
      this.fetchingStubs.delete(uuid);
    }
  }
}
