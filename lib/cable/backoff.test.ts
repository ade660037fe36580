// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay, restartDelay } from './backoff.ts';
import { DEFAULT_TUNABLES } from './tunables.ts';

const one = () => 1;

describe('backoffDelay', () => {
  it('doubles from 1 s and is capped at 5 s during the first minute of an outage', () => {
    const ceilings = [0, 1, 2, 3, 4, 10].map((attempt) => backoffDelay(attempt, 0, one, DEFAULT_TUNABLES));
    expect(ceilings).toEqual([1000, 2000, 4000, 5000, 5000, 5000]);
    expect(backoffDelay(5, 59_999, one, DEFAULT_TUNABLES)).toBe(5000);
  });

  it('lets the cap rise to 30 s once the outage is a minute old', () => {
    const ceilings = [2, 3, 4, 5, 6, 40].map((attempt) => backoffDelay(attempt, 60_000, one, DEFAULT_TUNABLES));
    expect(ceilings).toEqual([4000, 8000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('spreads the delay over the whole window (full jitter)', () => {
    expect(backoffDelay(2, 0, () => 0, DEFAULT_TUNABLES)).toBe(0);
    expect(backoffDelay(2, 0, () => 0.25, DEFAULT_TUNABLES)).toBe(1000);
  });

  it('stays within [0, cap] for any attempt, outage and random()', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.double({ noNaN: false }), (attempt, outageMs, random) => {
        const delay = backoffDelay(attempt, outageMs, () => random, DEFAULT_TUNABLES);
        const cap = outageMs < 60_000 ? 5000 : 30_000;
        return Number.isFinite(delay) && delay >= 0 && delay <= cap;
      }),
    );
  });
});

describe('restartDelay', () => {
  it('comes back within 100–1000 ms', () => {
    expect(restartDelay(() => 0, DEFAULT_TUNABLES)).toBe(100);
    expect(restartDelay(() => 0.5, DEFAULT_TUNABLES)).toBe(550);
    expect(restartDelay(() => 0.999_999, DEFAULT_TUNABLES)).toBe(1000);
    expect(restartDelay(() => -3, DEFAULT_TUNABLES)).toBe(100);
  });
});
