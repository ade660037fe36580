import type { CableStatus, Logger } from '../cable';
import type { FetchLike } from '../circle/http';
import type { Preferences } from '../settings/preferences';
import { cableUrlOf, type CommunitySettings } from '../settings/schema';
import { isStorageUnavailable } from '../store/db';
import { perform } from './actions';
import { afterCommit, type AfterCommitDeps } from './after-commit';
import { actOnAlert, openAlert } from './alerting';
import { ALARM_TOKEN_REFRESH, Auth, NOT_ELIGIBLE } from './auth';
import { catchUpIfBehind, type CatchUpDeps } from './catch-up';
import { describeError } from './errors';
import { openMembership, openSession } from './opening';
import type { BrowserPort, CommunityHost } from './port';
import { Publisher } from './publish';
import { ALARM_WAITING, RoomChannels } from './live-rooms';
import { storeBatch } from './intake';
import { isSignedIn, type Session, type SignedIn } from './session';
import { forgetSignIns } from './sign-out';
import { Backoff, BootRetry, failedForGood } from './watchdog';
import { errorName, StorageHealth } from './storage-health';
import type { Batch, BrainReplies, HostConfig, HostItem, MemberAction } from '../wire/messages';

export { ALARM_TOKEN_REFRESH } from './auth';

/** The host has at most two batches in flight; a few more cover a resend crossing a new one. */
const OUTCOMES_KEPT = 8;

/** A community's token service refreshes the tokens: without its host the session would end as "offline" at the first refresh. */
function reachedBy(settings: CommunitySettings): string[] {
  const service = settings.auth.mode === 'community' ? [settings.auth.refreshUrl] : [];
  return [settings.circleUrl, cableUrlOf(settings), ...service];
}
export type { BrowserPort } from './port';

export interface BrainDeps {
  host: CommunityHost;
  /** The browser's APIs, as this community sees them: storage, alarms, its header rule, badge, alerts (./community-port.ts). */
  port: BrowserPort;
  fetch: FetchLike;
  online(): boolean;
  logger: Logger;
}

/** What a page or the host asks of one community's brain; the rest is the coordinator's (./communities.ts). */
export type CommunityRequest =
  | { kind: 'batch'; batch: Batch<HostItem> }
  | { kind: 'act'; request: MemberAction }
  | { kind: 'sign-out' }
  | { kind: 'reconnect' }
  | { kind: 'prepare' }
  | { kind: 'refresh-auth' };

/**
 * One community's brain: settings → tokens → header rule → its socket in the host, and what
 * the host hears → store → badge, status and change notices. It boots again from storage
 * whenever the service worker (or Firefox's event page) wakes. Every community has its own,
 * started and stopped on its own (./communities.ts).
 */
export class Brain {
  private session: Session | undefined;
  private booting: Promise<void> | undefined;
  /** The rest of a boot: rooms, channels, host, status, catch-up. A batch does not wait for it. */
  private configuring: Promise<void> = Promise.resolve();
  /** Batches being handled: a boot's configuration waits for those that woke the worker. */
  private readonly inbound = new Set<Promise<unknown>>();
  /** Whether each of the last batches was stored, by seq: a batch sent behind one waits for its outcome. */
  private readonly outcomes = new Map<number, Promise<boolean>>();
  private readonly publisher: Publisher;
  private readonly auth: Auth;
  private readonly roomChannels: RoomChannels;
  private readonly syncing: CatchUpDeps;
  private readonly committing: AfterCommitDeps;
  /** What the host is told, in order; see `tellHost`. */
  private hostWrites: Promise<unknown> = Promise.resolve();
  private readonly host: CommunityHost;
  private readonly retries = new Backoff();
  private readonly storage = new StorageHealth();
  private readonly bootRetry = new BootRetry();

