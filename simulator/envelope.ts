/**
 * Circle's event envelopes. The seed names the events but not the key that carries the name,
 * so the simulator can speak each plausible shape and the client must accept them all.
 * This file is the one place that decides what a broadcast's `message` looks like.
 */
import type { MessageRecord, NotificationRecord, RoomRecord, SimplifiedRoomRecord } from './records';

export const ENVELOPE_VARIANTS = ['event', 'type', 'data', 'keyed'] as const;
export type EnvelopeVariant = (typeof ENVELOPE_VARIANTS)[number];

export type CircleEvent =
  | { name: 'chatRoomCreated'; payload: RoomRecord }
  | { name: 'chatRoomUpdated'; payload: SimplifiedRoomRecord }
  | { name: 'chatRoomDeleted'; payload: { chat_room_uuid: string } }
  | { name: 'chatRoomRead'; payload: { chat_room_uuid: string } }
  | { name: 'chatRoomPinned'; payload: { chat_room_id: number; pinned_at: string } }
  | { name: 'chatRoomUnPinned'; payload: { chat_room_id: number } }
  | { name: 'newMessage' | 'updatedMessage'; payload: MessageRecord }
  | { name: 'deletedMessage'; payload: { id: number; parent_message: MessageRecord | null } }
  | { name: 'chatThreadRead'; payload: { chat_thread_id: number } }
  | { name: 'newNotification'; payload: NotificationRecord }
  | { name: 'updateNewNotificationCount' | 'resetNewNotificationCount'; payload: { new_notifications_count: number } };

export type CircleEventName = CircleEvent['name'];

/**
 * For `keyed`: the key a record travels under. Events missing here carry a few scalars
 * (counts, uuids, ids) and stay flat; `deletedMessage` stays flat too, as its record already
 * sits under `parent_message`.
 */
const RECORD_KEY: Partial<Record<CircleEventName, string>> = {
  chatRoomCreated: 'chat_room',
  chatRoomUpdated: 'chat_room',
  newMessage: 'message',
  updatedMessage: 'message',
  newNotification: 'notification',
};

export function isEnvelopeVariant(value: unknown): value is EnvelopeVariant {
  return typeof value === 'string' && (ENVELOPE_VARIANTS as readonly string[]).includes(value);
}

export function wrapEvent(variant: EnvelopeVariant, event: CircleEvent): Record<string, unknown> {
  const payload: Record<string, unknown> = { ...event.payload };
  switch (variant) {
    case 'event':
      return { event: event.name, ...payload };
    case 'type':
      return { type: event.name, ...payload };
    case 'data':
      return { event: event.name, data: payload };
    case 'keyed': {
      const key = RECORD_KEY[event.name];
      return key ? { event: event.name, [key]: payload } : { event: event.name, ...payload };
    }
  }
}
