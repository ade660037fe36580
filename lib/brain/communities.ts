import type { Logger } from '../cable';
import type { FetchLike } from '../circle/http';
import type { Preferences } from '../settings/preferences';
import { communitiesOf, communityLabel, runnable, type CommunityEntry, type SettingsResult } from '../settings/schema';
import type { Batch, BrainReplies, HostConfig, HostItem, HostPort, ToBrain } from '../wire/messages';
import { Board } from './board';
import { Brain } from './brain';
import { prepareCheck } from './check-preparation';
import { communityPort, splitAlarm, splitAlertId } from './community-port';
import { describeError } from './errors';
import { earlyCount } from './early-badge';
import type { SharedPort } from './shared-port';
import { adoptOlderTokens, tidy } from './leftovers';
import { ALARM_QUIET_END, AWAY_SUMMARY_ID, awaySummaryUrl, QuietKeeper } from './quiet-keeper';
import { isSignedIn } from './session';
import { communitiesUnder, forgetCache, forgetCommunityCache, forgetSignIns, revokeKept } from './sign-out';

export interface CommunitiesDeps {
  host: HostPort;
  port: SharedPort;
  fetch: FetchLike;
  online(): boolean;
  logger: Logger;
}

export const ALARM_WATCHDOG = 'watchdog';

interface Running {
  brain: Brain;
  settings: CommunityEntry;
  /** The settings it runs on, compared when they change: an unchanged community is left alone. */
  same: string;
}

/**
 * The background: one brain per community in the settings, each started, restarted and
 * stopped on its own, so one community failing (signed out, refused, offline) leaves the
 * others as they are. It routes what pages and the host ask by community key, and keeps the
 * status board and the badge, which every community shares.
 */
export class Communities {
  private readonly running = new Map<string, Running>();
  private loading: Promise<void> | undefined;
  /** Settings changes, one after another: two quick saves must not start a community twice. */
  private applying: Promise<void> = Promise.resolve();
  private readonly board: Board;
  private readonly startedAt = Date.now();
  /** The preferences read as the worker started: each community's first boot takes them instead of reading them again. */
  private startPreferences: Promise<Preferences> | undefined;
  /** The preferences once read: a woken worker's first badge needs the badge mode, and must not wait for it (`earlyBadge`). */
  private knownPreferences: Preferences | undefined;
  /** The member's quiet is theirs, not a community's: one keeper, one tally, one summary. */
  readonly quiet: QuietKeeper;

  constructor(private readonly deps: CommunitiesDeps) {
    this.board = new Board(deps.port, (community) => void this.forgetCacheOf(community));
    this.quiet = new QuietKeeper({ ...deps.port, logger: deps.logger, now: () => Date.now() });
  }

  /** Idempotent: the first call reads the settings and starts every community; after a failed read, the next call tries again. */
  ready(): Promise<void> {
    this.loading ??= this.load().catch((error: unknown) => {
      this.loading = undefined;
      throw error;
    });
    return this.loading;
  }

  /** The settings or the policy changed: each community whose settings changed starts again, a removed one goes. */
  settingsChanged(): Promise<void> {
    const next = this.applying.then(async () => {
      await this.ready();
      await this.apply(await this.deps.port.settings());
    });
    this.applying = next.catch((error: unknown) => this.deps.logger.warn?.('could not apply the settings', { error: describeError(error) }));
    return next;
  }

  /** A granted permission starts the communities that were waiting for one; a withdrawn one stops those that need it. */
  async permissionsChanged(): Promise<void> {
    await this.ready();
    await Promise.all([...this.running.values()].map(async ({ brain, settings }) => {
      const waiting = brain.current?.member === undefined;
      if (waiting || !(await this.deps.port.canReach([settings.circleUrl]))) await brain.restart();
    }));
  }

