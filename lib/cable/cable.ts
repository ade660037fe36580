import { backoffDelay, restartDelay } from './backoff.ts';
import { systemClock, Timer } from './clock.ts';
import type { Clock } from './clock.ts';
import { Reporter } from './diagnostics.ts';
import { Emitter } from './emitter.ts';
import type { Unbind } from './emitter.ts';
import { CableError } from './errors.ts';
import type { FailureReason } from './errors.ts';
import { Link } from './link.ts';
import type { LinkHandlers } from './link.ts';
import { DisconnectReason } from './protocol.ts';
import type { ChannelParams } from './protocol.ts';
import { StateMachine } from './state.ts';
import type { CableState, TransitionReason } from './state.ts';
import { Subscriptions } from './subscriptions.ts';
import type { SubscriptionHandlers } from './subscriptions.ts';
import { resolveTunables } from './tunables.ts';
import type { Tunables } from './tunables.ts';
import type { CableEvents, CableOptions, CableStatus, ResyncInfo } from './types.ts';

type ServerFrame = Parameters<LinkHandlers['frame']>[0];

export class Cable {
  private readonly tunables: Tunables;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly report: Reporter;
  private readonly machine: StateMachine;
  private readonly events: Emitter<CableEvents>;
  private readonly subs: Subscriptions;
  private readonly link: Link;
  private readonly prepareTimer: Timer;
  private readonly retryTimer: Timer;
  private readonly resyncTimer: Timer;

  /** Bumped by every teardown: late callbacks from an abandoned attempt compare and bail. */
  private generation = 0;
  private attempts = 0;
  private reconnects = 0;
  private welcomedSinceStart = false;
  private outageSince: number | null = null;
  private droppedFrameAt: number | null = null;
  private unauthorizedStreak = 0;
  private refreshing = false;
  /**
   * A reconnect's resync, held until this connection's subscriptions are confirmed: a channel
   * carries nothing before its confirmation, so a REST read made earlier could miss what
   * arrives in between (ActionCable calls `connected` on confirmation for the same reason).
   */
  private resyncHeld: ResyncInfo | null = null;

  constructor(private readonly options: CableOptions) {
    this.tunables = resolveTunables(options.tunables);
    const clock = options.clock ?? systemClock;
    this.clock = clock;
    this.random = options.random ?? Math.random;
    // Every internal timer fires inside an operation, like socket events do.
    const guarded: Clock = {
      now: () => clock.now(),
      setTimeout: (fn, ms) => clock.setTimeout(() => this.op(fn), ms),
      clearTimeout: (handle) => clock.clearTimeout(handle),
    };
    this.machine = new StateMachine(clock.now());
    this.events = new Emitter((error, event) =>
      this.report.listenerFailed(error, `on('${String(event)}')`, event === 'diagnostic'),
    );
    this.report = new Reporter(options.logger ?? {}, () => clock.now(), (d) => this.events.emit('diagnostic', d));
    this.prepareTimer = new Timer(guarded);
    this.retryTimer = new Timer(guarded);
    this.resyncTimer = new Timer(guarded);
    this.link = new Link({
      url: options.url,
      createWebSocket: options.createWebSocket,
      clock: guarded,
      tunables: this.tunables,
      report: this.report,
      run: (work) => this.op(work),
      handlers: {
        welcome: () => this.welcomed(),
        frame: (frame) => this.received(frame),
        failed: (reason, error) =>
          // Retrying cannot fix a server that does not speak our protocol, and a loop would
          // hide the misconfiguration from the app.
          reason === 'protocol_unsupported' ? this.halt(reason, error) : this.retryAfterFailure(reason, error),
      },
    });
    this.subs = new Subscriptions({
      clock: guarded,
      tunables: this.tunables,
      send: (frame) => this.link.send(frame),
      onGiveUp: () => this.reconnectNow('subscription_timeout'),
      onChange: (change) => {
        this.events.emit('subscription', change);
        this.releaseResync();
      },
      onHandlerError: (error, identifier) => this.report.listenerFailed(error, `handler for ${identifier}`),
    });
  }

  get state(): CableState {
    return this.machine.state;
  }

