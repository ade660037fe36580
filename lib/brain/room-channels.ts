import { cableUrlOf } from '../settings/schema';
import type { Room } from '../circle/model';
import { liveRoomIds, memberChannels, roomChannels } from './channels';
import type { Publisher } from './publish';
import type { Session } from './session';
import type { HostConfig, HostPort } from '../wire/messages';

/** Room channel changes are batched: a burst across rooms re-plans them once. */
const ROOM_CHANNELS_DEBOUNCE_MS = 1_000;

export interface ConnectionPlan {
  config: HostConfig;
  /** Sum of the rooms' unread, for a badge that counts chats too. */
  unreadChats: number;
}

/**
 * `Chats::RoomChannel` for the most recently active rooms, kept current as rooms move, and the
 * chats' unread sum. Both read every room, which is why nothing a batch waits for calls them.
 */
export class RoomChannels {
  constructor(private readonly deps: { host: HostPort; publisher: Publisher; current(): Session | undefined }) {}

  async plan(s: Session, memberId: number): Promise<ConnectionPlan> {
    const rooms = await roomsByActivity(s);
    return {
      config: { community: s.community!, cableUrl: cableUrlOf(s.settings), channels: [...memberChannels(memberId), ...roomChannels(liveRoomIds(rooms, s.settings.liveRooms))] },
      unreadChats: unreadOf(rooms),
    };
  }

  /** A change touched rooms: their order, and so the channels, may have moved. */
  roomsMoved(s: Session): void {
    if (s.roomChannelsTimer) return;
    s.roomChannelsTimer = setTimeout(() => {
      s.roomChannelsTimer = undefined;
      void this.replan(s);
    }, ROOM_CHANNELS_DEBOUNCE_MS);
  }

  async replan(s: Session): Promise<void> {
    if (!s.config || !s.memberId || this.deps.current() !== s) return;
    const { config, unreadChats } = await this.plan(s, s.memberId);
    if (unreadChats !== s.unreadChats) {
      s.unreadChats = unreadChats;
      if (s.preferences.badgeCounts === 'notifications-and-chats') await this.deps.publisher.publish(s);
    }
    if (JSON.stringify(config.channels) === JSON.stringify(s.config.channels)) return;
    s.config = { ...s.config, channels: config.channels };
    await this.deps.host.configure(s.config);
  }
}

async function roomsByActivity(s: Session): Promise<Room[]> {
  if (!s.store || !s.community) return [];
  const rooms = await s.store.rooms(s.community);
  return rooms.sort((a, b) => b.lastActivityAt - a.lastActivityAt || a.id - b.id);
}

function unreadOf(rooms: readonly Room[]): number {
  return rooms.reduce((sum, room) => sum + room.unread, 0);
}
