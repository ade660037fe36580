import { browser } from 'wxt/browser';
import type { CableStatus, Logger } from '../cable';
import { CircleApi } from '../circle/api';
import { openEnvelope } from '../circle/envelope';
import { CircleError } from '../circle/errors';
import type { FetchLike } from '../circle/http';
import { TokenService, type TokenSet } from '../circle/tokens';
import type { BrainReplies, HostConfig, HostItem, ToBrain } from '../host/messages';
import type { Batch } from '../host/outbox';
import { showBadge } from '../platform/badge';
import { clearHandshakeHeaders, setHandshakeHeaders } from '../platform/header-rule';
import { loadSettings } from '../platform/settings';
import { readStatus, writeStatus, type ConnectionStatus } from '../platform/status';
import { tokenStorageFor } from '../platform/token-storage';
import { cableUrlOf, type Settings } from '../settings/schema';
import { memberChannels, roomChannels } from './channels';
import { badgeStateOf, phaseOf, type ConnectionPhase } from './phase';

/** Where the socket lives: an offscreen document on Chrome, the background page on Firefox. */
export interface HostPort {
  configure(config: HostConfig | null): Promise<void>;
  reconnectNow(reason: string): Promise<void>;
}

export interface BrainDeps {
  host: HostPort;
  fetch: FetchLike;
  online(): boolean;
  logger: Logger;
}

export const ALARM_WATCHDOG = 'watchdog';
export const ALARM_TOKEN_REFRESH = 'token-refresh';
/** Rails fans a burst out over a worker pool, so the last count received is not always the newest. */
const COUNT_SETTLE_MS = 1_000;

interface Session {
  settings: Settings;
  tokens: TokenService;
  api: CircleApi;
  memberId?: number;
  community?: string;
  config?: HostConfig;
  count?: number;
  /** Bumped by every live count event: a REST read that started before one is already stale. */
  countEpoch: number;
  cable?: CableStatus;
  /** Set when the connection cannot go on by itself: signed out, or Circle refused us. */
  stopped?: { phase: ConnectionPhase; reason: string };
  ruleToken?: string;
  countTimer?: ReturnType<typeof setTimeout>;
}

/**
 * The background's brain: settings → tokens → header rule → socket host, and what the host
 * hears → count, status, badge. It restarts from storage whenever the service worker wakes.
 */
export class Brain {
  private session: Session | undefined;
  private booting: Promise<void> | undefined;
  private readonly startedAt = Date.now();

  constructor(private readonly deps: BrainDeps) {}

  /** Idempotent: the first call boots, later ones wait for it. */
  ready(): Promise<void> {
    this.booting ??= this.boot();
    return this.booting;
  }

  /** Settings changed: drop the session and boot from scratch. */
  restart(): Promise<void> {
    if (this.session?.countTimer) clearTimeout(this.session.countTimer);
    this.session = undefined;
    this.booting = this.boot();
    return this.booting;
  }

  async handle<K extends ToBrain['kind']>(message: Extract<ToBrain, { kind: K }>): Promise<BrainReplies[K]>;
  async handle(message: ToBrain): Promise<BrainReplies[ToBrain['kind']]> {
    await this.ready();
    switch (message.kind) {
      case 'hello':
        return { config: this.session?.config ?? null };
      case 'batch':
        await this.absorb(message.batch);
        return { ack: message.batch.seq };
      case 'prepare':
        return { ok: await this.prepare() };
      case 'refresh-auth':
        return { ok: await this.refreshAuth() };
    }
  }

  /** The watchdog: make sure the host exists and the cable runs or has a retry scheduled. */
  async watch(): Promise<void> {
    await this.ready();
    const s = this.session;
    if (!s) return;
    if (!s.config) {
      await this.restart();
      return;
    }
    await this.deps.host.configure(s.config);
  }

  async onAlarm(name: string): Promise<void> {
    if (name === ALARM_WATCHDOG) await this.watch();
    if (name === ALARM_TOKEN_REFRESH) {
      await this.ready();
      const s = this.session;
      if (s) await this.withTokens(s, () => s.tokens.refresh());
    }
  }

  async online(): Promise<void> {
    await this.ready();
    await this.deps.host.reconnectNow('online');
  }

  private async boot(): Promise<void> {
    const { result } = await loadSettings();
    if (!result.ok) {
      this.session = undefined;
      await Promise.all([this.deps.host.configure(null), clearHandshakeHeaders()]);
      const fields = result.problems.map((p) => p.field).join(', ');
      await this.publish(undefined, { phase: 'not-set-up', reason: `Settings incomplete: ${fields}` });
      return;
    }
    const settings = result.settings;
    const tokens = new TokenService({ circleUrl: settings.circleUrl, auth: settings.auth, storage: tokenStorageFor(settings.circleUrl), fetch: this.deps.fetch });
    const s: Session = {
      countEpoch: 0,
      settings,
      tokens,
      api: new CircleApi({
        circleUrl: settings.circleUrl,
        fetch: this.deps.fetch,
        accessToken: async () => (await tokens.current()).accessToken,
        refreshedToken: async () => (await tokens.refresh()).accessToken,
      }),
    };
    this.session = s;
    const previous = await readStatus();
    if (previous?.circleUrl === settings.circleUrl) s.count = previous.count;
    const token = await this.withTokens(s, () => tokens.current());
    if (!token) return;
    s.memberId = token.memberId ?? (await this.confirmMember(s));
    if (!s.memberId) return this.halt(s, 'error', 'Circle did not say which member this token belongs to');
    s.community = `${new URL(settings.circleUrl).origin}/${s.memberId}`;
    s.config = { community: s.community, cableUrl: cableUrlOf(settings), channels: memberChannels(s.memberId) };
    await this.deps.host.configure(s.config);
    await this.publish(s);
    void this.catchUp(s);
    if (token.memberId) void this.confirmMember(s);
  }

