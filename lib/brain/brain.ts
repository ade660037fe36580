import { browser } from 'wxt/browser';
import type { Logger } from '../cable';
import { CircleApi } from '../circle/api';
import { CircleError } from '../circle/errors';
import type { FetchLike } from '../circle/http';
import { TokenService, type TokenSet } from '../circle/tokens';
import type { BrainReplies, HostConfig, ToBrain } from '../host/messages';
import { showBadge } from '../platform/badge';
import { announceChange } from '../platform/changes';
import { database } from '../platform/database';
import { clearHandshakeHeaders, clearTestHandshakeHeaders, setHandshakeHeaders, setTestHandshakeHeaders } from '../platform/header-rule';
import { canReach } from '../platform/permissions';
import { loadPreferences } from '../platform/preferences';
import { forgetSignIn, loadSettings } from '../platform/settings';
import { writeStatus } from '../platform/status';
import { tokenStorageFor } from '../platform/token-storage';
import type { Preferences } from '../settings/preferences';
import { cableUrlOf } from '../settings/schema';
import type { Change } from '../store/change';
import { Store } from '../store/store';
import { liveRoomIds, memberChannels, roomChannels } from './channels';
import { perform } from './actions';
import { openAlert, raiseAlerts } from './alerting';
import { prepareTest } from './connection-test';
import { Live } from './live';
import type { ConnectionPhase } from './phase';
import { describeSession, type Session } from './session';
import { Sync } from './sync';

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
const SIGNED_IN_MARK = 'signedInAt';
/** Room channel changes are batched: a burst across rooms re-plans them once. */
const ROOM_CHANNELS_DEBOUNCE_MS = 1_000;
const CATCH_UP_DELAY_MS = 500;

/**
 * The background's brain: settings → tokens → header rule → socket host, and what the host
 * hears → store → badge, status and change notices. It boots again from storage whenever the
 * service worker (or Firefox's event page) wakes.
 */
export class Brain {
  private session: Session | undefined;
  private booting: Promise<void> | undefined;
  /** The rest of a boot: rooms, channels, host, status, catch-up. A batch does not wait for it. */
  private configuring: Promise<void> = Promise.resolve();
  private readonly startedAt = Date.now();

  constructor(private readonly deps: BrainDeps) {}

  /** Idempotent: the first call boots, later ones wait for it. */
  ready(): Promise<void> {
    this.booting ??= this.boot();
    return this.booting;
  }

  /** Settings changed: drop the session and boot from scratch. */
  restart(): Promise<void> {
    this.end(this.session);
    this.session = undefined;
    this.booting = this.boot();
    return this.booting;
  }

  /** `tabId` is the sending page's tab, when it is one (the options page's connection test). */
  async handle<K extends ToBrain['kind']>(message: Extract<ToBrain, { kind: K }>, tabId?: number): Promise<BrainReplies[K]>;
  async handle(message: ToBrain, tabId?: number): Promise<BrainReplies[ToBrain['kind']]> {
    await this.ready();
    const s = this.session;
    switch (message.kind) {
      case 'hello':
        await this.configuring;
        return { config: this.session?.config ?? null };
      case 'batch':
        await s?.live?.absorb(message.batch);
        if (s) await this.publish(s);
        return { ack: message.batch.seq };
      case 'prepare':
        return { ok: s ? (await this.withTokens(s, () => s.tokens.current())) !== undefined : false };
      case 'refresh-auth':
        return { ok: s ? await this.refreshAuth(s) : false };
      case 'act':
        if (!s?.live || !s.store || !s.community) return { ok: false, error: 'Not connected to a community yet.' };
        return perform({ api: s.api, live: s.live, store: s.store, community: s.community }, message.request);
      case 'sign-out':
        await this.signOut();
        return { ok: true };
      case 'reconnect':
        // "Retry now": skip the wait; a session that stopped (not signed out) starts over.
        if (s?.stopped && s.stopped.phase !== 'signed-out') await this.restart();
        else await this.deps.host.reconnectNow('member asked');
        return { ok: true };
      case 'test-prepare':
        if (tabId === undefined) return { ok: false, step: 'settings', message: 'The test runs from the options page.' };
        return prepareTest(message.settings, { fetch: this.deps.fetch, setHeaders: (headers) => setTestHandshakeHeaders(headers, tabId) });
      case 'test-end':
        await clearTestHandshakeHeaders();
        return { ok: true };
    }
  }

