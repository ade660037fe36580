/**
 * The model as Circle's JSON: the record shapes of docs/circle-api.md, Circle's OpenAPI files (tests/contract/spec) and its websocket page (docs/circle-websockets-beta.md).
 * REST and cable events both use these, so a record looks the same wherever it arrives.
 */
import type { Community, Member, Message, Notification, Participant, Room, Thread } from './model';
import { richTextBody, type RichTextBody } from './rich-text';

export interface MemberPreview {
  id: number;
  name: string;
  avatar_url: string;
  community_member_id: number;
  user_public_uid: string;
}

/** A room's participant as `other_participants_preview` / `current_participant` show one. */
export interface ParticipantRecord extends MemberPreview {
  last_seen_text: string;
  headline: string;
  bio: string;
  location: string;
  email: string;
  user_id: number;
  deleted_at: null;
  admin: boolean;
  community_admin: boolean;
  moderator: boolean;
  muted: boolean;
  archived: boolean;
  can_send_message: boolean;
  status?: string;
}

export interface MessageRecord {
  id: number;
  parent_message_id: number | null;
  edited_at: string | null;
  created_at: string;
  sent_at: string;
  chat_room_uuid: string;
  chat_room_kind: string;
  chat_room_participant_id: number;
  body: string;
  bookmark_id: null;
  rich_text_body: RichTextBody;
  sender: MemberPreview;
  creation_uuid: string;
  chat_thread_id: number | null;
  lesson_id: null;
  replies_count: number;
  chat_thread_replies_count: number;
  last_reply_at: string | null;
  total_thread_participants_count: number;
  thread_participants_preview: MemberPreview[];
  reactions: { emoji: string; count: number; community_member_ids: number[] }[];
  embedded_chat_message_access: Record<string, boolean>[];
}

/** As Circle's spec has it: no pin, no creation time; the viewer's flags on `current_participant`. */
export interface RoomRecord {
  id: number;
  uuid: string;
  identifier: string;
  unread_messages_count: number;
  chat_room_kind: string;
  chat_room_name: string;
  chat_room_description: string;
  chat_room_show_history: boolean;
  chat_room_participants_count: number;
  other_participants_preview: ParticipantRecord[];
  current_participant: ParticipantRecord;
  last_message: MessageRecord | null;
  first_unread_message_id: number | null;
}

export interface SimplifiedRoomRecord {
  uuid: string;
  chat_room_name: string;
  chat_room_description: string;
  chat_room_show_history: boolean;
  pinned_message: MessageRecord | null;
}

export interface NotificationRecord {
  id: number;
  created_at: string;
  read_at: string | null;
  action: string;
  display_action: string;
  notifiable_type: string;
  notifiable_id: number;
  notifiable_title: string;
  actor_name: string;
  actor_image: string;
  second_actor_name: null;
  second_actor_image: null;
  space_title: string;
  space_id: number;
  notification_text_structure: string[];
  action_web_url: string;
  notifiable: { id: number; community_id: number; space_id: number; parent_comment_id?: null };
}

/**
 * Circle's `chat_thread`: the room by kind and name only (its uuid is the parent's), and no
 * unread count (that is `unread_chat_threads`' list of ids).
 */
export interface ThreadRecord {
  id: number;
  parent_message: MessageRecord;
  replies: MessageRecord[];
  chat_room: { kind: string; name: string; embedded_space: null; lesson: null };
}

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

/** Decision: a space's id, stable per title (the model keeps spaces by title only). */
export function spaceId(title: string): number {
  let hash = 0;
  for (const char of title) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) % 9000;
  return 100 + hash;
}

export class Records {
  constructor(private readonly community: Community) {}

  private member(id: number): Member {
    const member = this.community.members.get(id);
    if (!member) throw new Error(`no member ${id}`);
    return member;
  }

  /** `id` is the participant id when there is one: Circle's previews are participants. */
  preview(memberId: number, participantId = memberId): MemberPreview {
    const member = this.member(memberId);
    return { id: participantId, name: member.name, avatar_url: member.avatarUrl, community_member_id: member.id, user_public_uid: member.publicUid };
  }

  participant(participant: Participant, self: boolean): ParticipantRecord {
    const member = this.member(participant.memberId);
    return {
      ...this.preview(member.id, participant.id),
      last_seen_text: '',
      headline: member.headline,
      bio: '',
      location: '',
      email: member.email,
      user_id: member.id + 50_000,
      deleted_at: null,
      admin: false,
      community_admin: false,
      moderator: false,
      muted: participant.muted,
      archived: participant.archived,
      can_send_message: true,
      ...(self ? {} : { status: 'offline' }),
    };
  }