  on<K extends keyof CableEvents>(event: K, listener: (payload: CableEvents[K]) => void): Unbind {
    return this.events.on(event, listener);
  }

  status(): CableStatus {
    return {
      state: this.machine.state,
      reason: this.machine.reason,
      since: this.machine.since,
      lastFrameAt: this.link.lastFrameAt,
      nextRetryAt: this.retryTimer.due,
      attempts: this.attempts,
      reconnects: this.reconnects,
      closedBeforeOpen: this.link.closedBeforeOpen,
      subscriptions: this.subs.list(),
      diagnostics: { ...this.report.counts },
    };
  }

  /** Starts from `idle` or `stopped`; false (and nothing happens) when already running. */
  start(): boolean {
    return this.op(() => {
      if (this.machine.state !== 'idle' && this.machine.state !== 'stopped') return false;
      this.attempts = 0;
      this.unauthorizedStreak = 0;
      this.welcomedSinceStart = false;
      this.droppedFrameAt = null;
      this.resyncHeld = null;
      this.outageSince = this.clock.now();
      this.connect('start');
      return true;
    });
  }

  /** Closes the socket and cancels every timer; subscriptions stay registered for start(). */
  stop(reason: TransitionReason = 'stopped_by_app'): boolean {
    return this.op(() => {
      if (this.machine.state === 'stopped') return false;
      this.halt(reason);
      return true;
    });
  }

  /**
   * Skips the wait (the browser came back online, a watchdog found us idle) or replaces a live
   * connection. Refused while connecting, while stopped, and while an auth refresh is pending:
   * reconnecting with the old token would read as a second `unauthorized`, i.e. signed out.
   */
  reconnectNow(reason: TransitionReason = 'reconnect_now'): boolean {
    return this.op(() => {
      const { state } = this.machine;
      if ((state !== 'connected' && state !== 'reconnecting') || this.refreshing) return false;
      this.connect(reason);
      return true;
    });
  }

  subscribe(params: ChannelParams, handlers: SubscriptionHandlers): Unbind {
    const unbind = this.op(() => this.subs.add(params, handlers));
    return () => this.op(unbind);
  }

  private connect(reason: TransitionReason): void {
    this.teardown();
    this.retryTimer.clear();
    if (!this.transition('connecting', reason)) return;
    const { prepare } = this.options;
    if (!prepare) {
      this.link.open();
      return;
    }
    this.prepareTimer.set(this.tunables.prepareTimeoutMs, () => this.retryAfterFailure('prepare_timeout'));
    this.await(
      prepare,
      () => {
        this.prepareTimer.clear();
        this.link.open();
      },
      (error) => this.retryAfterFailure('prepare_failed', error),
    );
  }

  /**
   * Runs an injected async hook. A hook that throws synchronously counts as rejecting, and the
   * outcome is dropped when the attempt was abandoned (stop, timeout) in the meantime.
   */
  private await<T>(hook: () => Promise<T>, done: (value: T) => void, failed: (error: unknown) => void): void {
    const generation = this.generation;
    const current = () => generation === this.generation;
    new Promise<T>((resolve) => resolve(hook())).then(
      (value) => this.op(() => current() && done(value)),
      (error: unknown) => this.op(() => current() && failed(error)),
    );
  }

  private received(frame: ServerFrame): void {
    switch (frame.type) {
      case 'message':
        if (!this.subs.deliver(frame.identifier, frame.message, frame.chars)) {
          this.report.diagnose('unknown_identifier', frame.identifier);
        }
        return;
      case 'ping':
        // Not for subscribers; a Firefox event page uses it to stay alive (see docs/platform.md).
        this.events.emit('ping', { at: this.clock.now() });
        return;
      case 'confirm_subscription':
        this.subs.confirm(frame.identifier);
        return;
      case 'reject_subscription':
        this.subs.reject(frame.identifier);
        return;
      case 'disconnect':
        this.disconnected(frame);
        return;
    }
  }

