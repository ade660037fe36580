import type { CircleEvent } from '../circle/events';
import type { Message, Notification, Room } from '../circle/model';

/** What REST says at a moment: applied through the same reducer as live events. */
export type Snapshot = { at: number } & (
  | { type: 'roomSnapshot'; room: Room }
  | { type: 'messageSnapshot'; message: Message }
  | { type: 'notificationSnapshot'; notification: Notification }
  | { type: 'countSnapshot'; count: number }
);

export type StoreEvent = CircleEvent | Snapshot;

export const NEW_NOTIFICATIONS = 'newNotifications';