  async handle<K extends ToBrain['kind']>(message: Extract<ToBrain, { kind: K }>, tabId?: number): Promise<BrainReplies[K]>;
  async handle(message: ToBrain, tabId?: number): Promise<BrainReplies[ToBrain['kind']]> {
    switch (message.kind) {
      case 'hello':
        await this.ready();
        return { configs: (await Promise.all([...this.running.values()].map(({ brain }) => brain.hostConfig()))).filter((c): c is HostConfig => c !== undefined) };
      case 'check-prepare':
        if (tabId === undefined) return { ok: false, step: 'settings', reason: { code: 'needs_options_page' } };
        return prepareCheck(message.settings, { fetch: this.deps.fetch, setHeaders: (headers) => this.deps.port.headerRule.setTest(headers, tabId) });
      case 'check-end':
        await this.deps.port.headerRule.clearTest();
        return { ok: true };
      case 'reconnect':
        await this.ready();
        await Promise.all(this.brainsFor(message.key).map((brain) => brain.handle({ kind: 'reconnect' })));
        return { ok: true };
      case 'batch': {
        await this.ready().catch(() => undefined);
        const brain = this.running.get(message.key)?.brain;
        // A community removed meanwhile: nothing of it is kept any more, so nothing is lost.
        if (!brain) return { ack: message.batch.seq };
        this.earlyBadge(message.key, message.batch, brain);
        return brain.handle({ kind: 'batch', batch: message.batch });
      }
      case 'sign-out':
        await this.ready().catch(() => undefined);
        return { ok: true, revoked: await this.signOut(message.key) };
      case 'act':
      case 'prepare':
      case 'refresh-auth': {
        await this.ready();
        const brain = this.running.get(message.key)?.brain;
        if (!brain) return message.kind === 'act' ? { ok: false, error: { code: 'not_connected' } } : { ok: false };
        if (message.kind === 'act') return brain.handle({ kind: 'act', request: message.request });
        // A community's own brain signs it out; one that never started (settings that do not validate) is signed out here.
        return brain.handle({ kind: message.kind });
      }
    }
  }

  /**
   * One community's sign-out, or (no key) every one's and whatever an earlier sign-in left:
   * token sets no community owns, the whole cache, every rule. True when every token that
   * went was revoked at Circle too.
   */
  private async signOut(key: string | undefined): Promise<boolean> {
    const keys = key !== undefined ? [key] : [...this.running.keys()];
    const results = await Promise.all(keys.map((k) => this.signOutOf(k)));
    if (key !== undefined) return results.every((r) => r.revoked);
    const { port } = this.deps;
    const dropped = port.forgetSignIn();
    const leftovers = await port.tokens.list();
    await port.tokens.forget(leftovers.map((l) => l.id));
    const { unrevoked } = await revokeKept(leftovers.map((l) => l.kept), { ...this.deps, port });
    await Promise.all([port.database().then((db) => forgetCache(db)), port.firstScreen.clear(), port.headerRule.keepOnly([]), dropped]);
    return unrevoked === 0 && results.every((r) => r.revoked);
  }

  private async signOutOf(key: string): Promise<{ revoked: boolean }> {
    const running = this.running.get(key);
    const known = running?.brain.current?.member?.community ?? this.board.get(key)?.community;
    const result = await (running?.brain.signOut() ?? this.forget(key));
    // Never named by Circle in this worker's life (no permission, refused at once): what is cached
    // for its Circle and no other community's entry names was its own.
    if (!known && running) await this.forgetUnclaimedUnder(new URL(running.settings.circleUrl).origin);
    return result;
  }

  private async forgetUnclaimedUnder(circleOrigin: string): Promise<void> {
    const claimed = new Set(this.board.caches());
    const db = await this.deps.port.database();
    for (const community of await communitiesUnder(db, circleOrigin)) if (!claimed.has(community)) await forgetCommunityCache(db, community);
  }

  /** A community with no brain running: what it left goes all the same. */
  private async forget(key: string): Promise<{ revoked: boolean }> {
    const port = this.portFor(key);
    const community = this.board.get(key)?.community;
    await port.forgetSignIn();
    return forgetSignIns(undefined, community, { port, fetch: this.deps.fetch, logger: this.deps.logger, stopHost: () => this.deps.host.configure(key, null) });
  }

  /** The browser started (not a worker woken): the toolbar shows no badge until one is set. */
  browserStarted(): void {
    this.board.started();
  }