  /** What a fresh connection may have missed: the count now, and the rooms worth a live channel. */
  private async catchUp(s: Session): Promise<void> {
    await Promise.all([this.refreshCount(s), this.subscribeRooms(s)]);
  }

  private async subscribeRooms(s: Session): Promise<void> {
    if (!s.memberId || !s.config) return;
    try {
      const ids = await s.api.recentRoomIds(s.settings.liveRooms);
      if (this.session !== s) return;
      s.config = { ...s.config, channels: [...memberChannels(s.memberId), ...roomChannels(ids)] };
      await this.deps.host.configure(s.config);
    } catch (error) {
      this.deps.logger.warn?.('could not list rooms for live room channels', { error: describe(error) });
    }
  }

  private async refreshCount(s: Session): Promise<void> {
    const epoch = s.countEpoch;
    try {
      const count = await s.api.newNotificationsCount();
      if (this.session !== s || s.countEpoch !== epoch) return;
      s.count = count;
      await this.publish(s);
    } catch (error) {
      this.deps.logger.warn?.('could not read the new notifications count', { error: describe(error) });
    }
  }

  /** REST confirms the member the token names, but the live feed never waits for it. */
  private async confirmMember(s: Session): Promise<number | undefined> {
    try {
      const member = await s.api.communityMember();
      if (s.memberId && member.id !== s.memberId) {
        this.deps.logger.warn?.('the token and Circle disagree about the member', { token: s.memberId, circle: member.id });
      }
      return member.id;
    } catch (error) {
      this.deps.logger.warn?.('could not confirm the member over REST', { error: describe(error) });
      return undefined;
    }
  }

  private async absorb(batch: Batch<HostItem>): Promise<void> {
    const s = this.session;
    if (!s) return;
    let counts = 0;
    for (const item of batch.items) {
      if (item.kind === 'status') {
        s.cable = item.status;
      } else if (item.kind === 'resync') {
        void this.catchUp(s);
      } else {
        const envelope = openEnvelope(item.message);
        if (!envelope.ok) continue;
        if (envelope.event === 'updateNewNotificationCount' || envelope.event === 'resetNewNotificationCount') {
          const count = Number(envelope.payload.new_notifications_count);
          if (Number.isSafeInteger(count) && count >= 0) {
            s.count = count;
            s.countEpoch += 1;
            counts += 1;
          }
        }
      }
    }
    if (counts > 1) this.settleCount(s);
    await this.publish(s);
  }

  private settleCount(s: Session): void {
    if (s.countTimer) clearTimeout(s.countTimer);
    s.countTimer = setTimeout(() => void this.refreshCount(s), COUNT_SETTLE_MS);
  }

  private async prepare(): Promise<boolean> {
    const s = this.session;
    if (!s) return false;
    return (await this.withTokens(s, () => s.tokens.current())) !== undefined;
  }

  private async refreshAuth(): Promise<boolean> {
    const s = this.session;
    if (!s) return false;
    try {
      await this.applyToken(s, await s.tokens.refresh());
      return true;
    } catch (error) {
      if (error instanceof CircleError && error.reason === 'signed_out') {
        await this.halt(s, 'signed-out', error.message);
        return false;
      }
      // Not the member's fault (network, Circle down): the cable backs off and asks again.
      throw error;
    }
  }

  /** Runs a token step; a token that cannot be had stops the session with the reason. */
  private async withTokens(s: Session, step: () => Promise<TokenSet>): Promise<TokenSet | undefined> {
    try {
      const token = await step();
      await this.applyToken(s, token);
      return token;
    } catch (error) {
      if (error instanceof CircleError && error.reason === 'signed_out') await this.halt(s, 'signed-out', error.message);
      else await this.publish(s, { phase: 'offline', reason: describe(error) });
      return undefined;
    }
  }

  private async applyToken(s: Session, token: TokenSet): Promise<void> {
    if (s.ruleToken !== token.accessToken) {
      await setHandshakeHeaders({ cableUrl: cableUrlOf(s.settings), accessToken: token.accessToken, origin: s.settings.origin });
      s.ruleToken = token.accessToken;
    }
    const due = await s.tokens.refreshDueAt();
    if (due !== undefined) await browser.alarms.create(ALARM_TOKEN_REFRESH, { when: Math.max(Date.now() + 1_000, due) });
  }

  private async halt(s: Session, phase: ConnectionPhase, reason: string): Promise<void> {
    s.stopped = { phase, reason };
    if (phase === 'signed-out') await browser.alarms.clear(ALARM_TOKEN_REFRESH);
    await this.publish(s);
  }

  private async publish(s: Session | undefined, override?: { phase: ConnectionPhase; reason: string }): Promise<void> {
    const online = this.deps.online();
    const phase = override?.phase ?? s?.stopped?.phase ?? phaseOf(s?.cable, online);
    const status: ConnectionStatus = {
      phase,
      reason: override?.reason ?? s?.stopped?.reason ?? s?.cable?.reason,
      community: s?.community,
      circleUrl: s?.settings.circleUrl,
      memberId: s?.memberId,
      count: s?.count,
      cable: s?.cable,
      startedAt: this.startedAt,
      updatedAt: Date.now(),
    };
    await Promise.all([writeStatus(status), showBadge(badgeStateOf(phase, s?.count, s?.cable?.attempts ?? 0))]);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