  private welcomed(): void {
    const now = this.clock.now();
    this.attempts = 0;
    this.unauthorizedStreak = 0;
    this.outageSince = null;
    const dropped = this.welcomedSinceStart ? this.droppedFrameAt : null;
    this.welcomedSinceStart = true;
    if (dropped !== null) {
      this.reconnects += 1;
      // A connection that dropped before its resync was released still owes the earlier gap.
      const since = Math.min(dropped, this.resyncHeld?.since ?? dropped);
      this.resyncHeld = { since, downtimeMs: now - since };
    }
    this.subs.connected();
    this.transition('connected', 'welcome');
    if (!this.resyncHeld) return;
    // A subscription that never answers must not hold the catch-up back for good.
    this.resyncTimer.set(this.tunables.subscribeTimeoutMs, () => this.releaseResync(true));
    this.releaseResync();
  }

  private releaseResync(force = false): void {
    if (!this.resyncHeld || this.machine.state !== 'connected') return;
    if (!force && this.subs.list().some((s) => s.state === 'pending')) return;
    const resync = this.resyncHeld;
    this.resyncHeld = null;
    this.resyncTimer.clear();
    this.events.emit('resync', resync);
  }

  private disconnected(frame: Extract<ServerFrame, { type: 'disconnect' }>): void {
    if (frame.reason === DisconnectReason.unauthorized) {
      this.unauthorized();
    } else if (!frame.reconnect) {
      this.halt(frame.reason);
    } else if (this.machine.state === 'connected') {
      this.teardown();
      this.scheduleRetry(restartDelay(this.random, this.tunables), frame.reason);
    } else {
      // Turned away before `welcome`: the quick return would become a loop, so back off.
      this.retryAfterFailure(frame.reason);
    }
  }

  private unauthorized(): void {
    this.unauthorizedStreak += 1;
    if (this.unauthorizedStreak > 1) {
      this.halt('signed_out');
      return;
    }
    this.teardown();
    this.transition('reconnecting', 'unauthorized');
    this.refreshing = true;
    this.await(
      this.options.refreshAuth ?? (() => Promise.resolve(true)),
      (refreshed) => {
        if (refreshed) this.connect('auth_refreshed');
        else this.halt('signed_out');
      },
      (error) => {
        // The token was never tested, so the next `unauthorized` earns another refresh.
        this.unauthorizedStreak = 0;
        this.retryAfterFailure('refresh_failed', error);
      },
    );
  }

  /** The attempt failed or the connection was lost: try again after the backoff. */
  private retryAfterFailure(reason: FailureReason | (string & {}), cause?: unknown): void {
    const wasConnected = this.machine.state === 'connected';
    this.teardown();
    if (!wasConnected) this.attempts += 1;
    const now = this.clock.now();
    const outageMs = now - (this.outageSince ?? now);
    const delay = backoffDelay(this.attempts, outageMs, this.random, this.tunables);
    const error = cause instanceof CableError ? cause : new CableError(reason, reason, { cause });
    this.scheduleRetry(delay, reason, error);
  }

  private scheduleRetry(delay: number, reason: TransitionReason, error?: CableError): void {
    this.retryTimer.set(delay, () => this.connect('retry'));
    this.transition('reconnecting', reason, error);
  }

  private halt(reason: TransitionReason, error?: CableError): void {
    this.teardown();
    this.retryTimer.clear();
    this.transition('stopped', reason, error);
  }

  /** Drops the socket and every per-connection timer; keeps the retry timer. */
  private teardown(): void {
    this.generation += 1;
    this.refreshing = false;
    this.prepareTimer.clear();
    this.resyncTimer.clear();
    this.link.close();
    if (this.machine.state === 'connected') {
      this.droppedFrameAt = this.link.lastFrameAt;
      this.outageSince = this.clock.now();
    }
    this.subs.disconnected();
  }

  private transition(to: CableState, reason: TransitionReason, error?: CableError): boolean {
    const change = this.machine.go(to, reason, this.clock.now(), error);
    if (!change) return false;
    this.report.log(to === 'stopped' && error ? 'warn' : 'info', `cable ${change.previous} → ${to}`, { reason });
    this.events.emit('state', change);
    return true;
  }

  /** Public calls, socket events and timers all run as one operation each; see Emitter. */
  private op<T>(work: () => T): T {
    return this.events.batch(work);
  }
}
