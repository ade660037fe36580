import type { CircleApi } from '../circle/api';
import type { TokenService } from '../circle/tokens';
import type { Preferences } from '../settings/preferences';
import type { CommunitySettings } from '../settings/schema';
import type { Change } from '../store/change';
import type { Announced, Store } from '../store/store';
import type { BadgeState } from '../badge/badge';
import { modeCount, NO_TALLIES, type BadgeTallies } from '../badge/modes';
import type { Live } from './live';
import { badgeStateOf, phaseOf, reasonOf } from './phase';
import type { HostConfig } from '../wire/messages';
import type { Reason } from '../wire/reasons';
import type { ConnectionPhase, ConnectionStatus, SyncProgress } from '../wire/status';

/**
 * One community's sign-in, from the settings alone: what exists before Circle named the
 * member. Replaced whole when settings change.
 */
export interface Session {
  settings: CommunitySettings;
  tokens: TokenService;
  api: CircleApi;
  preferences: Preferences;
  /** Set when the connection cannot go on by itself: signed out, or Circle refused us. */
  stopped?: { phase: ConnectionPhase; reason: Reason };
  ruleToken?: string;
  /** Once Circle named the member: built whole, in one step. */
  member?: Membership;
}

/**
 * The signed-in member of one community, and what serves them: the cache, the live feed,
 * the connection's plan, the catch-up. Each timer lives here and ends with `dispose`.
 */
export class Membership {
  name: string | undefined;
  /** What the host is configured with; unset until the rooms were read once. */
  config?: HostConfig;
  /** What the badge modes count besides Circle's new count, read from the cache (./live-rooms.ts). */
  tallies?: Omit<BadgeTallies, 'notifications'>;
  /** When the waiting-on-you alarm is set for: the next conversation to cross the threshold. */
  waitingAlarmAt?: number;
  sync?: SyncProgress;
  syncing?: Promise<void>;
  /** A wake's catch-up, waiting for the batches that woke it to go first. */
  catchUpTimer?: ReturnType<typeof setTimeout>;
  roomChannelsTimer?: ReturnType<typeof setTimeout>;
  /** The alerts still being raised, in the order their batches arrived. */
  alerting?: Promise<void>;
  /** What the alerts still to be raised will come from: changes committed while earlier alerts were raised join it. */
  alertsDue?: { change: Change; announced: Announced; now: number };
  /** When the last alerts that raised any began to go out (Date.now()): the next wait until `ALERT_SPACING_MS` after it. */
  alertsRaisedAt?: number;

  constructor(
    readonly id: number,
    /** `{circle origin}/{member id}`: what everything stored is keyed by. */
    readonly community: string,
    readonly store: Store,
    readonly live: Live,
    name?: string,
  ) {
    this.name = name;
  }

  dispose(): void {
    this.live.stop();
    clearTimeout(this.roomChannelsTimer);
    clearTimeout(this.catchUpTimer);
    this.roomChannelsTimer = undefined;
    this.catchUpTimer = undefined;
  }
}

/** A session whose member Circle named. */
export type SignedIn = Session & { member: Membership };

export function isSignedIn(s: Session | undefined): s is SignedIn {
  return s?.member !== undefined;
}

/** The status record and badge a session shows: what the popup and the toolbar say. */
export function describeSession(
  s: Session | undefined,
  context: { override?: { phase: ConnectionPhase; reason: Reason }; online: boolean; startedAt: number; now: number },
): { status: ConnectionStatus; badge: BadgeState } {
  const m = s?.member;
  const cable = m?.live.cable;
  const phase = context.override?.phase ?? s?.stopped?.phase ?? phaseOf(cable, context.online);
  const notifications = m?.live.count;
  // Until Circle's count is known the badge says "connecting", whatever the mode: it is what a sync reads first.
  const counted = notifications === undefined || !s ? undefined : modeCount(s.preferences.badgeCounts, { ...NO_TALLIES, ...m?.tallies, notifications });
  const count = counted?.count;
  const status: ConnectionStatus = {
    phase,
    reason: context.override?.reason ?? s?.stopped?.reason ?? reasonOf(cable, s?.api.answeredAt !== undefined),
    community: m?.community,
    circleUrl: s?.settings.circleUrl,
    memberId: m?.id,
    memberName: m?.name,
    count,
    cable,
    sync: m?.sync,
    startedAt: context.startedAt,
    updatedAt: context.now,
  };
  const badge = badgeStateOf(phase, count, cable?.attempts ?? 0);
  return { status, badge: badge.kind === 'count' && counted ? { ...badge, what: counted.what, ...(counted.personal ? { personal: true } : {}) } : badge };
}
