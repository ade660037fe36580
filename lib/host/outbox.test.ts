// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../cable';
import { HeldError, Outbox } from './outbox';
import type { Batch } from '../wire/messages';

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

  /** 1, 2 and 3 pushed a task apart, each send settled by the test. */
  async function threeInTurn() {
    const sends: { seq: number; items: number[]; after?: number; settle(ok: boolean): void }[] = [];
    const outbox = new Outbox<number>({
      clock: systemClock,
      send: (batch) =>
        new Promise<void>((resolve, reject) => {
          sends.push({ seq: batch.seq, items: [...batch.items], after: batch.after, settle: (ok) => (ok ? resolve() : reject(new Error('Receiving end does not exist'))) });
        }),
    });
    for (const n of [1, 2, 3]) {
      outbox.push(n);
      await vi.advanceTimersByTimeAsync(0);
    }
    return { sends, outbox };
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

  it('resends a refused batch until acknowledged, with what queued meanwhile', async () => {
    const { outbox, delivered, calls } = setup((n) => n <= 2);
    outbox.push(1);
    await vi.advanceTimersByTimeAsync(0);
    outbox.push(2);
    await vi.runAllTimersAsync();
    expect(calls()).toBe(3);
    expect(delivered).toEqual([{ seq: 1, items: [1, 2] }]);
  });

  it('sends a second batch while the first is stored; one refused, both go again in order, one at a time until one lands', async () => {
    const { sends, outbox } = await threeInTurn();
    // Two in flight, the second naming the first it must not overtake; the third waits.
    expect(sends.map((s) => [s.items, s.after])).toEqual([[[1], undefined], [[2], 1]]);
    sends[0]!.settle(false);
    await vi.advanceTimersByTimeAsync(1_000);
    // The first was refused: nothing is resent while the second is still on its way.
    expect(sends).toHaveLength(2);
    // The brain refuses a batch whose predecessor it did not store.
    sends[1]!.settle(false);
    await vi.advanceTimersByTimeAsync(1_000);
    // The refused batches go again as one, in order, with what queued behind them, alone.
    expect(sends.slice(2).map((s) => [s.seq, s.items, s.after])).toEqual([[1, [1, 2, 3], undefined]]);
    outbox.push(4);
    await vi.advanceTimersByTimeAsync(0);
    expect(sends).toHaveLength(3);
    sends[2]!.settle(true);
    await vi.advanceTimersByTimeAsync(0);
    outbox.push(5);
    await vi.advanceTimersByTimeAsync(0);
    // Landed: two in flight again.
    expect(sends.slice(3).map((s) => s.items)).toEqual([[4], [5]]);
    expect(outbox.pending).toBe(2);
  });

  it('starts the next batch as soon as one of two in flight lands, without waiting for the other', async () => {
    const { sends } = await threeInTurn();
    expect(sends).toHaveLength(2);
    sends[0]!.settle(true);
    await vi.advanceTimersByTimeAsync(0);
    // The tail of a burst leaves while the second is still being stored, behind it.
    expect(sends.slice(2).map((s) => [s.items, s.after])).toEqual([[[3], 2]]);
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

  it('halves a batch refused three times until the item it chokes on stands alone; the rest goes through in order', async () => {
    const delivered: number[][] = [];
    const outbox = new Outbox<number>({
      clock: systemClock,
      maxBatch: 8,
      send: async (batch) => {
        // Like a frame too large to cross: only a batch without it arrives.
        if (batch.items.includes(5) && batch.items.length > 1) throw new Error('Message length exceeded maximum allowed length');
        delivered.push([...batch.items]);
      },
    });
    for (let n = 1; n <= 8; n++) outbox.push(n);
    await vi.runAllTimersAsync();
    expect(delivered.flat()).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(delivered).toContainEqual([5]);
    expect(outbox.pending).toBe(0);
  });

  it('does not split a batch the brain held on purpose, and backs off to one try every 15 s', async () => {
    const sent: number[][] = [];
    let held = true;
    const outbox = new Outbox<number>({
      clock: systemClock,
      isHeld: (error) => error instanceof HeldError,
      send: async (batch) => {
        sent.push([...batch.items]);
        if (held) throw new HeldError('storage');
      },
    });
    outbox.push(1);
    outbox.push(2);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sent.every((items) => items.length === 2)).toBe(true);
    // 20 ms … 5 s, then every 15 s: about a dozen sends in a minute, not sixty.
    expect(sent.length).toBeLessThanOrEqual(13);
    const before = sent.length;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sent.length - before).toBe(4);
    held = false;
    await vi.advanceTimersByTimeAsync(15_000);
    expect(outbox.pending).toBe(0);
  });

  it('caps a batch by bytes; an item past the hard cap is replaced by its stand-in', async () => {
    const delivered: string[][] = [];
    const outbox = new Outbox<string>({
      clock: systemClock,
      maxBatchBytes: 10,
      maxItemBytes: 20,
      sizeOf: (item) => item.length,
      setAside: (item, bytes) => `aside:${bytes}`,
      send: async (batch) => void delivered.push([...batch.items]),
    });
    for (const item of ['aaaa', 'bbbb', 'cccc', 'x'.repeat(15), 'y'.repeat(30), 'd']) outbox.push(item);
    await vi.runAllTimersAsync();
    expect(delivered).toEqual([['aaaa', 'bbbb'], ['cccc'], ['x'.repeat(15)], ['aside:30', 'd']]);
  });
});