  /** The watchdog: make sure the host exists and the cable runs or has a retry scheduled. */
  async watch(): Promise<void> {
    await this.ready();
    await this.configuring;
    const s = this.session;
    // Signed out stays signed out until the member acts; anything else gets another go.
    if (!s || s.stopped?.phase === 'signed-out') return;
    if (!s.config) await this.restart();
    else await this.deps.host.configure(s.config);
  }

  async onAlarm(name: string): Promise<void> {
    if (name === ALARM_WATCHDOG) await this.watch();
    if (name === ALARM_TOKEN_REFRESH) {
      await this.ready();
      const s = this.session;
      if (s) await this.withTokens(s, () => s.tokens.refresh());
    }
  }

  /** A click on a desktop alert: into Circle, in the community's tab when one is open. */
  async alertClicked(id: string): Promise<void> {
    await this.ready();
    const s = this.session;
    if (s?.store && s.community) await openAlert(id, { origin: s.settings.origin, store: s.store, community: s.community });
  }

  /**
   * Sign out: revoke both tokens at Circle, forget them and the community's cache, and drop
   * the sign-in from the settings so the extension rests in "not set up" until signed in again.
   */
  async signOut(): Promise<void> {
    const s = this.session;
    this.end(s);
    this.session = undefined;
    await Promise.all([this.deps.host.configure(null), clearHandshakeHeaders(), browser.alarms.clear(ALARM_TOKEN_REFRESH)]);
    if (s) {
      await s.tokens.revoke();
      if (s.store && s.community) await s.store.clear(s.community);
    }
    // Dropping the sign-in changes the settings, which restarts the brain; a policy's sign-in does not.
    if (!(await forgetSignIn())) await this.restart();
  }

  async preferencesChanged(preferences: Preferences): Promise<void> {
    await this.ready();
    const s = this.session;
    if (!s) return;
    s.preferences = preferences;
    await this.replanRoomChannels(s);
    await this.publish(s);
  }

  async online(): Promise<void> {
    await this.ready();
    await this.deps.host.reconnectNow('online');
  }

