import { z } from 'zod';
import { MAX_BODY_CHARS, type Message, type MessagePreview, type Notification, type Person, type Room } from './model';

/**
 * Zod schemas for Circle's JSON records (REST and cable alike): tolerant of extra fields and
 * of fields Circle leaves null, strict only about what a record cannot live without.
 */
const id = z.coerce.number().int().positive();
const text = z.string().nullish().transform((v) => v ?? undefined);
const time = z
  .string()
  .nullish()
  .transform((v) => {
    const ms = v ? Date.parse(v) : Number.NaN;
    return Number.isNaN(ms) ? undefined : ms;
  });

export const personSchema = z
  .object({ id: id.nullish(), community_member_id: id.nullish(), name: z.string().nullish(), avatar_url: text })
  .transform(
    (p): Person => ({
      id: p.id ?? undefined,
      memberId: p.community_member_id ?? undefined,
      name: p.name ?? '',
      avatarUrl: p.avatar_url,
    }),
  );

function capBody(body: string | undefined): { body: string; truncated?: true } {
  const value = body ?? '';
  return value.length > MAX_BODY_CHARS ? { body: value.slice(0, MAX_BODY_CHARS), truncated: true } : { body: value };
}

export const messageSchema = z.object({
  id,
  chat_room_uuid: z.string().min(1),
  parent_message_id: id.nullish(),
  chat_thread_id: id.nullish(),
  sent_at: time,
  created_at: time,
  edited_at: time,
  body: z.string().nullish(),
  rich_text_body: z.unknown().optional(),
  sender: personSchema.nullish(),
  replies_count: z.coerce.number().int().min(0).nullish(),
  chat_thread_replies_count: z.coerce.number().int().min(0).nullish(),
  last_reply_at: time,
});
export type MessageRecord = z.infer<typeof messageSchema>;

export function toMessage(community: string, r: MessageRecord): Message {
  return {
    community,
    id: r.id,
    roomUuid: r.chat_room_uuid,
    parentId: r.parent_message_id ?? undefined,
    threadId: r.chat_thread_id ?? undefined,
    sentAt: r.sent_at ?? r.created_at ?? 0,
    editedAt: r.edited_at,
    ...capBody(r.body ?? undefined),
    richText: r.rich_text_body ?? undefined,
    sender: r.sender ?? undefined,
    repliesCount: r.parent_message_id ? 0 : (r.replies_count ?? 0),
    lastReplyAt: r.last_reply_at,
  };
}

export function toPreview(message: Message): MessagePreview {
  return { id: message.id, body: message.body.slice(0, 280), sender: message.sender, sentAt: message.sentAt };
}

const participantSchema = z.object({ pinned_at: time, muted_at: time }).partial().nullish();

export const roomSchema = z.object({
  id,
  uuid: z.string().min(1),
  unread_messages_count: z.coerce.number().int().min(0).nullish(),
  chat_room_kind: z.string().nullish(),
  chat_room_name: z.string().nullish(),
  chat_room_description: z.string().nullish(),
  chat_room_participants_count: z.coerce.number().int().min(0).nullish(),
  other_participants_preview: z.array(personSchema).nullish(),
  current_participant: participantSchema,
  last_message: z.unknown().optional(),
  pinned_at: time,
  created_at: time,
});
export type RoomRecord = z.infer<typeof roomSchema>;

export function toRoom(community: string, r: RoomRecord): Room {
  const last = messageSchema.safeParse(r.last_message);
  const lastMessage = last.success ? toPreview(toMessage(community, last.data)) : undefined;
  const participants = r.other_participants_preview ?? [];
  return {
    community,
    uuid: r.uuid,
    id: r.id,
    kind: r.chat_room_kind ?? 'unknown',
    name: r.chat_room_name || participants.map((p) => p.name).join(', '),
    description: r.chat_room_description ?? undefined,
    participantsCount: r.chat_room_participants_count ?? undefined,
    participants,
    unread: r.unread_messages_count ?? 0,
    lastActivityAt: lastMessage?.sentAt ?? r.created_at ?? 0,
    lastMessage,
    pinnedAt: r.pinned_at ?? r.current_participant?.pinned_at,
    mutedAt: r.current_participant?.muted_at,
  };
}

export const notificationSchema = z.object({
  id,
  created_at: time,
  read_at: time,
  action: text,
  display_action: text,
  notifiable_type: text,
  notifiable_title: text,
  actor_name: text,
  actor_image: text,
  space_title: text,
  notification_text_structure: z.array(z.unknown()).nullish(),
  action_web_url: text,
});
export type NotificationRecord = z.infer<typeof notificationSchema>;

/**
 * Circle's `notification_text_structure` lists the record's fields in sentence order
 * (`['actor_name', 'display_action', 'notifiable_title']`). Build that sentence; an entry that
 * names no field is kept as text when it reads like words, dropped when it reads like a key.
 */
function sentence(record: NotificationRecord): string | undefined {
  const fields = record as unknown as Record<string, unknown>;
  const words = (record.notification_text_structure ?? []).map((part) => {
    if (typeof part !== 'string') return typeof part === 'object' && part && 'text' in part ? String((part as { text: unknown }).text) : '';
    if (part in fields) return typeof fields[part] === 'string' ? (fields[part] as string) : '';
    return /^[a-z]+(_[a-z]+)+$/.test(part) ? '' : part;
  });
  const joined = words.join(' ').replace(/\s+/g, ' ').trim();
  return joined ? joined.slice(0, 500) : undefined;
}

export function toNotification(community: string, r: NotificationRecord): Notification {
  return {
    community,
    id: r.id,
    createdAt: r.created_at ?? 0,
    readAt: r.read_at,
    action: r.action,
    displayAction: r.display_action,
    notifiableType: r.notifiable_type,
    notifiableTitle: r.notifiable_title,
    actorName: r.actor_name,
    actorImage: r.actor_image,
    spaceTitle: r.space_title,
    text: sentence(r),
    textStructure: r.notification_text_structure?.filter((part): part is string => typeof part === 'string').slice(0, 12),
    url: r.action_web_url,
  };
}