  constructor(private readonly deps: BrainDeps) {
    // Every step of a session that awaits checks it is still the current one before it acts.
    const current = () => this.session;
    this.host = { configure: (config) => this.tellHost(config), reconnectNow: (reason) => deps.host.reconnectNow(reason) };
    this.publisher = new Publisher({ port: deps.port, current, online: deps.online, startedAt: Date.now(), storage: () => this.storage.status });
    this.auth = new Auth({ port: deps.port, publisher: this.publisher, logger: deps.logger, host: this.host, current });
    this.roomChannels = new RoomChannels({ host: this.host, publisher: this.publisher, port: deps.port, current });
    this.syncing = { publisher: this.publisher, logger: deps.logger, current, failed: (s, error) => this.auth.stopIfNotEligible(s, error) };
    this.committing = { port: deps.port, publisher: this.publisher, roomChannels: this.roomChannels, logger: deps.logger, current };
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
    this.bootRetry.cancel();
    const attempt: Promise<void> = this.boot().then(
      () => this.bootRetry.succeeded(),
      async (error: unknown) => {
        if (this.booting === attempt) this.booting = undefined;
        const storage = isStorageUnavailable(error);
        if (storage) this.storage.failed('open', error);
        // Retried by a timer while the worker lives, by the watchdog alarm and the host's batches once it was stopped.
        const delay = this.bootRetry.failed(() => void this.ready().catch(() => undefined));
        this.deps.logger.warn?.('could not start; trying again', { error: errorName(error), inMs: delay });
        await this.publisher.publish(undefined, { phase: 'error', reason: { code: storage ? 'storage_unavailable' : 'start_failed' } }).catch(() => undefined);
        throw error;
      },
    );
    return attempt;
  }

  /** What the host should hold for this community, once the boot got that far. */
  async hostConfig(): Promise<HostConfig | undefined> {
    await this.ready().catch(() => undefined);
    await this.configuring;
    return this.session?.member?.config;
  }

