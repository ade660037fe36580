// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../cable';
import { Outbox, type Batch } from './outbox';

describe('Outbox', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function setup(fail: (attempt: number) => boolean = () => false) {
    const delivered: Batch<number>[] = [];
    let calls = 0;
    const outbox = new Outbox<number>({
      clock: systemClock,
      maxBatch: 3,
      send: async (batch) => {
        calls += 1;
        if (fail(calls)) throw new Error('Receiving end does not exist');
        delivered.push({ seq: batch.seq, items: [...batch.items] });
      },
    });
    return { outbox, delivered, calls: () => calls };
  }

  it('sends items pushed together as one batch, in order, within the batch limit', async () => {
    const { outbox, delivered } = setup();
    for (const n of [1, 2, 3, 4, 5]) outbox.push(n);
    await vi.runAllTimersAsync();
    expect(delivered).toEqual([
      { seq: 1, items: [1, 2, 3] },
      { seq: 2, items: [4, 5] },
    ]);
    expect(outbox.pending).toBe(0);
  });

  it('keeps one batch in flight and resends it until acknowledged', async () => {
    const { outbox, delivered, calls } = setup((n) => n <= 3);
    outbox.push(1);
    await vi.advanceTimersByTimeAsync(0);
    outbox.push(2);
    await vi.runAllTimersAsync();
    expect(calls()).toBe(4);
    expect(delivered).toEqual([{ seq: 1, items: [1, 2] }]);
  });

  it('loses nothing across a long outage and keeps the order', async () => {
    const { outbox, delivered } = setup((n) => n <= 8);
    for (let n = 1; n <= 10; n++) {
      outbox.push(n);
      await vi.advanceTimersByTimeAsync(100);
    }
    await vi.runAllTimersAsync();
    expect(delivered.flatMap((b) => b.items)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('stops sending when closed', async () => {
    const { outbox, calls } = setup(() => true);
    outbox.push(1);
    await vi.advanceTimersByTimeAsync(0);
    outbox.close();
    await vi.runAllTimersAsync();
    expect(calls()).toBe(1);
    outbox.push(2);
    await vi.runAllTimersAsync();
    expect(calls()).toBe(1);
  });
});
