import type { Message, Room, Thread } from '../circle/model';
import { toPreview } from '../circle/records';
import type { Draft } from './working-set';
import { NEW_NOTIFICATIONS, type StoreEvent } from './events';
import { countUnread, readUpTo, rebaseUnread, uncountUnread } from './unread';

/**
 * Circle's meaning of each event, as one pure function over a draft. Built to converge: the
 * same message on three channels, a duplicate after a reconnect, or an edit, deletion, read
 * or pin that overtakes what it is about all end in the state of applying each event once,
 * in order. Message effects (unread, replies, activity) happen once per id; deletions leave
 * tombstones; renames and pins are last-writer-wins by event time; counts never go below zero.
 */
export function reduce(draft: Draft, event: StoreEvent): void {
  switch (event.type) {
    case 'newMessage':
      return announce(draft, event.message);
    case 'updatedMessage':
      mergeMessage(draft, event.message);
      return;
    case 'messageSnapshot': {
      const merged = mergeMessage(draft, event.message);
      // REST's room counts already include what it lists: never count it again live.
      if (merged && !merged.announced) {
        draft.putMessage({ ...merged, announced: true });
        touchRoom(draft, merged, false);
      }
      return;
    }
    case 'deletedMessage':
      return deleteMessage(draft, event.id, event.parent);
    case 'chatRoomCreated':
    case 'roomSnapshot':
      return mergeRoom(draft, event.room, event.type === 'roomSnapshot', event.at);
    case 'chatRoomUpdated': {
      const room = draft.room(event.uuid) ?? stubRoom(draft, event.uuid);
      if (room.deleted || (room.updatedAt ?? 0) > event.at) return;
      draft.putRoom({ ...room, name: event.name ?? room.name, description: event.description ?? room.description, updatedAt: event.at });
      return;
    }
    case 'chatRoomDeleted': {
      const room = draft.room(event.uuid);
      draft.putRoom({ ...stubRoom(draft, event.uuid), id: room?.id ?? 0, kind: room?.kind ?? 'unknown', stub: undefined, deleted: true });
      draft.purgeRoom(event.uuid);
      return;
    }
    case 'chatRoomRead': {
      const room = draft.room(event.uuid) ?? stubRoom(draft, event.uuid);
      if (!room.deleted) draft.putRoom(readUpTo(room, event.at));
      return;
    }
    case 'chatRoomPinned':
    case 'chatRoomUnPinned': {
      const room = draft.roomById(event.roomId);
      const pinnedAt = event.type === 'chatRoomPinned' ? event.pinnedAt : undefined;
      if (!room) {
        // The room is not here yet: keep the newest pin for it until it comes.
        const pending = draft.pendingPins.get(event.roomId);
        if (!pending || pending.at < event.at) draft.setPendingPin(event.roomId, { pinnedAt, at: event.at });
        return;
      }
      if (room.deleted || (room.pinChangedAt ?? 0) > event.at) return;
      draft.putRoom({ ...room, pinnedAt, pinChangedAt: event.at });
      return;
    }
    case 'chatThreadRead':
      draft.putThread(readUpTo(draft.thread(event.threadId) ?? newThread(draft, event.threadId), event.at));
      return;
    case 'threadSnapshot': {
      const existing = draft.thread(event.id) ?? newThread(draft, event.id);
      const located = event.thread ? locateThread(existing, event.thread) : existing;
      // Circle names unread threads, not how many replies: one that is unread counts as one.
      // The member API cannot mark a thread read, so one read here stays read until a newer reply.
      const readHere = located.readAt !== undefined && located.readAt >= (located.lastActivityAt ?? Infinity);
      draft.putThread(event.unread === undefined ? located : rebaseUnread(located, event.unread && !readHere ? 1 : 0, event.at));
      return;
    }
    case 'newNotification':
    case 'notificationSnapshot': {
      const existing = draft.notification(event.notification.id);
      if (!existing && event.type === 'newNotification') draft.newNotifications.add(event.notification.id);
      const readAt = event.type === 'notificationSnapshot' ? event.notification.readAt : (existing?.readAt ?? event.notification.readAt);
      draft.putNotification({ ...existing, ...event.notification, readAt });
      return;
    }
    case 'updateNewNotificationCount':
    case 'resetNewNotificationCount':
    case 'countSnapshot': {
      // A REST read that started before a live count arrived is already stale.
      const current = draft.counter(NEW_NOTIFICATIONS);
      if (current && current.at > event.at) return;
      draft.putCounter(NEW_NOTIFICATIONS, { value: Math.max(0, event.count), at: event.at });
      return;
    }
  }
}