  async handle<K extends CommunityRequest['kind']>(message: Extract<CommunityRequest, { kind: K }>): Promise<BrainReplies[K]>;
  async handle(message: CommunityRequest): Promise<BrainReplies[CommunityRequest['kind']]> {
    if (message.kind === 'batch') return this.absorb(message.batch);
    await this.ready();
    const s = this.session;
    switch (message.kind) {
      case 'prepare':
        return { ok: s ? (await this.auth.withTokens(s, () => s.tokens.current())) !== undefined : false };
      case 'refresh-auth':
        return { ok: s ? await this.auth.refresh(s) : false };
      case 'act':
        if (!isSignedIn(s)) return { ok: false, error: { code: 'not_connected' } };
        return perform({ api: s.api, live: s.member.live, store: s.member.store, community: s.member.community }, message.request);
      case 'sign-out':
        return { ok: true, ...(await this.signOut()) };
      case 'reconnect':
        // "Retry now": skip the wait; a session that stopped (not signed out) starts over.
        if (s?.stopped && s.stopped.phase !== 'signed-out') await this.restart();
        else await this.deps.host.reconnectNow('member asked');
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
    const config = s.member?.config;
    if (!config || s.stopped || !isSignedIn(s)) await this.reboot();
    else await this.connect(s, config);
  }

  async onAlarm(name: string): Promise<void> {
    if (name === ALARM_TOKEN_REFRESH) {
      await this.ready();
      const s = this.session;
      if (s) await this.auth.withTokens(s, () => s.tokens.refresh());
    }
    if (name === ALARM_WAITING) {
      await this.ready();
      await this.configuring;
      const s = this.session;
      if (isSignedIn(s)) {
        // It rang: the next one is for whichever conversation crosses the threshold after it.
        s.member.waitingAlarmAt = undefined;
        await this.roomChannels.replan(s);
      }
    }
  }

  /** A click on a desktop alert: into Circle, in the community's tab when one is open. */
  async alertClicked(id: string): Promise<void> {
    await this.ready();
    const s = this.session;
    if (isSignedIn(s)) await openAlert(id, { port: this.deps.port, origin: s.settings.origin, store: s.member.store, community: s.member.community });
  }

  /** A button of a desktop alert (Chrome): mark its room or notification read, or mute its room. */
  async alertButton(id: string, button: number): Promise<void> {
    await this.ready();
    const s = this.session;
    if (!isSignedIn(s)) return;
    const target = { api: s.api, live: s.member.live, store: s.member.store, community: s.member.community };
    await actOnAlert(id, button, { port: this.deps.port, perform: (request) => perform(target, request), logger: this.deps.logger });
  }

  /**
   * The one sign-out of this community, whatever state it is in (see `forgetSignIns`), then
   * its sign-in dropped from the settings, so it rests in "not set up" and the others go on.
   */
  async signOut(): Promise<{ revoked: boolean }> {
    const s = this.session;
    this.end(s);
    this.session = undefined;
    // The cache to forget: the member's, or, without a session, the one this community showed last.
    const community = s?.member?.community ?? (await this.deps.port.status.read().catch(() => undefined))?.community;
    // The sign-in goes first: a boot that starts meanwhile (a settings change still on its way)
    // must find nothing to seed tokens from. Dropping it changes the settings, which restarts
    // this brain; a policy's sign-in does not.
    const dropped = await this.deps.port.forgetSignIn();
    const result = await forgetSignIns(s, community, { ...this.deps, stopHost: () => this.tellHost(null) });
    await this.publisher.publish(undefined, { phase: 'not-set-up', reason: { code: 'member_signed_out' } });
    if (!dropped) await this.restart();
    return result;
  }

  async preferencesChanged(preferences: Preferences): Promise<void> {
    await this.ready();
    const s = this.session;
    if (!s) return;
    s.preferences = preferences;
    if (isSignedIn(s)) await this.roomChannels.replan(s);
    await this.publisher.publish(s);
  }

  async online(): Promise<void> {
    await this.ready();
    await this.deps.host.reconnectNow('online');
  }

  /** Removed from the settings, or the extension is going: stops, and leaves its timers and host socket behind. */
  stop(): Promise<unknown> {
    this.end(this.session);
    this.session = undefined;
    this.bootRetry.cancel();
    return this.tellHost(null);
  }

  /** The session as it stands, for the coordinator: which cache it uses, whether it waits for a permission. */
  get current(): Session | undefined {
    return this.session;
  }

  private absorb(batch: Batch<HostItem>): Promise<BrainReplies['batch']> {
    // The host sends the next batch before this one is acknowledged: it is parsed meanwhile,
    // stored only after this one, and never if this one was not (the host sends both again, in order).
    // One this worker never saw (it went to a worker that stopped) may not have been stored: refused too.
    const previous = batch.after === undefined ? undefined : (this.outcomes.get(batch.after) ?? Promise.resolve(false));
    const handling = this.ready().then(
      () => storeBatch(this.session, batch, { storage: this.storage, publisher: this.publisher, logger: this.deps.logger, previous }),
      (): BrainReplies['batch'] => ({ held: 'not-started' }),
    );
    this.outcomes.set(
      batch.seq,
      handling.then(
        (reply) => 'ack' in reply,
        () => false,
      ),
    );
    for (const seq of this.outcomes.keys()) if (this.outcomes.size > OUTCOMES_KEPT) this.outcomes.delete(seq);
    this.inbound.add(handling);
    const done = () => this.inbound.delete(handling);
    handling.then(done, done);
    return handling;
  }

  /** Only what storing a batch needs: a woken worker's first batch waits for exactly this. */
  private async boot(): Promise<void> {
    const { port } = this.deps;
    // Independent reads, together: each is a round trip to the browser process. Asked before
    // the first await, so a woken worker's first boot takes the coordinator's preferences. The
    // settings are the coordinator's, in memory, so the permission check and the kept tokens go
    // along with the rest.
    const reads = Promise.all([port.preferences(), port.database()]);
    reads.catch(() => undefined);
    const result = await port.settings();
    const reachable = result.ok ? port.canReach(reachedBy(result.settings)) : undefined;
    reachable?.catch(() => undefined);
    const kept = result.ok ? port.tokens.kept() : undefined;
    kept?.catch(() => undefined);
    const [preferences] = await reads;
    if (!result.ok) {
      await Promise.all([this.tellHost(null), port.headerRule.clear()]);
      const fields = result.problems.map((p) => p.field).join(', ');
      await this.publisher.publish(undefined, { phase: 'not-set-up', reason: { code: 'settings_incomplete', detail: fields } });
      return;
    }
    const settings = result.settings;
    if (!(await reachable)) {
      await this.tellHost(null);
      await this.publisher.publish(undefined, { phase: 'error', reason: { code: 'host_permission_missing' } });
      return;
    }
    const s: Session = openSession(settings, preferences, { ...this.deps, kept, isCurrent: () => this.session === s });
    this.session = s;
    const token = await this.auth.current(s);
    if (!token) return;
    const confirmed = token.memberId === undefined ? await this.auth.confirmMember(s) : undefined;
    const memberId = token.memberId ?? confirmed?.id;
    if (!memberId) return this.auth.halt(s, 'error', { code: 'member_unknown' });
    const signedIn = openMembership(s, { id: memberId, name: confirmed?.name }, {
      ...this.deps,
      onChange: (change, announced) => afterCommit(signedIn, change, announced, this.committing),
      syncing: this.syncing,
      rejected: (kind, message) => this.publisher.rejected(kind, message),
    });
    // Not awaited: the first batch's transaction goes beside the read, and the batch waits for the count (`Live.absorb`).
    const counted = signedIn.member.live.loadCount();
    counted.catch(() => undefined);
    this.storage.ok();
    // What woke the worker is usually a batch, already waiting for this boot: it goes first.
    // Every room read and each transaction started before it would make it queue.
    const waking = [...this.inbound];
    this.configuring = Promise.allSettled([...waking, counted])
      // And its badge: the host's configuration (a header rule, an alarm, a status write) would queue beside it.
      .then(() => this.publisher.settled())
      .then(() => this.configure(signedIn, !token.memberId))
      .catch(async (error: unknown) => {
        if (!(await this.auth.stopIfNotEligible(s, error))) this.deps.logger.warn?.('could not configure the connection; the watchdog tries again', { error: describeError(error) });
      });
  }

  /** Nothing here is needed to store a batch; the rule and its alarm outlive the worker, so a wake only renews them. */
  private async configure(s: SignedIn, confirmed: boolean): Promise<void> {
    if (!(await this.auth.withTokens(s, () => s.tokens.current()))) return;
    const { config, tallies, waitingAt } = await this.roomChannels.plan(s);
    Object.assign(s.member, { config, tallies });
    void this.roomChannels.waitUntil(s, waitingAt).catch(() => undefined);
    await this.connect(s, config);
    await this.publisher.publish(s);
    if (!confirmed) void this.auth.confirmMember(s);
  }

  private async connect(s: SignedIn, config: HostConfig): Promise<void> {
    const connection = await this.tellHost(config);
    // A woken worker knows the connection from this answer until the host reports a change.
    if (connection) s.member.live.cable ??= connection;
    // A session replaced meanwhile has had its timers cleared; it must not start new ones.
    if (this.session === s) await catchUpIfBehind(s, connection, this.syncing);
  }

  /**
   * The host hears only the current session's current config (or none), in the order asked:
   * a replaced session finishing late must not point it back at the old community.
   */
  private tellHost(config: HostConfig | null): Promise<CableStatus | undefined> {
    const next = this.hostWrites.then(() => (config === null || config === this.session?.member?.config ? this.deps.host.configure(config) : undefined));
    this.hostWrites = next.catch(() => undefined);
    return next;
  }

  private end(s: Session | undefined): void {
    s?.member?.dispose();
  }
}
