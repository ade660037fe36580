import type { CableError, FailureReason } from './errors.ts';

export type CableState = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'stopped';

export type TransitionReason =
  | FailureReason
  | 'created'
  | 'start'
  | 'retry'
  | 'welcome'
  | 'server_restart'
  | 'remote'
  | 'unauthorized'
  | 'auth_refreshed'
  | 'signed_out'
  | 'stopped_by_app'
  | 'offline'
  | 'reconnect_now'
  // Apps pass their own reasons to stop()/reconnectNow(), and a server may name any reason
  // in a `disconnect` frame; both are reported as given.
  | (string & {});

export interface StateChange {
  state: CableState;
  previous: CableState;
  reason: TransitionReason;
  at: number;
  /** Present when the change was caused by a failure worth showing (or logging). */
  error?: CableError;
}

/**
 * Every legal move. `reconnecting` means "no socket: waiting for a retry timer or for the app's
 * auth refresh"; `connected → connecting` is a forced reconnect that skips the wait, and
 * `reconnecting → reconnecting` a new reason or retry time while waiting (the refresh failed).
 */
export const TRANSITIONS: Readonly<Record<CableState, readonly CableState[]>> = {
  idle: ['connecting', 'stopped'],
  connecting: ['connected', 'reconnecting', 'stopped'],
  connected: ['connecting', 'reconnecting', 'stopped'],
  reconnecting: ['connecting', 'reconnecting', 'stopped'],
  stopped: ['connecting'],
};

export class StateMachine {
  private current: CableState = 'idle';
  private lastReason: TransitionReason = 'created';
  private changedAt: number;

  constructor(now: number) {
    this.changedAt = now;
  }

  get state(): CableState {
    return this.current;
  }

  get reason(): TransitionReason {
    return this.lastReason;
  }

  get since(): number {
    return this.changedAt;
  }

  can(to: CableState): boolean {
    return TRANSITIONS[this.current].includes(to);
  }

  /** Returns the change, or null (and changes nothing) when the table forbids the move. */
  go(to: CableState, reason: TransitionReason, at: number, error?: CableError): StateChange | null {
    if (!this.can(to)) return null;
    const change: StateChange = { state: to, previous: this.current, reason, at };
    if (error) change.error = error;
    this.current = to;
    this.lastReason = reason;
    this.changedAt = at;
    return change;
  }
}
