import { markedCableUrl } from '../settings/schema';
import type { Room } from '../circle/model';
import { liveRoomIds, memberChannels, roomChannels } from './channel-params';
import type { Publisher } from './publish';
import type { Session, SignedIn } from './session';
import type { HostConfig } from '../wire/messages';
import type { CommunityHost } from './port';

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
  constructor(private readonly deps: { host: CommunityHost; publisher: Publisher; current(): Session | undefined }) {}

  async plan(s: SignedIn): Promise<ConnectionPlan> {
    const { id, community, store } = s.member;
    const rooms = (await store.rooms(community)).sort((a, b) => b.lastActivityAt - a.lastActivityAt || a.id - b.id);
    return {
      config: { key: s.settings.key, community, cableUrl: markedCableUrl(s.settings), channels: [...memberChannels(id), ...roomChannels(liveRoomIds(rooms, s.settings.liveRooms))] },
      unreadChats: unreadOf(rooms),
    };
  }

  /** A change touched rooms: their order, and so the channels, may have moved. */
  roomsMoved(s: SignedIn): void {
    const m = s.member;
    if (m.roomChannelsTimer) return;
    m.roomChannelsTimer = setTimeout(() => {
      m.roomChannelsTimer = undefined;
      void this.replan(s);
    }, ROOM_CHANNELS_DEBOUNCE_MS);
  }

  async replan(s: SignedIn): Promise<void> {
    const m = s.member;
    if (!m.config || this.deps.current() !== s) return;
    const { config, unreadChats } = await this.plan(s);
    if (unreadChats !== m.unreadChats) {
      m.unreadChats = unreadChats;
      if (s.preferences.badgeCounts === 'notifications-and-chats') await this.deps.publisher.publish(s);
    }
    if (JSON.stringify(config.channels) === JSON.stringify(m.config.channels)) return;
    m.config = { ...m.config, channels: config.channels };
    await this.deps.host.configure(m.config);
  }
}

function unreadOf(rooms: readonly Room[]): number {
  return rooms.reduce((sum, room) => sum + room.unread, 0);
}