/** Stores the newer version of a message; a tombstone always wins but learns where it was. */
function mergeMessage(draft: Draft, incoming: Message): Message | undefined {
  const existing = draft.message(incoming.id);
  const room = draft.room(incoming.roomUuid);
  if (room?.deleted) return undefined;
  if (existing?.deleted) {
    const { roomUuid, sentAt, parentId, threadId } = incoming;
    draft.putMessage({ ...existing, roomUuid, sentAt, parentId, threadId });
    // It happened, even if it is gone: the room's (or thread's) activity still moves.
    if (parentId) bumpParent(draft, incoming, 0);
    else {
      const target = room ?? stubRoom(draft, roomUuid);
      if (sentAt > target.lastActivityAt) draft.putRoom({ ...target, lastActivityAt: sentAt });
    }
    return undefined;
  }
  if (!existing) {
    draft.putMessage(incoming);
    return incoming;
  }
  const newer = existing.placeholder || (incoming.editedAt ?? 0) >= (existing.editedAt ?? 0) ? incoming : existing;
  const merged: Message = {
    ...existing,
    ...newer,
    sentAt: existing.placeholder ? incoming.sentAt : existing.sentAt || incoming.sentAt,
    repliesCount: Math.max(existing.repliesCount, incoming.repliesCount),
    lastReplyAt: maxOf(existing.lastReplyAt, incoming.lastReplyAt),
    announced: existing.announced,
  };
  if (!incoming.placeholder) delete merged.placeholder;
  draft.putMessage(merged);
  return merged;
}

function announce(draft: Draft, incoming: Message): void {
  const merged = mergeMessage(draft, incoming);
  if (!merged || merged.announced) return;
  draft.putMessage({ ...merged, announced: true });
  draft.announced.add(merged.id);
  const countable = merged.sender?.memberId !== draft.memberId;
  if (merged.parentId) {
    bumpParent(draft, merged, 1);
    if (merged.threadId) {
      const thread = draft.thread(merged.threadId) ?? newThread(draft, merged.threadId);
      const located = locateThread(thread, { ...thread, parentMessageId: merged.parentId, roomUuid: merged.roomUuid, lastReply: toPreview(merged), lastActivityAt: merged.sentAt });
      draft.putThread(countable ? countUnread(located, merged.id, merged.sentAt) : located);
    }
  } else {
    touchRoom(draft, merged, countable);
  }
}

/** A reply moves its parent's reply count (by `by`) and last reply time; a parent not here yet waits as a placeholder. */
function bumpParent(draft: Draft, reply: Message, by: number): void {
  const parent = draft.message(reply.parentId!) ?? { community: draft.community, id: reply.parentId!, roomUuid: reply.roomUuid, sentAt: 0, body: '', repliesCount: 0, placeholder: true as const };
  if (parent.deleted) return;
  draft.putMessage({ ...parent, repliesCount: Math.max(0, parent.repliesCount + by), lastReplyAt: maxOf(parent.lastReplyAt, reply.sentAt) });
}

/** Moves the room to the message's time, and counts it unread when it may be. */
function touchRoom(draft: Draft, message: Message, countable: boolean): void {
  if (message.parentId) return;
  const room = draft.room(message.roomUuid) ?? stubRoom(draft, message.roomUuid);
  if (room.deleted) return;
  const latest = !room.lastMessage || message.sentAt >= room.lastMessage.sentAt;
  const moved: Room = { ...room, lastActivityAt: Math.max(room.lastActivityAt, message.sentAt), lastMessage: latest ? toPreview(message) : room.lastMessage };
  draft.putRoom(countable ? countUnread(moved, message.id, message.sentAt) : moved);
}

function stubRoom(draft: Draft, uuid: string): Room {
  return { community: draft.community, uuid, id: 0, kind: 'unknown', name: '', participants: [], unread: 0, lastActivityAt: 0, stub: true };
}

