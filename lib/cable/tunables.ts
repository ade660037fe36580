// Every timing the client relies on, in one place. The figures come from the Rails
// transcript in docs/platform.md: a server pings every 3 s, so two missed pings mean a dead link.

/** Opening the socket (TCP + TLS + HTTP upgrade) may take this long. */
export const HANDSHAKE_TIMEOUT_MS = 10_000;
/** After `open`, Rails sends `welcome` at once; silence this long means a wedged server. */
export const WELCOME_TIMEOUT_MS = 10_000;
/** The app's `prepare()` (header rule update) gets as long as a handshake. */
export const PREPARE_TIMEOUT_MS = 10_000;
/**
 * Silence of one and a half ping periods: a ping is missing and the next is half a period late,
 * so the link is dead even if no `close` arrives. Two full periods (Rails' own client uses 6 s)
 * would notice only as fast as @rails/actioncable at its luckiest; a late ping has a 1.5 s margin.
 */
export const STALE_AFTER_MS = 4_500;

export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_FACTOR = 2;
/** Short outages (a server deploy, a Wi-Fi hop) should heal within seconds... */
export const BACKOFF_EARLY_CAP_MS = 5_000;
/** ...longer ones should not hammer a server that is struggling to come back. */
export const BACKOFF_LATE_CAP_MS = 30_000;
export const BACKOFF_EARLY_WINDOW_MS = 60_000;

/** A restarting server is back quickly; the jitter spreads every client's return. */
export const RESTART_DELAY_MIN_MS = 100;
export const RESTART_DELAY_MAX_MS = 1_000;

export const SUBSCRIBE_TIMEOUT_MS = 10_000;
/** Pause between our `unsubscribe` and the fresh `subscribe` after a confirmation timed out. */
export const SUBSCRIBE_RETRY_DELAY_MS = 500;
export const SUBSCRIBE_MAX_RETRIES = 2;
/**
 * Rails answers an unknown channel with no frame at all, so an identifier that never
 * confirms would otherwise tear the whole connection down every ~32 s, forever.
 */
export const SUBSCRIBE_MAX_FORCED_RECONNECTS = 2;

export interface Tunables {
  handshakeTimeoutMs: number;
  welcomeTimeoutMs: number;
  prepareTimeoutMs: number;
  staleAfterMs: number;
  backoffBaseMs: number;
  backoffFactor: number;
  backoffEarlyCapMs: number;
  backoffLateCapMs: number;
  backoffEarlyWindowMs: number;
  restartDelayMinMs: number;
  restartDelayMaxMs: number;
  subscribeTimeoutMs: number;
  subscribeRetryDelayMs: number;
  subscribeMaxRetries: number;
  subscribeMaxForcedReconnects: number;
}

export const DEFAULT_TUNABLES: Readonly<Tunables> = Object.freeze({
  handshakeTimeoutMs: HANDSHAKE_TIMEOUT_MS,
  welcomeTimeoutMs: WELCOME_TIMEOUT_MS,
  prepareTimeoutMs: PREPARE_TIMEOUT_MS,
  staleAfterMs: STALE_AFTER_MS,
  backoffBaseMs: BACKOFF_BASE_MS,
  backoffFactor: BACKOFF_FACTOR,
  backoffEarlyCapMs: BACKOFF_EARLY_CAP_MS,
  backoffLateCapMs: BACKOFF_LATE_CAP_MS,
  backoffEarlyWindowMs: BACKOFF_EARLY_WINDOW_MS,
  restartDelayMinMs: RESTART_DELAY_MIN_MS,
  restartDelayMaxMs: RESTART_DELAY_MAX_MS,
  subscribeTimeoutMs: SUBSCRIBE_TIMEOUT_MS,
  subscribeRetryDelayMs: SUBSCRIBE_RETRY_DELAY_MS,
  subscribeMaxRetries: SUBSCRIBE_MAX_RETRIES,
  subscribeMaxForcedReconnects: SUBSCRIBE_MAX_FORCED_RECONNECTS,
});

/** Overrides that are not finite numbers are ignored, so a stray `undefined` keeps the default. */
export function resolveTunables(overrides: Partial<Tunables> = {}): Tunables {
  const tunables: Tunables = { ...DEFAULT_TUNABLES };
  for (const key of Object.keys(DEFAULT_TUNABLES) as (keyof Tunables)[]) {
    const value = overrides[key];
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) tunables[key] = value;
  }
  return tunables;
}
