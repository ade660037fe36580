/**
 * "2 min ago", "yesterday", "12 Mar": how long ago, in the reader's language. Pure: the locale
 * and the clock are passed in, so tests need no fake timers.
 */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const relative = new Map<string, Intl.RelativeTimeFormat>();
export const dates = new Map<string, Intl.DateTimeFormat>();

export function cached<T>(cache: Map<string, T>, key: string, make: () => T): T {
  let value = cache.get(key);
  if (!value) cache.set(key, (value = make()));
  return value;
}

export function startOfDay(at: number): number {
  const d = new Date(at);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** Short relative time for lists: now, minutes, hours, then days up to a week, then a date. */
export function timeAgo(at: number, now: number, locale: string): string {
  const rtf = cached(relative, locale, () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' }));
  const ago = Math.max(0, now - at);
  if (ago < MINUTE) return rtf.format(0, 'second');
  if (ago < HOUR) return rtf.format(-Math.floor(ago / MINUTE), 'minute');
  if (ago < 12 * HOUR || startOfDay(at) === startOfDay(now)) return rtf.format(-Math.floor(ago / HOUR), 'hour');
  const days = Math.round((startOfDay(now) - startOfDay(at)) / DAY);
  if (days < 7) return rtf.format(-Math.max(1, days), 'day');
  const sameYear = new Date(at).getFullYear() === new Date(now).getFullYear();
  return shortDate(at, locale, sameYear);
}

function shortDate(at: number, locale: string, sameYear: boolean): string {
  const key = `${locale}|${sameYear}`;
  const format = cached(dates, key, () => new Intl.DateTimeFormat(locale, sameYear ? { month: 'short', day: 'numeric' } : { year: 'numeric', month: 'short', day: 'numeric' }));
  return format.format(at);
}

/** The full date and time, for a tooltip. */
export function fullTime(at: number, locale: string): string {
  return cached(dates, `${locale}|full`, () => new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short' })).format(at);
}

/** An ISO string for `<time datetime>`; empty for a time Circle did not give. */
export function isoTime(at: number): string {
  return at > 0 && Number.isFinite(at) ? new Date(at).toISOString() : '';
}
