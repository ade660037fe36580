import type { Message } from '../circle/model';
import type { StoreName } from './db';
import type { StoreEvent } from './events';

/** The records a batch touches, so they can be loaded in one transaction before reducing. */
export interface Keys {
  rooms: Set<string>;
  roomIds: Set<number>;
  messages: Set<number>;
  threads: Set<number>;
  notifications: Set<number>;
  counters: Set<string>;
}

export function emptyKeys(): Keys {
  return { rooms: new Set(), roomIds: new Set(), messages: new Set(), threads: new Set(), notifications: new Set(), counters: new Set() };
}

function addMessage(keys: Keys, message: Message): void {
  keys.messages.add(message.id);
  if (message.roomUuid) keys.rooms.add(message.roomUuid);
  if (message.parentId) keys.messages.add(message.parentId);
  if (message.threadId) keys.threads.add(message.threadId);
}

export function keysOf(events: readonly StoreEvent[]): Keys {
  const keys = emptyKeys();
  for (const event of events) {
    switch (event.type) {
      case 'newMessage':
      case 'updatedMessage':
      case 'messageSnapshot':
        addMessage(keys, event.message);
        break;
      case 'deletedMessage':
        keys.messages.add(event.id);
        if (event.parent) addMessage(keys, event.parent);
        break;
      case 'chatRoomCreated':
      case 'roomSnapshot':
        keys.rooms.add(event.room.uuid);
        keys.roomIds.add(event.room.id);
        break;
      case 'chatRoomUpdated':
      case 'chatRoomDeleted':
      case 'chatRoomRead':
        keys.rooms.add(event.uuid);
        break;
      case 'chatRoomPinned':
      case 'chatRoomUnPinned':
        keys.roomIds.add(event.roomId);
        break;
      case 'chatThreadRead':
        keys.threads.add(event.threadId);
        break;
      case 'threadSnapshot':
        keys.threads.add(event.id);
        break;
      case 'newNotification':
      case 'notificationSnapshot':
        keys.notifications.add(event.notification.id);
        break;
      default:
        keys.counters.add('newNotifications');
    }
  }
  return keys;
}

/** A loaded message leads to its room, parent and thread, which its deletion may change. */
export function keysOfLoaded(messages: Iterable<Message | undefined>, keys: Keys): Keys {
  const more = emptyKeys();
  for (const message of messages) {
    if (!message) continue;
    if (message.roomUuid && !keys.rooms.has(message.roomUuid)) more.rooms.add(message.roomUuid);
    if (message.parentId && !keys.messages.has(message.parentId)) more.messages.add(message.parentId);
    if (message.threadId && !keys.threads.has(message.threadId)) more.threads.add(message.threadId);
  }
  return more;
}

/**
 * The object stores a batch's transaction needs, and no more: a count event then waits for
 * nothing but other counts, not for a message batch or a popup's room read.
 */
export function scopeOf(keys: Keys, rejected: boolean): StoreName[] {
  const scope = new Set<StoreName>();
  // A message leads to its room, parent and thread (a deletion learns them only once loaded).
  if (keys.messages.size) for (const name of ['rooms', 'pages', 'threads'] as const) scope.add(name);
  // A room's deletion takes its messages; a room's lost last message is looked up among them.
  if (keys.rooms.size) for (const name of ['rooms', 'pages'] as const) scope.add(name);
  if (keys.roomIds.size) for (const name of ['rooms', 'marks'] as const) scope.add(name);
  if (keys.threads.size) scope.add('threads');
  if (keys.notifications.size) scope.add('notifications');
  if (keys.counters.size) scope.add('counters');
  if (rejected) scope.add('diagnostics');
  return [...scope];
}
