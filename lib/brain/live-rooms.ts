import { markedCableUrl } from '../settings/schema';
import { chatTallies, mentionCount } from '../badge/modes';
import { waitingOn } from '../store/waiting';
import { liveRoomIds, memberChannels, roomChannels } from './channel-params';
import type { Publisher } from './publish';
import type { Session, SignedIn } from './session';
import type { HostConfig } from '../wire/messages';
import type { BrowserPort, CommunityHost } from './port';

/** Room channel changes are batched: a burst across rooms re-plans them once. */
const ROOM_CHANNELS_DEBOUNCE_MS = 1_000;

/** Each community's alarm for the next conversation to start waiting on the member. */
export const ALARM_WAITING = 'waiting';

export interface ConnectionPlan {
  config: HostConfig;
  /** What the badge modes count from the cache (../badge/modes.ts). */
  tallies: NonNullable<SignedIn['member']['tallies']>;
  /** When the next conversation starts waiting on the member, in the waiting mode. */
  waitingAt?: number;
}

/**
 * `Chats::RoomChannel` for the most recently active rooms, kept current as rooms move, and what
 * the badge modes count. Both read every room, which is why nothing a batch waits for calls them.
 */
export class RoomChannels {
  constructor(private readonly deps: { host: CommunityHost; publisher: Publisher; port: Pick<BrowserPort, 'alarms'>; current(): Session | undefined }) {}

  async plan(s: SignedIn): Promise<ConnectionPlan> {
    const { id, community, store } = s.member;
    const { badgeCounts, mutedRooms, waitingAfterHours } = s.preferences;
    const waiting = badgeCounts === 'waiting';
    const [stored, notifications, threads] = await Promise.all([store.rooms(community), store.notifications(community), waiting ? store.threads(community) : []]);
    const rooms = stored.sort((a, b) => b.lastActivityAt - a.lastActivityAt || a.id - b.id);
    const on = waiting ? waitingOn(rooms, threads, { memberId: id, now: s.member.live.serverNow(), afterHours: waitingAfterHours, muted: mutedRooms }) : { items: [] };
    return {
      config: { key: s.settings.key, community, cableUrl: markedCableUrl(s.settings), channels: [...memberChannels(id), ...roomChannels(liveRoomIds(rooms, s.settings.liveRooms))] },
      tallies: {
        ...chatTallies(rooms, mutedRooms),
        mentions: mentionCount(notifications),
        waiting: on.items.length,
        waitingDirect: on.items.filter((item) => item.kind === 'direct').length,
      },
      waitingAt: on.nextAt,
    };
  }

  /** The alarm for the next conversation to start waiting: set once per moment, cleared when none will. */
  async waitUntil(s: SignedIn, at: number | undefined): Promise<void> {
    const m = s.member;
    if (at === m.waitingAlarmAt) return;
    m.waitingAlarmAt = at;
    // Circle's clock to the browser's: an alarm rings on the browser's.
    if (at === undefined) await this.deps.port.alarms.clear(ALARM_WAITING);
    else await this.deps.port.alarms.create(ALARM_WAITING, at - (m.live.serverNow() - Date.now()));
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
    const { config, tallies, waitingAt } = await this.plan(s);
    await this.waitUntil(s, waitingAt);
    if (JSON.stringify(tallies) !== JSON.stringify(m.tallies)) {
      m.tallies = tallies;
      await this.deps.publisher.publish(s);
    }
    if (JSON.stringify(config.channels) === JSON.stringify(m.config.channels)) return;
    m.config = { ...m.config, channels: config.channels };
    await this.deps.host.configure(m.config);
  }
}
