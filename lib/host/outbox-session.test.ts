// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../cable';
import { Outbox } from './outbox';
import type { Batch } from '../wire/messages';

describe('Outbox sessions', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function setup(failFirst: number) {
    const sent: Batch<string>[] = [];
    let calls = 0;
    const outbox = new Outbox<string>({
      clock: systemClock,
      send: async (batch) => {
        calls += 1;
        sent.push({ ...batch, items: [...batch.items] });
        if (calls <= failFirst) throw new Error('Receiving end does not exist');
      },
    });
    return { outbox, sent };
  }

  it('tags each batch with the session its items were heard for', async () => {
    const { outbox, sent } = setup(0);
    outbox.retag('a/7');
    outbox.push('x');
    await vi.runAllTimersAsync();
    outbox.retag('b/7');
    outbox.push('y');
    await vi.runAllTimersAsync();
    expect(sent.map((b) => [b.session, b.items])).toEqual([['a/7', ['x']], ['b/7', ['y']]]);
  });

  it('drops what is queued or failing for a session that was replaced: its items never travel again, nor with the new one\'s', async () => {
    const { outbox, sent } = setup(2);
    outbox.retag('a/7');
    outbox.push('a1');
    await vi.advanceTimersByTimeAsync(0);
    // a1 is in flight and failing; a2 waits behind it.
    outbox.push('a2');
    expect(outbox.retag('b/7')).toBe(1);
    outbox.push('b1');
    await vi.runAllTimersAsync();
    // b1's first send is the second failure: it is retried alone, under its own session.
    expect(sent.map((b) => [b.session, b.items.join()])).toEqual([['a/7', 'a1'], ['b/7', 'b1'], ['b/7', 'b1']]);
  });

  it('leaves the queue alone when the session stays', () => {
    const { outbox } = setup(0);
    outbox.retag('a/7');
    outbox.push('a1');
    expect(outbox.retag('a/7')).toBe(0);
    expect(outbox.pending).toBe(1);
  });
});
