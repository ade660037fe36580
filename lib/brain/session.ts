import type { CircleApi } from '../circle/api';
import type { TokenService } from '../circle/tokens';
import type { Preferences } from '../settings/preferences';
import type { Settings } from '../settings/schema';
import type { Store } from '../store/store';
import type { BadgeState } from '../badge/badge';
import type { Live } from './live';
import { badgeStateOf, phaseOf, reasonOf } from './phase';
import type { HostConfig } from '../wire/messages';
import type { Reason } from '../wire/reasons';
import type { ConnectionPhase, ConnectionStatus, SyncProgress } from '../wire/status';

/** One signed-in community, from settings to live data; replaced whole when settings change. */
export interface Session {
  settings: Settings;
  tokens: TokenService;
  api: CircleApi;
  memberId?: number;
  /** From `GET /community_member`, for the popup's header. */
  memberName?: string;
  community?: string;
  config?: HostConfig;
  live?: Live;
  store?: Store;
  sync?: SyncProgress;
  syncing?: Promise<void>;
  /** A wake's catch-up, waiting for the batches that woke it to go first. */
  catchUpTimer?: ReturnType<typeof setTimeout>;
  /** The alerts still being raised, in the order their batches arrived. */
  alerting?: Promise<void>;
  roomChannelsTimer?: ReturnType<typeof setTimeout>;
  /** Set when the connection cannot go on by itself: signed out, or Circle refused us. */
  stopped?: { phase: ConnectionPhase; reason: Reason };
  ruleToken?: string;
  preferences: Preferences;
  /** Sum of the rooms' unread, for a badge that counts chats too. */
  unreadChats?: number;
}

/** The status record and badge a session shows: what the popup and the toolbar say. */
export function describeSession(
  s: Session | undefined,
  context: { override?: { phase: ConnectionPhase; reason: Reason }; online: boolean; startedAt: number; now: number },
): { status: ConnectionStatus; badge: BadgeState } {
  const cable = s?.live?.cable;
  const phase = context.override?.phase ?? s?.stopped?.phase ?? phaseOf(cable, context.online);
  const notifications = s?.live?.count;
  const count = s?.preferences.badgeCounts === 'notifications-and-chats' && notifications !== undefined ? notifications + (s.unreadChats ?? 0) : notifications;
  const status: ConnectionStatus = {
    phase,
    reason: context.override?.reason ?? s?.stopped?.reason ?? reasonOf(cable, s?.api.answeredAt !== undefined),
    community: s?.community,
    circleUrl: s?.settings.circleUrl,
    memberId: s?.memberId,
    memberName: s?.memberName,
    count,
    cable,
    sync: s?.sync,
    startedAt: context.startedAt,
    updatedAt: context.now,
  };
  return { status, badge: badgeStateOf(phase, count, cable?.attempts ?? 0) };
}
