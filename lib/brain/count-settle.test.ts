// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CircleApi } from '../circle/api';
import type { Change } from '../store/change';
import type { StoreEvent } from '../store/events';
import type { Committed, Store } from '../store/store';
import { COUNT_SETTLE_MS, Live } from './live';
import type { Batch, HostItem } from '../wire/messages';
import { heard } from '../host/heard';

const COMMUNITY = 'http://circle.test/7';
let seq = 0;

/** One batch of `updateNewNotificationCount` frames, as the host sends them. */
function counts(...values: number[]): Batch<HostItem> {
  return {
    seq: ++seq,
    items: values.map((n) => heard('{"channel":"NotificationChannel"}', { event: 'updateNewNotificationCount', new_notifications_count: n }, COMMUNITY, Date.now())),
  };
}

/** A store that keeps the newest count by time, as the reducer does, and reports it back. */
function setUp(circleCount: number) {
  let counter = { value: 0, at: 0 };
  const store = {
    apply: vi.fn(async (_c: string, _m: number, events: readonly StoreEvent[]): Promise<Committed> => {
      for (const event of events) {
        if ((event.type === 'updateNewNotificationCount' || event.type === 'countSnapshot') && event.at >= counter.at) counter = { value: event.count, at: event.at };
      }
      const change: Change = { community: COMMUNITY, rooms: [], messages: 0, notifications: 0, counters: [], stubs: [], announced: [], newNotifications: [], counts: { newNotifications: counter.value } };
      return { change, announced: { messages: [], rooms: new Map() } };
    }),
    trim: vi.fn(async () => undefined),
  };
  const api = { newNotificationsCount: vi.fn(async () => circleCount) };
  const live = new Live({ community: COMMUNITY, memberId: 7, store: store as unknown as Store, api: api as unknown as CircleApi, logger: {}, onChange: () => undefined, onResync: () => undefined });
  return { live, api };
}

describe('the count after a burst', () => {
  beforeEach(() => void vi.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => void vi.useRealTimers());

  it('is re-read from Circle once count updates stop arriving, even when each batch held only one', async () => {
    const { live, api } = setUp(40);
    // Out of order across batches: the newest (40) came first, a stale 37 last.
    for (const n of [38, 40, 39, 37]) {
      await live.absorb(counts(n));
      await vi.advanceTimersByTimeAsync(COUNT_SETTLE_MS / 2);
    }
    expect(live.count).toBe(37);
    expect(api.newNotificationsCount).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(COUNT_SETTLE_MS / 2);
    expect(api.newNotificationsCount).toHaveBeenCalledTimes(1);
    expect(live.count).toBe(40);
  });

  it('is re-read after a single update too: any count may be one of a reordered burst', async () => {
    const { live, api } = setUp(5);
    await live.absorb(counts(4));
    await vi.advanceTimersByTimeAsync(COUNT_SETTLE_MS);
    expect(api.newNotificationsCount).toHaveBeenCalledTimes(1);
    expect(live.count).toBe(5);
  });

  it('a stopped session re-reads nothing and writes nothing', async () => {
    const { live, api } = setUp(5);
    await live.absorb(counts(4));
    live.stop();
    await vi.advanceTimersByTimeAsync(COUNT_SETTLE_MS);
    expect(api.newNotificationsCount).not.toHaveBeenCalled();
    await expect(live.commit([{ type: 'countSnapshot', count: 1, at: Date.now() }])).rejects.toThrow('replaced');
  });
});
