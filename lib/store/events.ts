import type { CircleEvent } from '../circle/events';
import type { Message, Notification, Room, Thread } from '../circle/model';

/** What REST says at a moment: applied through the same reducer as live events. */
export type Snapshot = { at: number } & (
  | { type: 'roomSnapshot'; room: Room }
  | { type: 'messageSnapshot'; message: Message }
  | { type: 'notificationSnapshot'; notification: Notification }
  | { type: 'countSnapshot'; count: number }
  /**
   * What Circle says of a thread: where it is and its last reply (`thread`), and whether it is
   * unread (`unread`, from unread_chat_threads: ids only, so an unread thread counts as one).
   */
  | { type: 'threadSnapshot'; id: number; thread?: Thread; unread?: boolean }
);

export type StoreEvent = CircleEvent | Snapshot;

export const NEW_NOTIFICATIONS = 'newNotifications';