  /** The watchdog alarm: every community checks its own connection. */
  async watch(): Promise<void> {
    if (!(await this.ready().then(() => true, () => false))) return;
    await Promise.all([...this.running.values()].map(({ brain }) => brain.watch()));
  }

  async onAlarm(name: string): Promise<void> {
    if (name === ALARM_WATCHDOG) return this.watch();
    if (name === ALARM_QUIET_END) return this.quiet.check();
    const alarm = splitAlarm(name);
    await this.ready();
    if (alarm) await this.running.get(alarm.key)?.brain.onAlarm(alarm.name);
  }

  async alertClicked(id: string): Promise<void> {
    if (id === AWAY_SUMMARY_ID) {
      await this.deps.port.alerts.clear(id);
      const opens = await this.quiet.opened();
      await this.ready();
      const signedIn = [...this.running.values()].flatMap(({ brain }) => {
        const s = brain.current;
        return isSignedIn(s) ? [{ origin: s.settings.origin, community: s.member.community }] : [];
      });
      const url = awaySummaryUrl(opens, signedIn);
      if (url) await this.deps.port.alerts.openInCommunityTab(url);
      return;
    }
    const alert = splitAlertId(id);
    await this.ready();
    if (alert) await this.running.get(alert.key)?.brain.alertClicked(alert.id);
  }

  async alertButton(id: string, button: number): Promise<void> {
    const alert = splitAlertId(id);
    await this.ready();
    if (alert) await this.running.get(alert.key)?.brain.alertButton(alert.id, button);
  }

  async preferencesChanged(preferences: Preferences): Promise<void> {
    // Before the communities: ending a snooze needs no connection.
    const ended = this.quiet.check().catch(() => undefined);
    this.knownPreferences = preferences;
    await this.ready();
    await Promise.all([...this.running.values()].map(({ brain }) => brain.preferencesChanged(preferences)));
    await ended;
  }

  async online(): Promise<void> {
    await this.ready();
    await Promise.all([...this.running.values()].map(({ brain }) => brain.online()));
  }

  /** Circle's count from a woken worker's first batch, on the badge before the brain has stored it (lib/brain/early-badge.ts). */
  private earlyBadge(key: string, batch: Batch<HostItem>, brain: Brain): void {
    if (this.board.hasBadge(key)) return;
    const count = earlyCount(this.board.get(key), this.running.get(key)?.settings.circleUrl, batch, brain.current?.preferences ?? this.knownPreferences);
    if (count !== undefined) void this.board.early(key, { kind: 'count', count, what: 'new' }).catch(() => undefined);
  }

  private brainsFor(key: string | undefined): Brain[] {
    if (key === undefined) return [...this.running.values()].map((r) => r.brain);
    const brain = this.running.get(key)?.brain;
    return brain ? [brain] : [];
  }

  private async load(): Promise<void> {
    const { port } = this.deps;
    // Every read a woken worker's first batch waits for starts here, together: each is a round
    // trip to the browser process, and one after another they were most of a wake. The database
    // opens (and upgrades) at every start, signed in or not; each brain awaits it and reports a
    // failure of it, so the communities need not wait for it to start.
    void port.database().catch(() => undefined);
    this.startPreferences = port.preferences();
    this.startPreferences.catch(() => undefined);
    void this.startPreferences.then((preferences) => (this.knownPreferences ??= preferences), () => undefined);
    const listed = port.tokens.list();
    listed.catch(() => undefined);
    try {
      const [result] = await Promise.all([port.settings(), this.board.restore()]);
      // A quiet that ended while the worker was stopped (or whose alarm the browser forgot) ends now.
      void this.quiet.check().catch(() => undefined);
      await this.apply(result, listed);
    } finally {
      this.startPreferences = undefined;
    }
  }

