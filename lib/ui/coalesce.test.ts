import { describe, expect, it } from 'vitest';
import { coalesce } from './coalesce';

describe('coalesce', () => {
  it('runs one at a time and hands a burst to one run', async () => {
    const runs: number[][] = [];
    let release: () => void = () => {};
    const run = coalesce<number>(async (items) => {
      runs.push(items);
      if (runs.length === 1) await new Promise<void>((resolve) => (release = resolve));
    });
    void run(1);
    await Promise.resolve();
    await Promise.resolve();
    void run(2);
    void run(3);
    const done = run(4);
    release();
    await done;
    expect(runs).toEqual([[1], [2, 3, 4]]);
  });

  it('reports a failed run and goes on', async () => {
    const errors: unknown[] = [];
    const seen: number[][] = [];
    const run = coalesce<number>(async (items) => {
      seen.push(items);
      if (items.includes(1)) throw new Error('boom');
    }, (error) => errors.push(error));
    await run(1);
    await run(2);
    expect(seen).toEqual([[1], [2]]);
    expect(errors).toHaveLength(1);
  });

  it('survives work that throws before its first await', async () => {
    const run = coalesce<number>(() => {
      throw new Error('sync');
    });
    await run(1);
    let ran = false;
    await coalesce<number>(async () => void (ran = true))(1);
    expect(ran).toBe(true);
  });
});
