import type { CableStatus, Logger } from '../cable';
import type { CircleApi } from '../circle/api';
import { parseEvent } from '../circle/events';
import type { Change } from '../store/change';
import { NEW_NOTIFICATIONS, type StoreEvent } from '../store/events';
import type { Store } from '../store/store';
import type { HostItem } from '../host/messages';
import type { Batch } from '../host/outbox';

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
  /** Every committed change (badge, notices, room channels). */
  onChange(change: Change): void;
  onResync(): void;
}

/** Rails fans a burst out over a worker pool, so the last count received is not always the newest. */
const COUNT_SETTLE_MS = 1_000;

export class Live {
  cable: CableStatus | undefined;
  count: number | undefined;
  private countTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly fetchingStubs = new Set<string>();

  constructor(private readonly deps: LiveDeps) {}

  async absorb(batch: Batch<HostItem>): Promise<void> {
    const { community } = this.deps;
    const events: StoreEvent[] = [];
    const rejected: Record<string, number> = {};
    let resync = false;
    for (const item of batch.items) {
      if (item.kind === 'status') this.cable = item.status;
      else if (item.kind === 'resync') resync = true;
      else {
        const parsed = parseEvent(item.message, community, item.receivedAt);
        if (parsed.ok) events.push(parsed.event);
        else rejected[parsed.kind] = (rejected[parsed.kind] ?? 0) + 1;
      }
    }
    if (Object.keys(rejected).length) this.deps.logger.warn?.('rejected channel messages', rejected);
    if (events.length || Object.keys(rejected).length) await this.commit(events, rejected);
    const counts = events.filter((e) => e.type === 'updateNewNotificationCount' || e.type === 'resetNewNotificationCount').length;
    if (counts > 1) this.settleCount();
    if (resync) this.deps.onResync();
  }

  async commit(events: StoreEvent[], rejected: Record<string, number> = {}): Promise<Change> {
    const { store, community, memberId } = this.deps;
    const change = await store.apply(community, memberId, events, rejected);
    if (change.counters.includes(NEW_NOTIFICATIONS)) this.count = await store.counter(community, NEW_NOTIFICATIONS);
    for (const uuid of change.stubs) void this.fillStub(uuid);
    this.deps.onChange(change);
    return change;
  }

  async loadCount(): Promise<void> {
    this.count = await this.deps.store.counter(this.deps.community, NEW_NOTIFICATIONS);
  }

  stop(): void {
    if (this.countTimer) clearTimeout(this.countTimer);
  }

  /** After a burst of count events settles, Circle's own count is the truth. */
  private settleCount(): void {
    if (this.countTimer) clearTimeout(this.countTimer);
    this.countTimer = setTimeout(() => void this.reconcileCount(), COUNT_SETTLE_MS);
  }

  async reconcileCount(): Promise<void> {
    const at = Date.now();
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
      await this.commit([{ type: 'roomSnapshot', room, at: Date.now() }]);
    } catch (error) {
      this.deps.logger.warn?.('could not fetch a room', { error: String(error) });
    } finally {
      this.fetchingStubs.delete(uuid);
    }
  }
}
