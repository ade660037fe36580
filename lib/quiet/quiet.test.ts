import { describe, expect, it } from 'vitest';
import { quietHoursSchema } from '../settings/preferences';
import { minutesLeft, quietNow, scheduleEnd, snooze, SNOOZE_ENDED } from './quiet';
import { instantOf, wallTime, zoneOf } from './zone';

const hours = (over: Partial<ReturnType<typeof quietHoursSchema.parse>>) => quietHoursSchema.parse({ enabled: true, ...over });
const prefs = (over: Partial<Parameters<typeof quietNow>[0]> = {}) => ({ doNotDisturb: false, snoozedUntil: 0, quietHours: hours({ enabled: false }), ...over });
const at = (iso: string) => Date.parse(iso);

describe('zones', () => {
  it('reads the wall clock of a zone, and finds the instant of a wall time, across DST', () => {
    // 2026-03-29 is Europe's spring-forward day: 02:00 CET becomes 03:00 CEST.
    expect(wallTime(at('2026-03-29T00:30:00Z'), 'Europe/Berlin')).toMatchObject({ hour: 1, minute: 30, weekday: 0 });
    expect(wallTime(at('2026-03-29T01:30:00Z'), 'Europe/Berlin')).toMatchObject({ hour: 3, minute: 30 });
    expect(instantOf(2026, 3, 29, 8, 0, 'Europe/Berlin')).toBe(at('2026-03-29T06:00:00Z'));
    expect(instantOf(2026, 3, 28, 8, 0, 'Europe/Berlin')).toBe(at('2026-03-28T07:00:00Z'));
    // A time the clock skips is shifted forward by the gap.
    expect(instantOf(2026, 3, 29, 2, 30, 'Europe/Berlin')).toBe(at('2026-03-29T01:30:00Z'));
    // A time the clock shows twice (autumn, 02:30 in Berlin on 2026-10-25): the first.
    expect(instantOf(2026, 10, 25, 2, 30, 'Europe/Berlin')).toBe(at('2026-10-25T00:30:00Z'));
    expect(instantOf(2026, 11, 1, 8, 0, 'America/New_York')).toBe(at('2026-11-01T13:00:00Z'));
    expect(instantOf(2026, 12, 2, 8, 0, 'Asia/Kolkata')).toBe(at('2026-12-02T02:30:00Z'));
  });

  it("falls back to the browser's zone for a zone this browser does not know, and to UTC past that", () => {
    expect(zoneOf('Europe/Berlin', 'UTC')).toBe('Europe/Berlin');
    expect(zoneOf('', 'America/New_York')).toBe('America/New_York');
    expect(zoneOf('Mars/Olympus', 'Asia/Tokyo')).toBe('Asia/Tokyo');
    expect(zoneOf('Mars/Olympus', 'nowhere')).toBe('UTC');
  });
});

describe('quiet hours', () => {
  // Wednesday 2 December 2026.
  const weekdays = hours({ days: [1, 2, 3, 4, 5], from: '09:00', to: '17:00', timeZone: 'Europe/Berlin' });

  it('hold inside the span, on the days listed, in the zone named', () => {
    expect(scheduleEnd(at('2026-12-02T08:00:00Z'), weekdays, 'UTC')).toBe(at('2026-12-02T16:00:00Z'));
    expect(scheduleEnd(at('2026-12-02T07:59:00Z'), weekdays, 'UTC')).toBeUndefined();
    expect(scheduleEnd(at('2026-12-02T16:00:00Z'), weekdays, 'UTC')).toBeUndefined();
    // Saturday.
    expect(scheduleEnd(at('2026-12-05T10:00:00Z'), weekdays, 'UTC')).toBeUndefined();
    expect(scheduleEnd(at('2026-12-02T10:00:00Z'), { ...weekdays, enabled: false }, 'UTC')).toBeUndefined();
    expect(scheduleEnd(at('2026-12-02T10:00:00Z'), { ...weekdays, days: [] }, 'UTC')).toBeUndefined();
  });

  it("follow the browser's zone when they name none", () => {
    const local = { ...weekdays, timeZone: '' };
    expect(scheduleEnd(at('2026-12-02T14:30:00Z'), local, 'America/New_York')).toBe(at('2026-12-02T22:00:00Z'));
    expect(scheduleEnd(at('2026-12-02T13:30:00Z'), local, 'America/New_York')).toBeUndefined();
  });

  it('run past midnight into the next day, belonging to the day they start on', () => {
    // Fridays only, 22:00–07:00, New York.
    const friday = hours({ days: [5], from: '22:00', to: '07:00', timeZone: 'America/New_York' });
    // Friday 4 December 23:00 EST, and Saturday 06:59: quiet until Saturday 07:00.
    expect(scheduleEnd(at('2026-12-05T04:00:00Z'), friday, 'UTC')).toBe(at('2026-12-05T12:00:00Z'));
    expect(scheduleEnd(at('2026-12-05T11:59:00Z'), friday, 'UTC')).toBe(at('2026-12-05T12:00:00Z'));
    // Friday 06:00 belongs to Thursday's night, which is not listed.
    expect(scheduleEnd(at('2026-12-04T11:00:00Z'), friday, 'UTC')).toBeUndefined();
    // Saturday 22:30: Saturday is not listed.
    expect(scheduleEnd(at('2026-12-06T03:30:00Z'), friday, 'UTC')).toBeUndefined();
  });

  it('end at the wall time across a DST change', () => {
    // Saturday 28 March 2026, 23:00 CET, to Sunday 07:00 CEST: seven hours, not eight.
    const nights = hours({ from: '23:00', to: '07:00', timeZone: 'Europe/Berlin' });
    expect(scheduleEnd(at('2026-03-28T22:00:00Z'), nights, 'UTC')).toBe(at('2026-03-29T05:00:00Z'));
    // Autumn: Saturday 24 October 23:00 CEST to Sunday 07:00 CET.
    expect(scheduleEnd(at('2026-10-24T21:00:00Z'), nights, 'UTC')).toBe(at('2026-10-25T06:00:00Z'));
  });

  it('from = to is the whole day, and a day chained to the next ends only where the chain does', () => {
    const weekend = hours({ days: [0, 6], from: '00:00', to: '00:00', timeZone: 'UTC' });
    expect(quietNow(prefs({ quietHours: weekend }), at('2026-12-05T10:00:00Z'), 'UTC')).toEqual({ cause: 'schedule', endsAt: at('2026-12-07T00:00:00Z') });
  });
});

