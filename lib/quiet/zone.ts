/** Wall-clock time in an IANA zone, with nothing but `Intl`: the popup, options and worker share it. */

export interface WallTime {
  year: number;
  /** 1–12. */
  month: number;
  day: number;
  /** 0 = Sunday, as `Date.getDay`. */
  weekday: number;
  hour: number;
  minute: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function format(zone: string): Intl.DateTimeFormat {
  let f = formats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', weekday: 'short', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formats.set(zone, f);
  }
  return f;
}

/** Whether `Intl` knows the zone: a name typed in another browser, or a stale one, may be unknown here. */
export function isKnownZone(zone: string): boolean {
  if (!zone) return false;
  try {
    format(zone);
    return true;
  } catch {
    return false;
  }
}

/** The member's zone: the one they chose when this browser knows it, else the browser's own. */
export function zoneOf(chosen: string, browserZone: string): string {
  return isKnownZone(chosen) ? chosen : isKnownZone(browserZone) ? browserZone : 'UTC';
}

export function wallTime(at: number, zone: string): WallTime & { second: number } {
  const parts: Record<string, string> = {};
  for (const part of format(zone).formatToParts(new Date(at))) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    weekday: WEEKDAYS.indexOf(parts.weekday ?? ''),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** How far the zone's clock is ahead of UTC at that instant, in ms. */
function offsetAt(at: number, zone: string): number {
  const w = wallTime(at, zone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(at / 1000) * 1000;
}

/**
 * The instant the zone's clock shows this date and time. A time the clock skips (a spring-forward
 * gap) comes out shifted forward by the gap, as calendars do; a time it shows twice (autumn), the first.
 */
export function instantOf(year: number, month: number, day: number, hour: number, minute: number, zone: string): number {
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  // A zone's offset changes at most once around a day: the offsets a day before and after cover both sides.
  const before = offsetAt(guess - 86_400_000, zone);
  const after = offsetAt(guess + 86_400_000, zone);
  const shows = (at: number) => {
    const w = wallTime(at, zone);
    return w.day === day && w.hour === hour && w.minute === minute;
  };
  const matches = [guess - before, guess - after, guess - offsetAt(guess, zone)].filter(shows);
  return matches.length ? Math.min(...matches) : guess - before;
}

/** The calendar date `days` after the given one (months and years roll over). */
export function addDays(year: number, month: number, day: number, days: number): { year: number; month: number; day: number } {
  const d = new Date(Date.UTC(year, month - 1, day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** "HH:MM" as minutes since midnight. */
export function minutesOf(clock: string): number {
  const [h, m] = clock.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}
