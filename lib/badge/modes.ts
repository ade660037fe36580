import type { Notification, Room } from '../circle/model';
import type { BadgeMode } from '../settings/preferences';
import type { CountWhat } from './badge';

/**
 * What one community holds that a badge mode may count. `direct` is part of `chats`; the
 * waiting ones come from ../store/waiting.ts.
 */
export interface BadgeTallies {
  /** Circle's own new notifications count (the bell). */
  notifications: number;
  /** Unread messages in the rooms the member did not mute. */
  chats: number;
  /** Of those, the ones in direct rooms. */
  direct: number;
  /** Unread notifications that mention the member. */
  mentions: number;
  /** DMs and threads waiting on the member's answer, and how many of them are DMs. */
  waiting: number;
  waitingDirect: number;
}

export const NO_TALLIES: BadgeTallies = { notifications: 0, chats: 0, direct: 0, mentions: 0, waiting: 0, waitingDirect: 0 };

/** The chats' unread, muted rooms (the extension's mute) left out: the member silenced them on purpose. */
export function chatTallies(rooms: readonly Room[], muted: readonly string[]): Pick<BadgeTallies, 'chats' | 'direct'> {
  const silenced = new Set(muted);
  let chats = 0;
  let direct = 0;
  for (const room of rooms) {
    if (room.deleted || room.archived || silenced.has(room.uuid)) continue;
    const unread = Math.max(0, room.unread);
    chats += unread;
    if (room.kind === 'direct') direct += unread;
  }
  return { chats, direct };
}

/**
 * Circle's notification record says what happened in `action` (`mention`, and for chats and
 * comments kinds like `chat_mention`): any action naming a mention is one, until it is read.
 */
export function isMention(notification: Pick<Notification, 'action' | 'readAt'>): boolean {
  return notification.readAt === undefined && /mention/i.test(notification.action ?? '');
}

export function mentionCount(notifications: readonly Notification[]): number {
  return notifications.filter(isMention).length;
}

/**
 * The badge's number in each mode, and whether it holds something addressed to the member
 * alone (a DM, a mention, a DM waiting on them): the badge then looks different.
 */
export function modeCount(mode: BadgeMode, t: BadgeTallies): { count: number; what: CountWhat; personal: boolean } {
  return { ...counted(mode, t), what: mode === 'notifications' ? 'new' : mode === 'waiting' ? 'waiting' : 'unread' };
}

function counted(mode: BadgeMode, t: BadgeTallies): { count: number; personal: boolean } {
  const mentioned = t.mentions > 0 && t.notifications > 0;
  switch (mode) {
    case 'notifications':
      return { count: t.notifications, personal: mentioned };
    case 'notifications-and-chats':
      return { count: t.notifications + t.chats, personal: mentioned || t.direct > 0 };
    case 'dms-and-mentions': {
      const count = t.direct + t.mentions;
      return { count, personal: count > 0 };
    }
    case 'chats':
      return { count: t.chats, personal: t.direct > 0 };
    case 'waiting':
      return { count: t.waiting, personal: t.waitingDirect > 0 };
  }
}
