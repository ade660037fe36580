// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { CircleError } from './errors';
import { Limiter } from './limiter';

describe('Limiter', () => {
  it('runs at most four at a time', async () => {
    const limiter = new Limiter(4);
    let running = 0;
    let peak = 0;
    const release: (() => void)[] = [];
    let finished = 0;
    const tasks = Array.from({ length: 10 }, () =>
      limiter.run(async () => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise<void>((resolve) => release.push(resolve));
        running -= 1;
        finished += 1;
      }),
    );
    while (finished < 10) {
      await new Promise((r) => setImmediate(r));
      release.shift()?.();
    }
    await Promise.all(tasks);
    expect(peak).toBe(4);
  });

  it('waits as long as Retry-After says, then tries again', async () => {
    let now = 0;
    const slept: number[] = [];
    const limiter = new Limiter(4, () => now, async (ms) => {
      slept.push(ms);
      now += ms;
    });
    let calls = 0;
    const result = await limiter.run(async () => {
      calls += 1;
      if (calls === 1) throw new CircleError('rate_limited', 'GET /x: 429', 429, 7_000);
      return 'ok';
    });
    expect(result).toBe('ok');
    expect(slept).toEqual([7_000]);
  });

  it('gives up after three 429s and passes other errors through at once', async () => {
    const limiter = new Limiter(4, Date.now, async () => {});
    let calls = 0;
    await expect(limiter.run(async () => { calls += 1; throw new CircleError('rate_limited', '429', 429, 1); })).rejects.toThrow('429');
    expect(calls).toBe(3);
    await expect(limiter.run(async () => { throw new CircleError('server', '500', 500); })).rejects.toThrow('500');
  });
});