describe('quiet now', () => {
  const now = at('2026-12-02T10:00:00Z');

  it('is Do Not Disturb without an end, a snooze until its time, or nothing', () => {
    expect(quietNow(prefs({ doNotDisturb: true, snoozedUntil: now + 60_000 }), now, 'UTC')).toEqual({ cause: 'do-not-disturb' });
    expect(quietNow(prefs({ snoozedUntil: now + 60_000 }), now, 'UTC')).toEqual({ cause: 'snooze', endsAt: now + 60_000 });
    expect(quietNow(prefs({ snoozedUntil: now }), now, 'UTC')).toBeUndefined();
    expect(quietNow(prefs(), now, 'UTC')).toBeUndefined();
  });

  it('lasts while either a snooze or quiet hours do', () => {
    const morning = hours({ from: '09:00', to: '11:00', timeZone: 'UTC' });
    // A snooze ending inside quiet hours: quiet until they end.
    expect(quietNow(prefs({ snoozedUntil: now + 30 * 60_000, quietHours: morning }), now, 'UTC')).toEqual({ cause: 'schedule', endsAt: at('2026-12-02T11:00:00Z') });
    // Quiet hours ending inside a snooze: quiet until it ends.
    const later = at('2026-12-02T12:00:00Z');
    expect(quietNow(prefs({ snoozedUntil: later, quietHours: morning }), now, 'UTC')).toEqual({ cause: 'snooze', endsAt: later });
    // A snooze reaching into the next quiet hours.
    const evening = hours({ days: [3], from: '12:30', to: '14:00', timeZone: 'UTC' });
    expect(quietNow(prefs({ snoozedUntil: at('2026-12-02T13:00:00Z'), quietHours: evening }), now, 'UTC')?.endsAt).toBe(at('2026-12-02T14:00:00Z'));
  });
});

describe('snooze', () => {
  const now = at('2026-12-02T21:15:00Z');

  it('writes an end for a while, the next morning at 08:00 in the zone, or Do Not Disturb', () => {
    expect(snooze('30m', now, 'UTC')).toEqual({ doNotDisturb: false, snoozedUntil: now + 30 * 60_000 });
    expect(snooze('1h', now, 'UTC').snoozedUntil).toBe(now + 3_600_000);
    expect(snooze('2h', now, 'UTC').snoozedUntil).toBe(now + 7_200_000);
    expect(snooze('morning', now, 'Europe/Berlin').snoozedUntil).toBe(at('2026-12-03T07:00:00Z'));
    // 22:15 in Berlin is already 07:15 on the 3rd in Tokyo: its next morning is the 4th.
    expect(snooze('morning', now, 'Asia/Tokyo').snoozedUntil).toBe(at('2026-12-03T23:00:00Z'));
    expect(snooze('morning', at('2026-03-28T20:00:00Z'), 'Europe/Berlin').snoozedUntil).toBe(at('2026-03-29T06:00:00Z'));
    expect(snooze('off', now, 'UTC')).toEqual({ doNotDisturb: true, snoozedUntil: 0 });
    expect(quietNow(prefs(SNOOZE_ENDED), now, 'UTC')).toBeUndefined();
  });

  it('tells the minutes left, rounded up', () => {
    expect(minutesLeft(now + 41 * 60_000 + 1, now)).toBe(42);
    expect(minutesLeft(now + 1, now)).toBe(1);
  });
});
