import type { Preferences, QuietHours } from '../settings/preferences';
import { addDays, instantOf, minutesOf, wallTime, zoneOf } from './zone';

/**
 * Whether alerts are held back now, and until when. Pure: the worker, the popup and the options
 * page ask it with their own clock and the browser's zone. Only types come from lib/settings,
 * so the popup's chunk carries no zod.
 */
export type QuietPreferences = Pick<Preferences, 'doNotDisturb' | 'snoozedUntil' | 'quietHours'>;

export type QuietCause = 'do-not-disturb' | 'snooze' | 'schedule';

export interface QuietNow {
  cause: QuietCause;
  /** When alerts flow again; undefined: not before the member turns Do Not Disturb off. */
  endsAt?: number;
}

const MINUTE = 60_000;
/** A schedule chained day after day (00:00–00:00 every day) is quiet for good: followed this far, no further. */
const MAX_CHAIN = 8;

/** The end of the schedule's span that covers `at`, or undefined when none does. */
export function scheduleEnd(at: number, hours: QuietHours, browserZone: string): number | undefined {
  if (!hours.enabled || hours.days.length === 0) return undefined;
  const zone = zoneOf(hours.timeZone, browserZone);
  const now = wallTime(at, zone);
  const minute = now.hour * 60 + now.minute;
  const from = minutesOf(hours.from);
  const to = minutesOf(hours.to);
  // A span whose end is not after its start runs past midnight into the next day; from = to is the whole day.
  const overnight = to <= from;
  const yesterday = (now.weekday + 6) % 7;
  const endOn = (days: number) => {
    const date = addDays(now.year, now.month, now.day, days);
    return instantOf(date.year, date.month, date.day, Math.floor(to / 60), to % 60, zone);
  };
  if (hours.days.includes(now.weekday) && minute >= from && (overnight || minute < to)) return endOn(overnight ? 1 : 0);
  if (overnight && hours.days.includes(yesterday) && minute < to) return endOn(0);
  return undefined;
}

export function quietNow(preferences: QuietPreferences, at: number, browserZone: string): QuietNow | undefined {
  if (preferences.doNotDisturb) return { cause: 'do-not-disturb' };
  const snoozed = preferences.snoozedUntil > at ? preferences.snoozedUntil : undefined;
  const scheduled = scheduleEnd(at, preferences.quietHours, browserZone);
  if (snoozed === undefined && scheduled === undefined) return undefined;
  // Quiet lasts while either does: a snooze that ends inside quiet hours ends with them, and the other way round.
  let end = Math.max(snoozed ?? 0, scheduled ?? 0);
  for (let step = 0; step < MAX_CHAIN; step++) {
    const next = Math.max(preferences.snoozedUntil > end ? preferences.snoozedUntil : 0, scheduleEnd(end, preferences.quietHours, browserZone) ?? 0);
    if (next <= end) break;
    end = next;
  }
  return { cause: snoozed !== undefined && (scheduled === undefined || snoozed >= scheduled) ? 'snooze' : 'schedule', endsAt: end };
}

export const SNOOZE_CHOICES = ['30m', '1h', '2h', 'morning', 'off'] as const;
export type SnoozeChoice = (typeof SNOOZE_CHOICES)[number];

/** "Tomorrow morning": this hour on the next day, in the member's zone. */
export const MORNING_HOUR = 8;

/** What a snooze choice writes to the preferences: "until I turn it off" is Do Not Disturb. */
export function snooze(choice: SnoozeChoice, at: number, zone: string): Pick<Preferences, 'doNotDisturb' | 'snoozedUntil'> {
  switch (choice) {
    case '30m':
      return { doNotDisturb: false, snoozedUntil: at + 30 * MINUTE };
    case '1h':
      return { doNotDisturb: false, snoozedUntil: at + 60 * MINUTE };
    case '2h':
      return { doNotDisturb: false, snoozedUntil: at + 120 * MINUTE };
    case 'morning': {
      const today = wallTime(at, zone);
      const next = addDays(today.year, today.month, today.day, 1);
      return { doNotDisturb: false, snoozedUntil: instantOf(next.year, next.month, next.day, MORNING_HOUR, 0, zone) };
    }
    case 'off':
      return { doNotDisturb: true, snoozedUntil: 0 };
  }
}

/** Ending a snooze or Do Not Disturb; quiet hours stay as the schedule says. */
export const SNOOZE_ENDED: Pick<Preferences, 'doNotDisturb' | 'snoozedUntil'> = { doNotDisturb: false, snoozedUntil: 0 };

/** Whole minutes left, rounded up: "1 min" until the very end. */
export function minutesLeft(endsAt: number, at: number): number {
  return Math.max(1, Math.ceil((endsAt - at) / MINUTE));
}

/** Whether the end is far enough off (past an hour, or on another day) to be told as a clock time. */
export function endsLater(endsAt: number, at: number): boolean {
  return endsAt - at > 60 * MINUTE;
}

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * The quiet fields of stored preferences, read without lib/settings' zod (the popup's chunk
 * stays small): anything malformed reads as its default, as the schema's parse would.
 */
export function quietOf(raw: unknown): QuietPreferences & { timeZone: string } {
  const p = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const q = (typeof p.quietHours === 'object' && p.quietHours !== null ? p.quietHours : {}) as Record<string, unknown>;
  const days = Array.isArray(q.days) && q.days.every((d) => Number.isInteger(d) && d >= 0 && d <= 6) ? (q.days as number[]) : [0, 1, 2, 3, 4, 5, 6];
  const timeZone = typeof q.timeZone === 'string' ? q.timeZone : '';
  return {
    doNotDisturb: p.doNotDisturb === true,
    snoozedUntil: typeof p.snoozedUntil === 'number' && Number.isInteger(p.snoozedUntil) && p.snoozedUntil > 0 ? p.snoozedUntil : 0,
    quietHours: {
      enabled: q.enabled === true,
      days,
      from: typeof q.from === 'string' && CLOCK.test(q.from) ? q.from : '22:00',
      to: typeof q.to === 'string' && CLOCK.test(q.to) ? q.to : '07:00',
      timeZone,
    },
    timeZone,
  };
}
