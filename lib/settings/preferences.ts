import { z } from 'zod';

/**
 * The member's own preferences (storage.local `preferences`): how loud Circle Live is. Kept
 * apart from `settings`, which is the connection contract a policy may fix; a bad value
 * falls back to its default rather than silencing or flooding anyone.
 */
export const preferencesSchema = z.object({
  /** Desktop alerts at all. */
  alerts: z.boolean().catch(true).default(true),
  doNotDisturb: z.boolean().catch(false).default(false),
  onlyDmsAndMentions: z.boolean().catch(false).default(false),
  /** Room uuids that never raise an alert. */
  mutedRooms: z.array(z.string()).catch([]).default([]),
  /** What the badge counts: Circle's new notifications, or those plus unread chats. */
  badgeCounts: z.enum(['notifications', 'notifications-and-chats']).catch('notifications').default('notifications'),
  /** Opening a notification from the popup resets the new count, as Circle's bell does. */
  resetCountOnOpen: z.boolean().catch(true).default(true),
});

export type Preferences = z.output<typeof preferencesSchema>;

export function parsePreferences(value: unknown): Preferences {
  const result = preferencesSchema.safeParse(value ?? {});
  return result.success ? result.data : preferencesSchema.parse({});
}