  private async apply(result: SettingsResult, listed?: ReturnType<SharedPort['tokens']['list']>): Promise<void> {
    if (result.ok) await adoptOlderTokens(this.deps.port, communitiesOf(result.settings).filter((c) => !this.running.has(c.key)), listed);
    if (!result.ok) {
      await Promise.all([...this.running.keys()].map((key) => this.remove(key, false)));
      await this.deps.port.headerRule.keepOnly([]);
      const fields = result.problems.map((p) => p.field).join(', ');
      await this.board.notSetUp({ code: 'settings_incomplete', detail: fields }, this.startedAt);
      return;
    }
    const wanted = communitiesOf(result.settings);
    const keys = new Set(wanted.map((c) => c.key));
    this.board.order(wanted.map((c) => ({ key: c.key, label: communityLabel(c) })), this.startedAt);
    await Promise.all([...this.running.keys()].filter((key) => !keys.has(key)).map((key) => this.remove(key, true)));
    for (const settings of wanted) {
      const same = JSON.stringify(settings);
      const running = this.running.get(settings.key);
      if (running?.same === same) continue;
      if (running) {
        Object.assign(running, { settings, same });
        void running.brain.restart().catch(() => undefined);
        continue;
      }
      this.start(settings, same);
    }
    // Housekeeping, behind the boots: its reads (every stored key, the rules, the alarms) would queue beside theirs.
    const booted = Promise.allSettled([...this.running.values()].map(({ brain }) => brain.ready()));
    void booted.then(() => tidy(wanted.map((c) => c.key), [ALARM_WATCHDOG, ALARM_QUIET_END], this.deps));
  }

  private start(settings: CommunityEntry, same: string): void {
    const { key } = settings;
    const running: Running = { settings, same, brain: undefined as never };
    const port = communityPort(this.deps.port, {
      key,
      settings: () => runnable(running.settings),
      status: () => this.board.get(key),
      setStatus: (status) => this.board.set(key, status),
      setBadge: (state) => this.board.setBadge(key, state),
      preferences: () => this.startPreferences,
      alertContext: () => (this.running.size > 1 ? communityLabel(running.settings) : undefined),
      quiet: this.quietSlot(),
    });
    running.brain = new Brain({
      host: { configure: (config) => this.deps.host.configure(key, config), reconnectNow: (reason) => this.deps.host.reconnectNow(reason, key) },
      port,
      fetch: this.deps.fetch,
      online: this.deps.online,
      logger: this.deps.logger,
    });
    this.running.set(key, running);
    void running.brain.ready().catch(() => undefined);
  }

  /**
   * A community gone from the settings: its brain stops, and with `forget` everything it kept
   * goes too (tokens revoked where reachable, cache, rule, alarm), as a sign-out would.
   */
  private async remove(key: string, forget: boolean): Promise<void> {
    const running = this.running.get(key);
    this.running.delete(key);
    const community = running?.brain.current?.member?.community ?? this.board.get(key)?.community;
    await running?.brain.stop();
    this.board.drop(key);
    if (!forget) return;
    await forgetSignIns(running?.brain.current, community, { port: this.portFor(key), fetch: this.deps.fetch, logger: this.deps.logger, stopHost: () => this.deps.host.configure(key, null) }).catch((error: unknown) =>
      this.deps.logger.warn?.('could not forget a removed community', { error: describeError(error) }),
    );
  }

  /** A cache no community's entry names any more goes (a community switched to another Circle or member). */
  private async forgetCacheOf(community: string): Promise<void> {
    if (this.board.caches().includes(community)) return;
    try {
      await forgetCommunityCache(await this.deps.port.database(), community);
      await this.deps.port.firstScreen.clear(community);
    } catch (error) {
      this.deps.logger.warn?.('could not forget a cache nobody uses', { error: describeError(error) });
    }
  }

  private quietSlot() {
    return { now: (preferences: Preferences) => this.quiet.now(preferences), hold: (batch: Parameters<QuietKeeper['hold']>[0]) => this.quiet.hold(batch) };
  }

  /** A port for a community with no brain: for what its sign-out or removal has to undo. */
  private portFor(key: string) {
    return communityPort(this.deps.port, { key, settings: () => ({ ok: false, problems: [] }), status: () => this.board.get(key), setStatus: async () => {}, setBadge: async () => {}, alertContext: () => undefined, quiet: this.quietSlot() });
  }
}
