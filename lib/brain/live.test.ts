// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CircleApi } from '../circle/api';
import type { Change } from '../store/change';
import type { Store } from '../store/store';
import { Live } from './live';

const COMMUNITY = 'http://circle.test/7';

function change(overrides: Partial<Change> = {}): Change {
  return { community: COMMUNITY, rooms: [], messages: 0, notifications: 0, counters: [], stubs: [], announced: [], newNotifications: [], ...overrides };
}

function setUp(next: () => Change) {
  const store = { apply: vi.fn(async () => ({ change: next(), announced: { messages: [], rooms: new Map() } })), trim: vi.fn(async () => undefined), counter: vi.fn(async () => 99) };
  const live = new Live({ community: COMMUNITY, memberId: 7, store: store as unknown as Store, api: {} as CircleApi, logger: {}, onChange: () => undefined, onResync: () => undefined });
  return { store, live };
}

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe('Live', () => {
  it('takes the count from the committed batch, without reading it back', async () => {
    const { store, live } = setUp(() => change({ counters: ['newNotifications'], counts: { newNotifications: 4 } }));
    await live.commit([{ type: 'updateNewNotificationCount', count: 4, at: 1 }]);
    expect(live.count).toBe(4);
    expect(store.counter).not.toHaveBeenCalled();
  });

  it("reads the stored count beside a woken worker's first batch: the batch's count wins, and the batch waits for the read", async () => {
    const { store, live } = setUp(() => change({ counters: ['newNotifications'], counts: { newNotifications: 6 } }));
    let read!: (count: number) => void;
    store.counter.mockImplementation(() => new Promise<number>((resolve) => (read = resolve)));
    void live.loadCount();
    let answered = false;
    const absorbing = live.absorb({ seq: 1, items: [] }).then(() => (answered = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(answered).toBe(false);
    // The batch committed its count first; the read of the older one ends after it.
    await live.commit([{ type: 'updateNewNotificationCount', count: 6, at: 1 }]);
    read(5);
    await absorbing;
    expect(live.count).toBe(6);
  });

  it('a batch with nothing to count still shows the stored count, read again when the first read failed', async () => {
    const { store, live } = setUp(() => change());
    store.counter.mockRejectedValueOnce(new DOMException('closed', 'InvalidStateError'));
    await expect(live.loadCount()).rejects.toThrow('closed');
    await live.absorb({ seq: 1, items: [] });
    expect(live.count).toBe(99);
    expect(store.counter).toHaveBeenCalledTimes(2);
  });

  it('trims once a burst pauses, all its rooms in one go', async () => {
    let n = 0;
    const { store, live } = setUp(() => change({ untrimmed: [`r${n++ % 3}`] }));
    for (let i = 0; i < 6; i++) {
      await live.commit([], {}, { deferTrim: true });
      await vi.advanceTimersByTimeAsync(300);
    }
    expect(store.trim).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(store.trim).toHaveBeenCalledTimes(1);
    expect(store.trim.mock.calls[0]).toEqual([COMMUNITY, ['r0', 'r1', 'r2']]);
  });

  it('trims a stream that never pauses every five seconds', async () => {
    const { store, live } = setUp(() => change({ untrimmed: ['r1'] }));
    for (let i = 0; i < 40; i++) {
      await live.commit([], {}, { deferTrim: true });
      await vi.advanceTimersByTimeAsync(250);
    }
    // 10 s of batches every 250 ms.
    expect(store.trim).toHaveBeenCalledTimes(2);
    live.stop();
  });
});
