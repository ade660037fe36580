import { z } from 'zod';
import { openEnvelope, type CircleEventName } from './envelope';
import type { Message, Notification, Room } from './model';
import { messageSchema, notificationSchema, roomSchema, toMessage, toNotification, toRoom } from './records';

/** A live event, validated and in the extension's own shapes; `at` is when it arrived. */
export type CircleEvent = { at: number } & (
  | { type: 'newMessage' | 'updatedMessage'; message: Message }
  | { type: 'deletedMessage'; id: number; parent?: Message }
  | { type: 'chatRoomCreated'; room: Room }
  | { type: 'chatRoomUpdated'; uuid: string; name?: string; description?: string }
  | { type: 'chatRoomDeleted' | 'chatRoomRead'; uuid: string }
  | { type: 'chatRoomPinned'; roomId: number; pinnedAt: number }
  | { type: 'chatRoomUnPinned'; roomId: number }
  | { type: 'chatThreadRead'; threadId: number }
  | { type: 'newNotification'; notification: Notification }
  | { type: 'updateNewNotificationCount' | 'resetNewNotificationCount'; count: number }
);

export type Rejection = { ok: false; kind: string; detail?: string };
export type Parsed = { ok: true; event: CircleEvent } | Rejection;

const id = z.coerce.number().int().positive();
const uuidPayload = z.object({ chat_room_uuid: z.string().min(1) });
const countPayload = z.object({ new_notifications_count: z.coerce.number().int().min(0) });

function build(name: CircleEventName, payload: Record<string, unknown>, community: string, at: number): CircleEvent | undefined {
  switch (name) {
    case 'newMessage':
    case 'updatedMessage': {
      const r = messageSchema.safeParse(payload);
      return r.success ? { type: name, message: toMessage(community, r.data), at } : undefined;
    }
    case 'deletedMessage': {
      const r = z.object({ id, parent_message: z.unknown().optional() }).safeParse(payload);
      if (!r.success) return undefined;
      const parent = messageSchema.safeParse(r.data.parent_message);
      return { type: name, id: r.data.id, parent: parent.success ? toMessage(community, parent.data) : undefined, at };
    }
    case 'chatRoomCreated': {
      const r = roomSchema.safeParse(payload);
      return r.success ? { type: name, room: toRoom(community, r.data), at } : undefined;
    }
    case 'chatRoomUpdated': {
      const r = z
        .object({ uuid: z.string().min(1), chat_room_name: z.string().nullish(), chat_room_description: z.string().nullish() })
        .safeParse(payload);
      if (!r.success) return undefined;
      return { type: name, uuid: r.data.uuid, name: r.data.chat_room_name ?? undefined, description: r.data.chat_room_description ?? undefined, at };
    }
    case 'chatRoomDeleted':
    case 'chatRoomRead': {
      const r = uuidPayload.safeParse(payload);
      return r.success ? { type: name, uuid: r.data.chat_room_uuid, at } : undefined;
    }
    case 'chatRoomPinned': {
      const r = z.object({ chat_room_id: id, pinned_at: z.string().nullish() }).safeParse(payload);
      if (!r.success) return undefined;
      const pinnedAt = r.data.pinned_at ? Date.parse(r.data.pinned_at) : Number.NaN;
      return { type: name, roomId: r.data.chat_room_id, pinnedAt: Number.isNaN(pinnedAt) ? at : pinnedAt, at };
    }
    case 'chatRoomUnPinned': {
      const r = z.object({ chat_room_id: id }).safeParse(payload);
      return r.success ? { type: name, roomId: r.data.chat_room_id, at } : undefined;
    }
    case 'chatThreadRead': {
      const r = z.object({ chat_thread_id: id }).safeParse(payload);
      return r.success ? { type: name, threadId: r.data.chat_thread_id, at } : undefined;
    }
    case 'newNotification': {
      const r = notificationSchema.safeParse(payload);
      return r.success ? { type: name, notification: toNotification(community, r.data), at } : undefined;
    }
    case 'updateNewNotificationCount':
    case 'resetNewNotificationCount': {
      const r = countPayload.safeParse(name === 'resetNewNotificationCount' ? { new_notifications_count: 0, ...payload } : payload);
      return r.success ? { type: name, count: r.data.new_notifications_count, at } : undefined;
    }
  }
}

/** One channel message → one event, or a rejection whose `kind` the diagnostics count. */
export function parseEvent(message: unknown, community: string, at: number): Parsed {
  const envelope = openEnvelope(message);
  if (!envelope.ok) return { ok: false, kind: envelope.reason, detail: envelope.name };
  const event = build(envelope.event, envelope.payload, community, at);
  return event ? { ok: true, event } : { ok: false, kind: `invalid_${envelope.event}` };
}
