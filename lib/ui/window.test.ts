import { describe, expect, it } from 'vitest';
import { anchoredScrollTop, scrollToShow, windowRange } from './window';

describe('windowRange', () => {
  it('covers the visible rows plus overscan, clamped to the list', () => {
    expect(windowRange(0, 480, 64, 500, 4)).toEqual({ start: 0, end: 13 });
    expect(windowRange(64 * 100, 480, 64, 500, 4)).toEqual({ start: 96, end: 113 });
    expect(windowRange(64 * 495, 480, 64, 500, 4)).toEqual({ start: 491, end: 500 });
    expect(windowRange(0, 480, 64, 3, 4)).toEqual({ start: 0, end: 3 });
    expect(windowRange(99_999, 480, 64, 0, 4)).toEqual({ start: 0, end: 0 });
  });
  it('renders a bounded number of rows however long the list', () => {
    for (const count of [10, 500, 50_000]) {
      const { start, end } = windowRange(64 * Math.floor(count / 2), 480, 64, count, 4);
      expect(end - start).toBeLessThanOrEqual(17);
    }
  });
});

describe('scrollToShow', () => {
  it('scrolls only as far as needed', () => {
    expect(scrollToShow(0, 100, 480, 64)).toBe(0);
    expect(scrollToShow(3, 0, 480, 64)).toBe(0);
    expect(scrollToShow(10, 0, 480, 64)).toBe(11 * 64 - 480);
  });
});

describe('anchoredScrollTop', () => {
  it('follows the anchor row when rows move above it', () => {
    expect(anchoredScrollTop(640, 64, { key: 'a', index: 10 }, 11)).toBe(704);
    expect(anchoredScrollTop(640, 64, { key: 'a', index: 10 }, 9)).toBe(576);
  });
  it('stays at the top, and stays put when the anchor is gone', () => {
    expect(anchoredScrollTop(0, 64, { key: 'a', index: 0 }, 1)).toBe(0);
    expect(anchoredScrollTop(640, 64, { key: 'a', index: 10 }, -1)).toBe(640);
  });
});
