/**
 * Every change to the community that Circle would announce, with its announcements: the
 * events, their streams and who receives them. REST, the control API and the live activity
 * all change the community through here, so side effects never depend on the caller.
 */
import { randomUUID } from 'node:crypto';
import { streams } from './channels';
import type { CircleEvent } from './envelope';
import { CircleError, notFound, unprocessable } from './errors';
import type { Community, Message, Notification, Room, RoomKind, Thread } from './model';
import type { NotificationSpec } from './notification-kinds';
import { buildNotification } from './notification-kinds';
import type { Records } from './records';

export type Publish = (stream: string, event: CircleEvent) => void;

export interface NewMessage {
  room: Room;
  senderId: number;
  body: string;
  parentId?: number | null;
}

export interface NewRoom {
  kind: RoomKind;
  memberIds: number[];
  name?: string;
  description?: string;
  showHistory?: boolean;
  /** False: no `chatRoomCreated`, as for a DM its members first hear of by its first message. */
  announce?: boolean;
}

export type NotificationOverrides = Partial<Omit<Notification, 'id' | 'memberId' | 'createdAt'>>;

export interface RoomChanges {
  name?: string;
  description?: string;
  showHistory?: boolean;
}

export class CommunityActions {
  constructor(
    private readonly community: Community,
    private readonly records: Records,
    private readonly publish: Publish,
  ) {}

  private participant(room: Room, memberId: number) {
    const participant = this.community.participantOf(room, memberId);
    if (!participant) throw new CircleError(403, 'You are not a participant of this chat room.');
    return participant;
  }

  private threadFor(parent: Message): Thread {
    const existing = parent.threadId === null ? undefined : this.community.threads.get(parent.threadId);
    if (existing) return existing;
    const thread: Thread = { id: this.community.nextId('thread'), roomId: parent.roomId, parentId: parent.id, lastReadReplyId: new Map() };
    this.community.threads.set(thread.id, thread);
    parent.threadId = thread.id;
    return thread;
  }

  /** Who hears about a message on their threads channel: a reply's thread participants. */
  private threadAudience(message: Message): number[] {
    const thread = message.threadId === null ? undefined : this.community.threads.get(message.threadId);
    return message.parentId !== null && thread ? this.community.threadParticipantIds(thread) : [];
  }

  sendMessage({ room, senderId, body, parentId = null }: NewMessage, at = new Date()): Message {
    const participant = this.participant(room, senderId);
    if (body.trim() === '') throw unprocessable('Body can\'t be blank.', { body: ['can\'t be blank'] });
    const parent = parentId === null ? undefined : this.community.messages.get(parentId);
    if (parentId !== null && (!parent || parent.roomId !== room.id || parent.parentId !== null || parent.deletedAt)) {
      throw unprocessable('Parent message not found.', { parent_message_id: ['is invalid'] });
    }
    const message: Message = {
      id: this.community.nextId('message'),
      roomId: room.id,
      participantId: participant.id,
      senderId,
      body,
      creationUuid: randomUUID(),
      createdAt: at,
      editedAt: null,
      deletedAt: null,
      parentId,
      threadId: parent ? this.threadFor(parent).id : null,
      reactions: [],
      rich: null,
    };
    room.messages.push(message);
    this.community.messages.set(message.id, message);
    const thread = message.threadId === null ? undefined : this.community.threads.get(message.threadId);
    if (thread) thread.lastReadReplyId.set(senderId, message.id);
    else participant.lastReadMessageId = message.id;

    const event: CircleEvent = { name: 'newMessage', payload: this.records.message(message) };
    if (!parent) {
      for (const other of room.participants) {
        if (other.memberId !== senderId) this.publish(streams.memberRooms(other.memberId), event);
      }
    }
    this.publish(streams.room(room.id), event);
    for (const memberId of this.threadAudience(message)) this.publish(streams.memberThreads(memberId), event);
    return message;
  }

  private liveMessage(messageId: number): Message {
    const message = this.community.messages.get(messageId);
    if (!message || message.deletedAt) throw notFound('Message not found.');
    return message;
  }

  editMessage(messageId: number, body: string, at = new Date()): Message {
    const message = this.liveMessage(messageId);
    if (body.trim() === '') throw unprocessable('Body can\'t be blank.', { body: ['can\'t be blank'] });
    message.body = body;
    message.rich = null;
    message.editedAt = at;
    const event: CircleEvent = { name: 'updatedMessage', payload: this.records.message(message) };
    this.publish(streams.room(message.roomId), event);
    for (const memberId of this.threadAudience(message)) this.publish(streams.memberThreads(memberId), event);
    return message;
  }

  /** Decision: a deleted message leaves every listing; a deleted parent takes its thread with it. */
  deleteMessage(messageId: number, at = new Date()): void {
    const message = this.liveMessage(messageId);
    const audience = this.threadAudience(message);
    message.deletedAt = at;
    const parent = message.parentId === null ? undefined : this.community.messages.get(message.parentId);
    const event: CircleEvent = {
      name: 'deletedMessage',
      payload: { id: message.id, parent_message: parent ? this.records.message(parent) : null },
    };
    this.publish(streams.room(message.roomId), event);
    for (const memberId of audience) this.publish(streams.memberThreads(memberId), event);
  }

