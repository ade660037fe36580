import type { Page } from '@playwright/test';

/**
 * One clock for every figure. Node and each Chromium page read `performance.timeOrigin +
 * performance.now()`: wall-clock milliseconds at their start, then the same monotonic clock,
 * so their difference is a constant. `calibrate` measures that constant NTP-style (the
 * round trip with the smallest delay wins), and `toBench` maps a page's time onto Node's.
 */
export const benchNow = () => performance.timeOrigin + performance.now();

export interface PageClock {
  /** page time − bench time */
  offset: number;
  /** The best round trip: the offset is right to within half of it. */
  rttMs: number;
}

export async function calibrate(page: Page, samples = 25): Promise<PageClock> {
  let best: PageClock | undefined;
  for (let i = 0; i < samples; i++) {
    const before = benchNow();
    const there = await page.evaluate(() => performance.timeOrigin + performance.now());
    const after = benchNow();
    const rttMs = after - before;
    if (!best || rttMs < best.rttMs) best = { offset: there - (before + after) / 2, rttMs };
  }
  return best!;
}

export const toBench = (clock: PageClock, pageTime: number) => pageTime - clock.offset;

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns something other than undefined, or throws after `timeoutMs`. */
export async function until<T>(what: string, check: () => T | undefined | Promise<T | undefined>, timeoutMs = 15_000, everyMs = 20): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}