  message(message: Message): MessageRecord {
    const room = this.community.rooms.get(message.roomId);
    if (!room) throw new Error(`no room ${message.roomId}`);
    // A reply carries its thread's figures too (chat_thread_replies_count), but has no replies itself.
    const thread = message.threadId === null ? undefined : this.community.threads.get(message.threadId);
    const replies = thread ? this.community.replies(thread) : [];
    const threadMembers = thread ? this.community.threadParticipantIds(thread) : [];
    return {
      id: message.id,
      parent_message_id: message.parentId,
      edited_at: iso(message.editedAt),
      created_at: message.createdAt.toISOString(),
      sent_at: message.createdAt.toISOString(),
      chat_room_uuid: room.uuid,
      chat_room_kind: room.kind,
      chat_room_participant_id: message.participantId,
      body: message.body,
      bookmark_id: null,
      rich_text_body: richTextBody(message, this.community),
      sender: this.preview(message.senderId, message.participantId),
      creation_uuid: message.creationUuid,
      chat_thread_id: message.threadId,
      lesson_id: null,
      replies_count: message.parentId === null ? replies.length : 0,
      chat_thread_replies_count: replies.length,
      last_reply_at: iso(replies[replies.length - 1]?.createdAt ?? null),
      total_thread_participants_count: threadMembers.length,
      thread_participants_preview: threadMembers
        .slice(0, 3)
        .map((id) => this.preview(id, this.community.participantOf(room, id)?.id)),
      reactions: message.reactions.map((reaction) => ({
        emoji: reaction.emoji,
        count: reaction.memberIds.length,
        community_member_ids: [...reaction.memberIds],
      })),
      embedded_chat_message_access: [],
    };
  }

  /** A room as `viewerId` sees it: name, unread count and flags are per viewer. */
  room(room: Room, viewerId: number): RoomRecord {
    const own = this.community.participantOf(room, viewerId);
    if (!own) throw new Error(`member ${viewerId} is not in room ${room.id}`);
    const others = room.participants.filter((participant) => participant.memberId !== viewerId);
    const last = this.community.lastMessage(room);
    const name = room.kind === 'direct' ? others.map((p) => this.member(p.memberId).name).join(', ') : room.name;
    return {
      id: room.id,
      uuid: room.uuid,
      identifier: room.identifier,
      unread_messages_count: this.community.unreadCount(room, viewerId),
      chat_room_kind: room.kind,
      chat_room_name: name,
      chat_room_description: room.description,
      chat_room_show_history: room.showHistory,
      chat_room_participants_count: room.participants.length,
      other_participants_preview: others.slice(0, 5).map((p) => this.participant(p, false)),
      current_participant: this.participant(own, true),
      last_message: last ? this.message(last) : null,
      first_unread_message_id: this.community.timeline(room).find((m) => m.senderId !== viewerId && m.id > own.lastReadMessageId)?.id ?? null,
    };
  }

  simplifiedRoom(room: Room): SimplifiedRoomRecord {
    return {
      uuid: room.uuid,
      chat_room_name: room.name,
      chat_room_description: room.description,
      chat_room_show_history: room.showHistory,
      pinned_message: null,
    };
  }

  thread(thread: Thread, viewerId: number): ThreadRecord {
    const room = this.community.rooms.get(thread.roomId);
    const parent = this.community.messages.get(thread.parentId);
    if (!room || !parent) throw new Error(`thread ${thread.id} is broken`);
    return {
      id: thread.id,
      parent_message: this.message(parent),
      replies: this.community.replies(thread).map((reply) => this.message(reply)),
      chat_room: { kind: room.kind, name: this.room(room, viewerId).chat_room_name, embedded_space: null, lesson: null },
    };
  }

  notification(notification: Notification): NotificationRecord {
    return {
      id: notification.id,
      created_at: notification.createdAt.toISOString(),
      read_at: iso(notification.readAt),
      action: notification.action,
      display_action: notification.displayAction,
      notifiable_type: notification.notifiableType,
      notifiable_id: notification.notifiableId,
      notifiable_title: notification.notifiableTitle,
      actor_name: notification.actorName,
      actor_image: notification.actorImage,
      second_actor_name: null,
      second_actor_image: null,
      space_title: notification.spaceTitle,
      space_id: spaceId(notification.spaceTitle),
      notification_text_structure: [...notification.textStructure],
      action_web_url: notification.actionWebUrl,
      notifiable: {
        id: notification.notifiableId,
        community_id: this.community.id,
        space_id: spaceId(notification.spaceTitle),
        ...(notification.notifiableType === 'Comment' ? { parent_comment_id: null } : {}),
      },
    };
  }
}
