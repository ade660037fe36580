import type { Clock } from './clock.ts';
import type { Diagnostic, Diagnostics, Logger } from './diagnostics.ts';
import type { WebSocketFactory } from './socket.ts';
import type { CableState, StateChange, TransitionReason } from './state.ts';
import type { SubscriptionChange, SubscriptionInfo } from './subscriptions.ts';
import type { Tunables } from './tunables.ts';

export interface CableOptions {
  url: string;
  createWebSocket: WebSocketFactory;
  clock?: Clock;
  /** Uniform in [0, 1); defaults to Math.random. */
  random?: () => number;
  logger?: Logger;
  /** Awaited before every attempt (e.g. to refresh the header-injection rule). */
  prepare?: () => Promise<void>;
  /** Called on `unauthorized`; false means the user is signed out. Defaults to "retry once". */
  refreshAuth?: () => Promise<boolean>;
  tunables?: Partial<Tunables>;
}

export interface ResyncInfo {
  /** Time of the last frame of the previous connection: anything later may have been missed. */
  since: number;
  downtimeMs: number;
}

export interface CableEvents {
  state: StateChange;
  resync: ResyncInfo;
  diagnostic: Diagnostic;
  subscription: SubscriptionChange;
  /** Every server ping (each 3 s on Rails): a heartbeat for hosts that must prove activity. */
  ping: { at: number };
}

export interface CableStatus {
  state: CableState;
  reason: TransitionReason;
  /** When the current state was entered. */
  since: number;
  /** The last frame the cable heard; a socket that keeps pings to itself (`watchSilence`) passes on only their staleness. */
  lastFrameAt: number | null;
  nextRetryAt: number | null;
  /** Consecutive attempts that did not reach `welcome`. */
  attempts: number;
  /** Successful reconnections (welcomes after the first one since start) over the cable's life. */
  reconnects: number;
  /** Sockets closed before `open`: what a refused Origin (HTTP 404) looks like from here. */
  closedBeforeOpen: number;
  subscriptions: SubscriptionInfo[];
  diagnostics: Diagnostics;
}