  private async boot(): Promise<void> {
    const { result } = await loadSettings();
    if (!result.ok) {
      await Promise.all([this.deps.host.configure(null), clearHandshakeHeaders()]);
      const fields = result.problems.map((p) => p.field).join(', ');
      await this.publish(undefined, { phase: 'not-set-up', reason: `Settings incomplete: ${fields}` });
      return;
    }
    const settings = result.settings;
    if (!(await canReach([settings.circleUrl, cableUrlOf(settings)]))) {
      await this.deps.host.configure(null);
      await this.publish(undefined, { phase: 'error', reason: 'host_permission_missing' });
      return;
    }
    const tokens = new TokenService({ circleUrl: settings.circleUrl, auth: settings.auth, storage: tokenStorageFor(settings.circleUrl), fetch: this.deps.fetch });
    const s: Session = {
      preferences: await loadPreferences(),
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
    const token = await this.withTokens(s, () => tokens.current());
    if (!token) return;
    const memberId = token.memberId ?? (await this.confirmMember(s));
    if (!memberId) return this.halt(s, 'error', 'Circle did not say which member this token belongs to');
    const community = `${new URL(settings.circleUrl).origin}/${memberId}`;
    const store = new Store(await database(), { messagesPerRoom: settings.keepMessagesPerRoom, notifications: settings.keepNotifications });
    const live = new Live({
      community,
      memberId,
      store,
      api: s.api,
      logger: this.deps.logger,
      onChange: (change) => this.changed(s, change),
      onResync: () => void this.catchUp(s),
    });
    Object.assign(s, { memberId, community, store, live });
    await live.loadCount();
    // What woke the worker is usually a batch: it needs the store and nothing else. Reading
    // every room (channels, unread sum) and the REST catch-up follow without holding it up.
    this.configuring = this.configure(s, memberId, !!token.memberId).catch((error: unknown) => {
      this.deps.logger.warn?.('could not configure the connection; the watchdog tries again', { error: describe(error) });
    });
  }

  private async configure(s: Session, memberId: number, confirm: boolean): Promise<void> {
    const { settings, community } = s;
    const rooms = await this.roomsByActivity(s);
    s.unreadChats = rooms.reduce((sum, room) => sum + room.unread, 0);
    s.config = { community: community!, cableUrl: cableUrlOf(settings), channels: [...memberChannels(memberId), ...roomChannels(liveRoomIds(rooms, settings.liveRooms))] };
    await this.deps.host.configure(s.config);
    await this.publish(s);
    // Every wake may follow missed events: sign-in fills the cache, later boots backfill it;
    // a moment later, so its REST calls and transactions do not compete with the waking batch.
    setTimeout(() => void this.catchUp(s), CATCH_UP_DELAY_MS);
    if (confirm) void this.confirmMember(s);
  }

  private catchUp(s: Session): Promise<void> {
    s.syncing ??= this.runSync(s).finally(() => {
      s.syncing = undefined;
    });
    return s.syncing;
  }

  private async runSync(s: Session): Promise<void> {
    const { store, community, live } = s;
    if (!store || !community || !live) return;
    const signedIn = await store.mark<number>(community, SIGNED_IN_MARK);
    const sync = new Sync({
      api: s.api,
      community,
      recentRooms: s.settings.liveRooms,
      now: () => live.serverNow(),
      target: {
        apply: (events, rejected) => live.commit(events, rejected),
        rooms: () => store.rooms(community),
        newestMessageId: (uuid) => store.newestMessageId(community, uuid),
      },
      onProgress: (progress) => {
        s.sync = progress;
        void this.publish(s);
      },
    });
    try {
      if (signedIn) await sync.backfill();
      else {
        await sync.signIn();
        await store.setMark(community, SIGNED_IN_MARK, Date.now());
      }
    } catch (error) {
      this.deps.logger.warn?.('sync with Circle failed; the next reconnect or wake tries again', { error: describe(error) });
    }
  }

  private changed(s: Session, change: Change): void {
    announceChange(change);
    if ((change.announced.length || change.newNotifications.length) && s.store && s.community && s.memberId) {
      const { store, community, memberId } = s;
      const deps = { store, community, memberId, origin: s.settings.origin, logger: this.deps.logger, now: s.live?.serverNow() ?? Date.now() };
      // In arrival order: a room's alert must end on its latest message, not on whichever read finished last.
      s.alerting = (s.alerting ?? Promise.resolve())
        .then(() => raiseAlerts(change, deps))
        .catch((error: unknown) => this.deps.logger.warn?.('could not raise alerts', { error: describe(error) }));
    }
    if (!change.rooms.length || s.roomChannelsTimer) return;
    s.roomChannelsTimer = setTimeout(() => {
      s.roomChannelsTimer = undefined;
      void this.replanRoomChannels(s);
    }, ROOM_CHANNELS_DEBOUNCE_MS);
  }

  /**
   * `Chats::RoomChannel` for the most recently active rooms, kept current as rooms move; and
   * the chats' unread sum for a badge that counts them.
   */
  private async replanRoomChannels(s: Session): Promise<void> {
    if (!s.config || !s.memberId || this.session !== s) return;
    const rooms = await this.roomsByActivity(s);
    const unreadChats = rooms.reduce((sum, room) => sum + room.unread, 0);
    if (unreadChats !== s.unreadChats) {
      s.unreadChats = unreadChats;
      if (s.preferences.badgeCounts === 'notifications-and-chats') await this.publish(s);
    }
    const channels = [...memberChannels(s.memberId), ...roomChannels(liveRoomIds(rooms, s.settings.liveRooms))];
    if (JSON.stringify(channels) === JSON.stringify(s.config.channels)) return;
    s.config = { ...s.config, channels };
    await this.deps.host.configure(s.config);
  }

  private async roomsByActivity(s: Session) {
    if (!s.store || !s.community) return [];
    const rooms = await s.store.rooms(s.community);
    return rooms.sort((a, b) => b.lastActivityAt - a.lastActivityAt || a.id - b.id);
  }

  /** REST confirms the member the token names, but the live feed never waits for it. */
  private async confirmMember(s: Session): Promise<number | undefined> {
    try {
      const member = await s.api.communityMember();
      s.memberName = member.name ?? undefined;
      if (s.memberId && member.id !== s.memberId) this.deps.logger.warn?.('the token and Circle disagree about the member', { token: s.memberId, circle: member.id });
      return member.id;
    } catch (error) {
      this.deps.logger.warn?.('could not confirm the member over REST', { error: describe(error) });
      return undefined;
    }
  }

  private async refreshAuth(s: Session): Promise<boolean> {
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

  private end(s: Session | undefined): void {
    s?.live?.stop();
    if (s?.roomChannelsTimer) clearTimeout(s.roomChannelsTimer);
  }

  private async publish(s: Session | undefined, override?: { phase: ConnectionPhase; reason: string }): Promise<void> {
    if (s && this.session !== s) return;
    const { status, badge } = describeSession(s, { override, online: this.deps.online(), startedAt: this.startedAt, now: Date.now() });
    await Promise.all([writeStatus(status), showBadge(badge)]);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
