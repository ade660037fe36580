import { describe, expect, it } from 'vitest';
import { dayLabel, messageTime } from './message-time';
import { isoTime, timeAgo } from './time';

const now = new Date(2026, 10, 27, 15, 0).getTime();
const MIN = 60_000;

describe('timeAgo', () => {
  it('says how long ago, in the reader language', () => {
    expect(timeAgo(now - 20_000, now, 'en')).toBe('now');
    expect(timeAgo(now - 2 * MIN, now, 'en')).toBe('2 min. ago');
    expect(timeAgo(now - 2 * MIN, now, 'de')).toBe('vor 2 Min.');
    expect(timeAgo(now - 3 * 60 * MIN, now, 'en')).toBe('3 hr. ago');
    expect(timeAgo(new Date(2026, 10, 26, 9, 0).getTime(), now, 'en')).toBe('yesterday');
    expect(timeAgo(new Date(2026, 10, 26, 9, 0).getTime(), now, 'de')).toBe('gestern');
    expect(timeAgo(new Date(2026, 10, 23, 9, 0).getTime(), now, 'en')).toBe('4 days ago');
    expect(timeAgo(new Date(2026, 9, 2).getTime(), now, 'en')).toBe('Oct 2');
    expect(timeAgo(new Date(2025, 9, 2).getTime(), now, 'en')).toBe('Oct 2, 2025');
  });
  it('treats a clock skew into the future as now', () => {
    expect(timeAgo(now + 5 * MIN, now, 'en')).toBe('now');
  });
});

describe('day labels and clock times', () => {
  it('heads days with Today, Yesterday, a weekday, then a date', () => {
    expect(dayLabel(now - MIN, now, 'en')).toBe('Today');
    expect(dayLabel(now - 24 * 60 * MIN, now, 'de')).toBe('Gestern');
    expect(dayLabel(new Date(2026, 10, 24).getTime(), now, 'en')).toBe('Tuesday');
    expect(dayLabel(new Date(2026, 9, 2).getTime(), now, 'en')).toBe('Fri, Oct 2');
  });
  it('gives clock times and ISO stamps', () => {
    expect(messageTime(new Date(2026, 10, 27, 9, 5).getTime(), 'de')).toBe('9:05');
    expect(messageTime(new Date(2026, 10, 27, 21, 5).getTime(), 'en')).toMatch(/^9:05\sPM$/);
    expect(isoTime(0)).toBe('');
    expect(isoTime(Date.UTC(2026, 0, 1))).toBe('2026-01-01T00:00:00.000Z');
  });
});
