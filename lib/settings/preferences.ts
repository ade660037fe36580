import { z } from 'zod';

/** "HH:MM", 24-hour, in the quiet hours' time zone. */
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

/**
 * A weekly schedule of quiet: on each listed day (0 = Sunday, as `Date.getDay`) from `from` to
 * `to`; a span past midnight (22:00–07:00) belongs to the day it starts on.
 */
export const quietHoursSchema = z.object({
  enabled: z.boolean().catch(false).default(false),
  days: z.array(z.number().int().min(0).max(6)).max(7).catch([0, 1, 2, 3, 4, 5, 6]).default([0, 1, 2, 3, 4, 5, 6]),
  from: clockTime.catch('22:00').default('22:00'),
  to: clockTime.catch('07:00').default('07:00'),
  /** An IANA zone; empty: the browser's own, wherever the member is today. */
  timeZone: z.string().max(64).catch('').default(''),
});

/** Modes of the toolbar badge, summed over every community. */
export const BADGE_MODES = ['notifications', 'notifications-and-chats', 'dms-and-mentions', 'chats', 'waiting'] as const;
export type BadgeMode = (typeof BADGE_MODES)[number];

/**
 * A room's own alert choice, over the member's general one; a room with none follows it.
 * "Never" is `mutedRooms`, which also keeps the room out of every chat count.
 */
export const ROOM_ALERT_CHOICES = ['every', 'mentions'] as const;
export type RoomAlertChoice = (typeof ROOM_ALERT_CHOICES)[number];

/**
 * The member's own preferences (storage.local `preferences`): how loud Circle Live is. Kept
 * apart from `settings`, which is the connection contract a policy may fix; a bad value
 * falls back to its default rather than silencing or flooding anyone. A policy may set
 * defaults for these and lock some (./preferences-policy.ts).
 */
export const preferencesSchema = z.object({
  /** Desktop alerts at all. */
  alerts: z.boolean().catch(true).default(true),
  /** Do Not Disturb until the member turns it off. */
  doNotDisturb: z.boolean().catch(false).default(false),
  /** Snoozed until this time (ms since the epoch); 0 or past: not snoozed. */
  snoozedUntil: z.number().int().nonnegative().catch(0).default(0),
  quietHours: quietHoursSchema.catch(() => quietHoursSchema.parse({})).default(() => quietHoursSchema.parse({})),
  /** When a snooze or quiet hours end, one quiet alert sums up what was held back. */
  awaySummary: z.boolean().catch(true).default(true),
  onlyDmsAndMentions: z.boolean().catch(false).default(false),
  /** Room uuids that never raise an alert and never count in a chat badge mode. */
  mutedRooms: z.array(z.string()).catch([]).default([]),
  /** Room uuid → its own choice: every message, or only mentions (the room's kind aside). */
  roomAlerts: z.record(z.string(), z.enum(ROOM_ALERT_CHOICES)).catch({}).default({}),
  /** A short sound with each alert. */
  sound: z.boolean().catch(false).default(false),
  badgeCounts: z.enum(BADGE_MODES).catch('notifications').default('notifications'),
  /** A DM or thread waits on the member once someone else spoke last this many hours ago. */
  waitingAfterHours: z.number().min(0.5).max(168).catch(4).default(4),
  /** Opening a notification from the popup resets the new count, as Circle's bell does. */
  resetCountOnOpen: z.boolean().catch(true).default(true),
});

export type Preferences = z.output<typeof preferencesSchema>;
export type QuietHours = Preferences['quietHours'];

export function parsePreferences(value: unknown): Preferences {
  const result = preferencesSchema.safeParse(value ?? {});
  return result.success ? result.data : preferencesSchema.parse({});
}
