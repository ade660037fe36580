import { z } from 'zod';
import { MAX_BODY_CHARS, type Message, type MessagePreview, type Notification, type Person, type Reaction, type Room, type Thread } from './model';
import { capRichText, plainText } from './rich-text';

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
  .object({ id: id.nullish(), community_member_id: id.nullish(), name: z.string().nullish(), avatar_url: text, user_public_uid: text })
  .transform(
    (p): Person => ({
      id: p.id ?? undefined,
      memberId: p.community_member_id ?? undefined,
      name: p.name ?? '',
      avatarUrl: p.avatar_url,
      ...(p.user_public_uid ? { publicUid: p.user_public_uid } : {}),
    }),
  );

const reactionSchema = z.object({ emoji: z.string().min(1).max(64), count: z.coerce.number().int().min(0) });

/** Reactions a message can live without: a malformed one is left out, never the message. */
function reactionsOf(value: unknown): Reaction[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: Reaction[] = [];
  for (const item of value.slice(0, 50)) {
    const r = reactionSchema.safeParse(item);
    if (r.success && r.data.count > 0) out.push({ emoji: r.data.emoji, count: r.data.count });
  }
  return out.length ? out : undefined;
}

function capBody(body: string | undefined): { body: string; truncated?: true } {
  const value = body ?? '';
  return value.length > MAX_BODY_CHARS ? { body: value.slice(0, MAX_BODY_CHARS), truncated: true } : { body: value };
}

export const messageSchema = z.object({
  id,
  chat_room_uuid: z.string().min(1),
  creation_uuid: z.string().nullish(),
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
  reactions: z.unknown().optional(),
});
export type MessageRecord = z.infer<typeof messageSchema>;

export function toMessage(community: string, r: MessageRecord): Message {
  return {
    community,
    id: r.id,
    roomUuid: r.chat_room_uuid,
    ...(r.creation_uuid ? { creationUuid: r.creation_uuid } : {}),
    parentId: r.parent_message_id ?? undefined,
    threadId: r.chat_thread_id ?? undefined,
    sentAt: r.sent_at ?? r.created_at ?? 0,
    editedAt: r.edited_at,
    ...capBody(r.body ?? undefined),
    ...capRichText(r.rich_text_body),
    sender: r.sender ?? undefined,
    reactions: reactionsOf(r.reactions),
    repliesCount: r.parent_message_id ? 0 : (r.replies_count ?? 0),
    lastReplyAt: r.last_reply_at,
  };
}

export function toPreview(message: Message): MessagePreview {
  return { id: message.id, body: plainText(message.richText, message.body).slice(0, 280), sender: message.sender, sentAt: message.sentAt };
}

const flag = z.boolean().nullish();
// `muted_at` / `pinned_at` are what older records carried; Circle's carry the booleans.
const participantSchema = z.object({ muted: flag, archived: flag, pinned_at: time, muted_at: time }).partial().nullish();

/** `GET /messages/{uuid}` answers `{chat_room: {…}}`; the list and the cable carry the room bare. */
function unwrapRoom(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || 'uuid' in value) return value;
  const inner = (value as { chat_room?: unknown }).chat_room;
  return typeof inner === 'object' && inner !== null ? inner : value;
}

const roomFields = z.object({
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
export const roomSchema = z.preprocess(unwrapRoom, roomFields);
export type RoomRecord = z.infer<typeof roomFields>;

export function toRoom(community: string, r: RoomRecord): Room {
  const last = messageSchema.safeParse(r.last_message);
  const lastMessage = last.success ? toPreview(toMessage(community, last.data)) : undefined;
  const participants = r.other_participants_preview ?? [];
  const own = r.current_participant ?? undefined;
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
    ...pinOf(r),
    // Always named, so a newer record that clears a flag clears it in the store too.
    muted: (own?.muted ?? own?.muted_at !== undefined) ? true : undefined,
    archived: own?.archived ? true : undefined,
  };
}

/** Only a record that names a pin says anything about it; Circle's say nothing (see Room.pinnedAt). */
function pinOf(r: RoomRecord): Pick<Room, 'pinnedAt'> {
  const pinnedAt = r.pinned_at ?? r.current_participant?.pinned_at;
  return pinnedAt === undefined ? {} : { pinnedAt };
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

/**
 * Circle sends Rails' placeholder when it has no words for an action
 * ("Translation missing: en.notification_actions.comment.add"): that is no text to show, so
 * it is left out and the view says it in its own words (lib/ui/notification).
 */
function usableAction(action: string | undefined): string | undefined {
  return action && !/^translation missing/i.test(action.trim()) ? action : undefined;
}

export function toNotification(community: string, record: NotificationRecord): Notification {
  const r = { ...record, display_action: usableAction(record.display_action) };
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
    // A sentence without its verb would say something else: the view builds one instead.
    text: r.display_action === record.display_action ? sentence(r) : undefined,
    textStructure: r.notification_text_structure?.filter((part): part is string => typeof part === 'string').slice(0, 12),
    url: r.action_web_url,
  };
}

/**
 * `GET /chat_threads` and `/chat_threads/{id}`: `{id, parent_message, replies, chat_room: {kind,
 * name}}`. The room's uuid is the parent's; the list's replies are the newest few, the one
 * thread's may be absent (its example has none). Unread is not in it: see unread_chat_threads.
 */
export const threadSchema = z.object({
  id,
  parent_message: messageSchema,
  replies: z.array(z.unknown()).nullish(),
  chat_room: z.object({ name: z.string().nullish(), kind: z.string().nullish() }).partial().nullish(),
});
export type ThreadRecord = z.infer<typeof threadSchema>;

export interface ThreadSnapshotOf {
  thread: Thread;
  parent: Message;
  replies: Message[];
  /** Replies that failed validation: counted, never stored. */
  rejected: number;
}

export function toThread(community: string, r: ThreadRecord): ThreadSnapshotOf {
  const parent = toMessage(community, r.parent_message);
  const replies: Message[] = [];
  let rejected = 0;
  for (const item of r.replies ?? []) {
    const reply = messageSchema.safeParse(item);
    if (reply.success) replies.push({ ...toMessage(community, reply.data), threadId: reply.data.chat_thread_id ?? r.id, parentId: reply.data.parent_message_id ?? parent.id });
    else rejected += 1;
  }
  replies.sort((a, b) => a.sentAt - b.sentAt || a.id - b.id);
  const last = replies[replies.length - 1];
  const thread: Thread = {
    community,
    id: r.id,
    unread: 0,
    roomUuid: parent.roomUuid,
    parentMessageId: parent.id,
    ...(r.chat_room?.name ? { roomName: r.chat_room.name } : {}),
    parent: toPreview(parent),
    ...(last ? { lastReply: toPreview(last) } : {}),
    lastActivityAt: last?.sentAt ?? parent.lastReplyAt ?? parent.sentAt,
  };
  return { thread, parent: { ...parent, threadId: parent.threadId ?? r.id }, replies, rejected };
}
