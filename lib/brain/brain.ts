import type { CableStatus, Logger } from '../cable';
import { CircleApi } from '../circle/api';
import type { FetchLike } from '../circle/http';
import { TokenService, type TokenStorage } from '../circle/tokens';
import { announceChange } from '../platform/changes';
import { database, storeFaults } from '../platform/database';
import { clearHandshakeHeaders, clearTestHandshakeHeaders, setTestHandshakeHeaders } from '../platform/header-rule';
import { canReach } from '../platform/permissions';
import { readStatus } from '../platform/status';
import { loadPreferences } from '../platform/preferences';
import { forgetSignIn, loadSettings } from '../platform/settings';
import { tokenStorageFor } from '../platform/token-storage';
import type { Preferences } from '../settings/preferences';
import { cableUrlOf } from '../settings/schema';
import type { Change } from '../store/change';
import { isStorageUnavailable } from '../store/db';
import { Store } from '../store/store';
import { perform } from './actions';
import { openAlert, raiseAlerts } from './alerting';
import { ALARM_TOKEN_REFRESH, Auth, NOT_ELIGIBLE } from './auth';
import { catchUp, catchUpIfBehind, type CatchUpDeps } from './catch-up';
import { prepareTest } from './connection-test';
import { describeError } from './errors';
import { Live } from './live';
import { Publisher } from './publish';
import { RoomChannels } from './room-channels';
import { storeBatch } from './intake';
import type { Session } from './session';
import { forgetCache, forgetOtherCircles, forgetSignIns, revokingReplaced } from './sign-out';
import { Backoff, failedForGood } from './watchdog';
import { errorName, StorageHealth } from './storage-health';
import type { Batch, BrainReplies, HostConfig, HostItem, HostPort, ToBrain } from '../wire/messages';

export { ALARM_TOKEN_REFRESH } from './auth';

export interface BrainDeps {
  host: HostPort;
  fetch: FetchLike;
  online(): boolean;
  logger: Logger;
}

export const ALARM_WATCHDOG = 'watchdog';