/** A thread's place and last reply; the newer last reply wins, and a followed thread stays followed. */
function locateThread(existing: Thread, incoming: Thread): Thread {
  const newer = (incoming.lastActivityAt ?? 0) >= (existing.lastActivityAt ?? 0);
  return {
    ...existing,
    roomUuid: existing.roomUuid ?? incoming.roomUuid,
    parentMessageId: existing.parentMessageId ?? incoming.parentMessageId,
    roomName: incoming.roomName ?? existing.roomName,
    parent: incoming.parent ?? existing.parent,
    followed: existing.followed ?? incoming.followed,
    lastReply: newer ? (incoming.lastReply ?? existing.lastReply) : existing.lastReply,
    lastActivityAt: maxOf(existing.lastActivityAt, incoming.lastActivityAt),
  };
}

function newThread(draft: Draft, id: number): Thread {
  return { community: draft.community, id, unread: 0 };
}

function deleteMessage(draft: Draft, id: number, parent: Message | undefined): void {
  const existing = draft.message(id);
  if (existing?.deleted) return;
  draft.putMessage({
    community: draft.community,
    id,
    roomUuid: existing?.roomUuid ?? parent?.roomUuid ?? '',
    sentAt: existing?.sentAt ?? 0,
    body: '',
    repliesCount: 0,
    deleted: true,
    parentId: existing?.parentId,
    threadId: existing?.threadId,
  });
  if (existing && !existing.parentId) {
    const room = draft.room(existing.roomUuid);
    if (room && !room.deleted) {
      const wasLast = room.lastMessage?.id === id;
      // What came before it is not loaded here: the store looks it up after the batch.
      if (wasLast) draft.lostLastMessage.add(room.uuid);
      draft.putRoom({ ...uncountUnread(room, id), ...(wasLast ? { lastMessage: undefined } : {}) });
    }
    return;
  }
  if (!existing?.announced || !existing.parentId) return;
  const stored = draft.message(existing.parentId);
  if (stored && !stored.deleted) draft.putMessage({ ...stored, repliesCount: Math.max(0, stored.repliesCount - 1) });
  const thread = existing.threadId ? draft.thread(existing.threadId) : undefined;
  if (thread) draft.putThread(uncountUnread(thread, id));
}

function mergeRoom(draft: Draft, incoming: Room, snapshot: boolean, at: number): void {
  const pin = draft.pendingPins.get(incoming.id);
  if (pin) {
    draft.setPendingPin(incoming.id, undefined);
    if (pin.at > at) incoming = { ...incoming, pinnedAt: pin.pinnedAt, pinChangedAt: pin.at };
  }
  const existing = draft.room(incoming.uuid);
  if (existing?.deleted && !snapshot) return;
  if (!existing || existing.deleted) {
    draft.putRoom(rebaseUnread(incoming, incoming.unread, at));
    return;
  }
  // A rename or pin newer than this record wins over it.
  const renamed = (existing.updatedAt ?? 0) > at;
  // Circle's room records say nothing of the pin: one that names none leaves the live one be.
  const silent = incoming.pinnedAt === undefined && incoming.pinChangedAt === undefined;
  const repinned = silent || (existing.pinChangedAt ?? 0) > Math.max(at, incoming.pinChangedAt ?? 0);
  const latest = !existing.lastMessage || (incoming.lastMessage && incoming.lastMessage.sentAt >= existing.lastMessage.sentAt);
  const merged: Room = {
    ...existing,
    ...incoming,
    name: renamed ? existing.name : incoming.name,
    description: renamed ? existing.description : incoming.description,
    lastActivityAt: Math.max(existing.lastActivityAt, incoming.lastActivityAt),
    lastMessage: latest ? incoming.lastMessage : existing.lastMessage,
    updatedAt: existing.updatedAt,
    pinnedAt: repinned ? existing.pinnedAt : incoming.pinnedAt,
    pinChangedAt: repinned ? existing.pinChangedAt : (incoming.pinChangedAt ?? existing.pinChangedAt),
    unread: existing.unread,
    unreadBase: existing.unreadBase,
    unreadBaseAt: existing.unreadBaseAt,
    unreadLive: existing.unreadLive,
    unreadFolded: existing.unreadFolded,
    unreadFoldedAt: existing.unreadFoldedAt,
    readAt: existing.readAt,
  };
  delete merged.stub;
  // REST's count is the truth at its moment; a created event's count is the room's first.
  const base = snapshot || existing.unreadBaseAt === undefined ? incoming.unread : (existing.unreadBase ?? 0);
  draft.putRoom(rebaseUnread(merged, base, snapshot ? at : Math.min(at, existing.unreadBaseAt ?? at)));
}

function maxOf(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.max(a, b);
}