  markRoomRead(room: Room, memberId: number): void {
    const participant = this.participant(room, memberId);
    participant.lastReadMessageId = Math.max(participant.lastReadMessageId, room.messages[room.messages.length - 1]?.id ?? 0);
    this.publish(streams.memberRooms(memberId), { name: 'chatRoomRead', payload: { chat_room_uuid: room.uuid } });
  }

  createRoom(spec: NewRoom, at = new Date()): Room {
    const memberIds = [...new Set(spec.memberIds)];
    for (const id of memberIds) if (!this.community.members.has(id)) throw notFound('Community member not found.');
    if (spec.kind === 'direct' && memberIds.length !== 2) throw unprocessable('A direct chat has exactly two participants.');
    if (spec.kind === 'group_chat' && memberIds.length < 2) throw unprocessable('A group chat needs at least two participants.');
    const room: Room = {
      id: this.community.nextId('room'),
      uuid: randomUUID(),
      identifier: randomUUID().replaceAll('-', '').slice(0, 12),
      kind: spec.kind,
      name: spec.name ?? '',
      description: spec.description ?? '',
      showHistory: spec.showHistory ?? true,
      createdAt: at,
      participants: memberIds.map((memberId) => ({
        id: this.community.nextId('participant'), memberId, pinnedAt: null, muted: false, archived: false, lastReadMessageId: 0,
      })),
      messages: [],
    };
    this.community.rooms.set(room.id, room);
    if (spec.announce === false) return room;
    for (const { memberId } of room.participants) {
      this.publish(streams.memberRooms(memberId), { name: 'chatRoomCreated', payload: this.records.room(room, memberId) });
    }
    return room;
  }

  updateRoom(room: Room, changes: RoomChanges): Room {
    if (changes.name !== undefined) room.name = changes.name;
    if (changes.description !== undefined) room.description = changes.description;
    if (changes.showHistory !== undefined) room.showHistory = changes.showHistory;
    const event: CircleEvent = { name: 'chatRoomUpdated', payload: this.records.simplifiedRoom(room) };
    for (const { memberId } of room.participants) this.publish(streams.memberRooms(memberId), event);
    this.publish(streams.room(room.id), event);
    return room;
  }

  deleteRoom(room: Room): void {
    this.community.rooms.delete(room.id);
    for (const message of room.messages) this.community.messages.delete(message.id);
    for (const thread of [...this.community.threads.values()]) if (thread.roomId === room.id) this.community.threads.delete(thread.id);
    for (const { memberId } of room.participants) {
      this.publish(streams.memberRooms(memberId), { name: 'chatRoomDeleted', payload: { chat_room_uuid: room.uuid } });
    }
  }

  pinRoom(room: Room, memberId: number, at = new Date()): void {
    const participant = this.participant(room, memberId);
    participant.pinnedAt = at;
    this.publish(streams.memberRooms(memberId), { name: 'chatRoomPinned', payload: { chat_room_id: room.id, pinned_at: at.toISOString() } });
  }

  unpinRoom(room: Room, memberId: number): void {
    this.participant(room, memberId).pinnedAt = null;
    this.publish(streams.memberRooms(memberId), { name: 'chatRoomUnPinned', payload: { chat_room_id: room.id } });
  }

  markThreadRead(thread: Thread, memberId: number): void {
    const replies = this.community.replies(thread);
    thread.lastReadReplyId.set(memberId, replies[replies.length - 1]?.id ?? 0);
    this.publish(streams.memberThreads(memberId), { name: 'chatThreadRead', payload: { chat_thread_id: thread.id } });
  }

  private publishNewCount(memberId: number): void {
    const count = this.community.newNotifications(memberId).length;
    this.publish(streams.notifications(memberId), { name: 'updateNewNotificationCount', payload: { new_notifications_count: count } });
  }

  addNotification(memberId: number, spec: NotificationSpec, overrides: NotificationOverrides = {}): Notification {
    if (!this.community.members.has(memberId)) throw notFound('Community member not found.');
    const notification = { ...buildNotification(this.community, memberId, spec), ...overrides };
    this.community.notifications.set(notification.id, notification);
    this.publish(streams.notifications(memberId), { name: 'newNotification', payload: this.records.notification(notification) });
    this.publishNewCount(memberId);
    return notification;
  }

  resetNewNotifications(memberId: number, at = new Date()): void {
    const member = this.community.members.get(memberId);
    if (!member) throw notFound('Community member not found.');
    member.notificationsSeenAt = at;
    this.publish(streams.notifications(memberId), { name: 'resetNewNotificationCount', payload: { new_notifications_count: 0 } });
  }

  /** The seed says resetNewNotificationCount is sent "to mark all notifications as read". */
  markAllNotificationsRead(memberId: number, at = new Date()): void {
    for (const notification of this.community.notificationsOf(memberId)) notification.readAt ??= at;
    this.resetNewNotifications(memberId, at);
  }

  markNotificationRead(notification: Notification, at = new Date()): void {
    if (notification.readAt) return;
    const before = this.community.newNotifications(notification.memberId).length;
    notification.readAt = at;
    if (this.community.newNotifications(notification.memberId).length !== before) this.publishNewCount(notification.memberId);
  }
}