/** A boot that failed (the database would not open) is tried again after this, doubling to the cap. */
const BOOT_RETRY_MS = 1_000;
const BOOT_RETRY_MAX_MS = 60_000;

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
  /** Batches being handled: a boot's configuration waits for those that woke the worker. */
  private readonly inbound = new Set<Promise<unknown>>();
  private readonly publisher: Publisher;
  private readonly auth: Auth;
  private readonly roomChannels: RoomChannels;
  private readonly syncing: CatchUpDeps;
  /** What the host is told, in order; see `tellHost`. */
  private hostWrites: Promise<unknown> = Promise.resolve();
  private readonly host: HostPort;
  private readonly retries = new Backoff();
  private readonly storage = new StorageHealth();
  private bootFailures = 0;
  private bootRetry: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly deps: BrainDeps) {
    // Every step of a session that awaits checks it is still the current one before it acts.
    const current = () => this.session;
    this.host = { configure: (config) => this.tellHost(config), reconnectNow: (reason) => deps.host.reconnectNow(reason) };
    this.publisher = new Publisher({ current, online: deps.online, startedAt: Date.now(), previous: readStatus, storage: () => this.storage.status });
    this.auth = new Auth({ publisher: this.publisher, logger: deps.logger, host: this.host, current });
    this.roomChannels = new RoomChannels({ host: this.host, publisher: this.publisher, current });
    this.syncing = { publisher: this.publisher, logger: deps.logger, current, failed: (s, error) => this.auth.stopIfNotEligible(s, error) };
  }

  /** Idempotent: the first call boots, later ones wait for it; after a failed boot, the next call boots again. */
  ready(): Promise<void> {
    this.booting ??= this.bootOnce();
    return this.booting;
  }

  /** Settings or permissions changed, or the member asked: drop the session and boot from scratch. */
  restart(): Promise<void> {
    this.retries.reset();
    return this.reboot();
  }

  private reboot(): Promise<void> {
    this.end(this.session);
    this.session = undefined;
    this.booting = this.bootOnce();
    return this.booting;
  }

  private bootOnce(): Promise<void> {
    if (this.bootRetry) clearTimeout(this.bootRetry);
    this.bootRetry = undefined;
    const attempt: Promise<void> = this.boot().then(
      () => {
        this.bootFailures = 0;
      },
      async (error: unknown) => {
        if (this.booting === attempt) this.booting = undefined;
        const storage = isStorageUnavailable(error);
        if (storage) this.storage.failed('open', error);
        const delay = Math.min(BOOT_RETRY_MS * 2 ** this.bootFailures++, BOOT_RETRY_MAX_MS);
        this.deps.logger.warn?.('could not start; trying again', { error: errorName(error), inMs: delay });
        // Retried by a timer while the worker lives, by the watchdog alarm and the host's batches once it was stopped.
        this.bootRetry = setTimeout(() => void this.ready().catch(() => undefined), delay);
        await this.publisher.publish(undefined, { phase: 'error', reason: { code: storage ? 'storage_unavailable' : 'start_failed' } }).catch(() => undefined);
        throw error;
      },
    );
    return attempt;
  }

  /** `tabId` is the sending page's tab, when it is one (the options page's connection test). */
  async handle<K extends ToBrain['kind']>(message: Extract<ToBrain, { kind: K }>, tabId?: number): Promise<BrainReplies[K]>;
  async handle(message: ToBrain, tabId?: number): Promise<BrainReplies[ToBrain['kind']]> {
    if (message.kind === 'batch') return this.absorb(message.batch);
    await this.ready();
    const s = this.session;
    switch (message.kind) {
      case 'hello':
        await this.configuring;
        return { config: this.session?.config ?? null };
      case 'prepare':
        return { ok: s ? (await this.auth.withTokens(s, () => s.tokens.current())) !== undefined : false };
      case 'refresh-auth':
        return { ok: s ? await this.auth.refresh(s) : false };
      case 'act':
        if (!s?.live || !s.store || !s.community) return { ok: false, error: { code: 'not_connected' } };
        return perform({ api: s.api, live: s.live, store: s.store, community: s.community }, message.request);
      case 'sign-out':
        return { ok: true, ...(await this.signOut()) };
      case 'reconnect':
        // "Retry now": skip the wait; a session that stopped (not signed out) starts over.
        if (s?.stopped && s.stopped.phase !== 'signed-out') await this.restart();
        else await this.deps.host.reconnectNow('member asked');
        return { ok: true };
      case 'test-prepare':
        if (tabId === undefined) return { ok: false, step: 'settings', reason: { code: 'needs_options_page' } };
        return prepareTest(message.settings, { fetch: this.deps.fetch, setHeaders: (headers) => setTestHandshakeHeaders(headers, tabId) });
      case 'test-end':
        await clearTestHandshakeHeaders();
        return { ok: true };
    }
  }

  /**
   * The watchdog: make sure the host exists and the cable runs or has a retry scheduled.
   * Signed out, settings to fix or a permission to grant wait for the member (a settings or
   * permission change restarts); a refusal that needs Circle or the community to act is
   * tried again after 1, 2, 4 … minutes, at most hourly; anything else every time.
   */
  async watch(): Promise<void> {
    // A failed boot has been tried again by this call, and schedules the next try itself.
    if (!(await this.ready().then(() => true, () => false))) return;
    await this.configuring;
    const s = this.session;
    // Signed out, or a community Circle does not serve, stays so until the member acts; other
    // refusals get another go, less and less often.
    if (!s || s.stopped?.phase === 'signed-out' || s.stopped?.reason.code === NOT_ELIGIBLE) return;
    if (!failedForGood(s)) this.retries.reset();
    else if (!this.retries.due()) return;
    else this.deps.logger.info?.('the watchdog tries a stopped connection again', { attempt: this.retries.attempts });
    if (!s.config || s.stopped) await this.reboot();
    else await this.connect(s, s.config);
  }

  async onAlarm(name: string): Promise<void> {
    if (name === ALARM_WATCHDOG) await this.watch();
    if (name === ALARM_TOKEN_REFRESH) {
      await this.ready();
      const s = this.session;
      if (s) await this.auth.withTokens(s, () => s.tokens.refresh());
    }
  }

  /** A click on a desktop alert: into Circle, in the community's tab when one is open. */
  async alertClicked(id: string): Promise<void> {
    await this.ready();
    const s = this.session;
    if (s?.store && s.community) await openAlert(id, { origin: s.settings.origin, store: s.store, community: s.community });
  }

  /**
   * The one sign-out, whatever state the extension is in (see `forgetSignIns`), then the
   * sign-in dropped from the settings, so the extension rests in "not set up".
   */
  async signOut(): Promise<{ revoked: boolean }> {
    const s = this.session;
    this.end(s);
    this.session = undefined;
    // The sign-in goes first: a boot that starts meanwhile (a settings change still on its way)
    // must find nothing to seed tokens from. Dropping it changes the settings, which restarts
    // the brain; a policy's sign-in does not.
    const dropped = await forgetSignIn();
    const result = await forgetSignIns(s, { ...this.deps, stopHost: () => this.tellHost(null) });
    await this.publisher.publish(undefined, { phase: 'not-set-up', reason: { code: 'member_signed_out' } });
    if (!dropped) await this.restart();
    return result;
  }

  async preferencesChanged(preferences: Preferences): Promise<void> {
    await this.ready();
    const s = this.session;
    if (!s) return;
    s.preferences = preferences;
    await this.roomChannels.replan(s);
    await this.publisher.publish(s);
  }

  async online(): Promise<void> {
    await this.ready();
    await this.deps.host.reconnectNow('online');
  }

  private absorb(batch: Batch<HostItem>): Promise<BrainReplies['batch']> {
    const handling = this.ready().then(
      async (): Promise<BrainReplies['batch']> => {
        const s = this.session;
        if (s?.live && batch.session !== undefined && batch.session !== s.community) {
          // Heard for a community this session is not: acknowledged, so the host moves on, and counted.
          this.deps.logger.warn?.('dropped a batch of another session', { seq: batch.seq, items: batch.items.length });
          await s.live.commit([], { other_session_batch: 1 });
          return { ack: batch.seq };
        }
        return storeBatch(s, batch, { storage: this.storage, publisher: this.publisher, logger: this.deps.logger });
      },
      (): BrainReplies['batch'] => ({ held: 'not-started' }),
    );
    this.inbound.add(handling);
    const done = () => this.inbound.delete(handling);
    handling.then(done, done);
    return handling;
  }

  /** Only what storing a batch needs: a woken worker's first batch waits for exactly this. */
  private async boot(): Promise<void> {
    // Independent reads, together: each is a round trip to the browser process.
    const [{ result }, preferences] = await Promise.all([loadSettings(), loadPreferences(), database()]);
    if (!result.ok) {
      await Promise.all([this.tellHost(null), clearHandshakeHeaders()]);
      const fields = result.problems.map((p) => p.field).join(', ');
      await this.publisher.publish(undefined, { phase: 'not-set-up', reason: { code: 'settings_incomplete', detail: fields } });
      return;
    }
    const settings = result.settings;
    void forgetOtherCircles(settings.circleUrl, this.deps);
    if (!(await canReach([settings.circleUrl, cableUrlOf(settings)]))) {
      await this.tellHost(null);
      await this.publisher.publish(undefined, { phase: 'error', reason: { code: 'host_permission_missing' } });
      return;
    }
    const kept = revokingReplaced(tokenStorageFor(settings.circleUrl), settings.circleUrl, this.deps);
    // A replaced session's late token write would bring back what a switch or sign-out removed.
    const storage: TokenStorage = { ...kept, save: async (set) => (this.session === s ? kept.save(set) : undefined) };
    const tokens = new TokenService({ circleUrl: settings.circleUrl, auth: settings.auth, storage, fetch: this.deps.fetch });
    const s: Session = {
      preferences,
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
    const token = await this.auth.current(s);
    if (!token) return;
    const memberId = token.memberId ?? (await this.auth.confirmMember(s));
    if (!memberId) return this.auth.halt(s, 'error', { code: 'member_unknown' });
    const community = `${new URL(settings.circleUrl).origin}/${memberId}`;
    const store = new Store(database, { messagesPerRoom: settings.keepMessagesPerRoom, notifications: settings.keepNotifications }, storeFaults);
    const live = new Live({
      community,
      memberId,
      store,
      api: s.api,
      logger: this.deps.logger,
      onChange: (change) => this.changed(s, change),
      onResync: () => void catchUp(s, this.syncing),
      onRejected: (kind, message) => this.publisher.rejected(kind, message),
    });
    Object.assign(s, { memberId, community, store, live });
    await live.loadCount();
    this.storage.ok();
    // What woke the worker is usually a batch, already waiting for this boot: it goes first.
    // Every room read and each transaction started before it would make it queue.
    const waking = [...this.inbound];
    this.configuring = Promise.allSettled(waking)
      .then(() => this.configure(s, memberId, !token.memberId))
      .catch(async (error: unknown) => {
        if (!(await this.auth.stopIfNotEligible(s, error))) this.deps.logger.warn?.('could not configure the connection; the watchdog tries again', { error: describeError(error) });
      });
  }

  /** Nothing here is needed to store a batch; the rule and its alarm outlive the worker, so a wake only renews them. */
  private async configure(s: Session, memberId: number, confirmed: boolean): Promise<void> {
    if (!(await this.auth.withTokens(s, () => s.tokens.current()))) return;
    // A community switched away from leaves no cache behind.
    if (s.store && s.community) await forgetCache(await database(), s.community);
    const { config, unreadChats } = await this.roomChannels.plan(s, memberId);
    Object.assign(s, { config, unreadChats });
    await this.connect(s, config);
    await this.publisher.publish(s);
    if (!confirmed) void this.auth.confirmMember(s);
  }

  private async connect(s: Session, config: HostConfig): Promise<void> {
    const connection = await this.tellHost(config);
    // A woken worker knows the connection from this answer until the host reports a change.
    if (connection && s.live) s.live.cable ??= connection;
    // A session replaced meanwhile has had its timers cleared; it must not start new ones.
    if (this.session === s) await catchUpIfBehind(s, connection, this.syncing);
  }

  /**
   * The host hears only the current session's current config (or none), in the order asked:
   * a replaced session finishing late must not point it back at the old community.
   */
  private tellHost(config: HostConfig | null): Promise<CableStatus | undefined> {
    const next = this.hostWrites.then(() => (config === null || config === this.session?.config ? this.deps.host.configure(config) : undefined));
    this.hostWrites = next.catch(() => undefined);
    return next;
  }

  private changed(s: Session, change: Change): void {
    if (this.session !== s) return;
    announceChange(change);
    // A count re-read or a sync lands outside any batch, and only a batch publishes by itself.
    if (change.counts) void this.publisher.publish(s);
    if ((change.announced.length || change.newNotifications.length) && s.store && s.community && s.memberId) {
      const { store, community, memberId } = s;
      const deps = { store, community, memberId, origin: s.settings.origin, logger: this.deps.logger, now: s.live?.serverNow() ?? Date.now() };
      // In arrival order: a room's alert must end on its latest message, not on whichever read finished last.
      s.alerting = (s.alerting ?? Promise.resolve())
        .then(() => raiseAlerts(change, deps))
        .catch((error: unknown) => this.deps.logger.warn?.('could not raise alerts', { error: describeError(error) }));
    }
    if (change.rooms.length) this.roomChannels.roomsMoved(s);
  }

  private end(s: Session | undefined): void {
    s?.live?.stop();
    if (s?.roomChannelsTimer) clearTimeout(s.roomChannelsTimer);
    if (s?.catchUpTimer) clearTimeout(s.catchUpTimer);
  }
}
