import type { Tunables } from './tunables.ts';

type BackoffTunables = Pick<
  Tunables,
  'backoffBaseMs' | 'backoffFactor' | 'backoffEarlyCapMs' | 'backoffLateCapMs' | 'backoffEarlyWindowMs'
>;

// Beyond this the exponential is far past any cap; clamping keeps the arithmetic finite.
const MAX_EXPONENT = 30;

/**
 * Full jitter (delay = random × min(cap, base·factor^attempt)): clients that lost the same
 * server at the same moment spread over the whole window instead of returning in waves.
 * The cap stays low early in an outage, when a blip is the likely cause.
 */
export function backoffDelay(
  attempt: number,
  outageMs: number,
  random: () => number,
  tunables: BackoffTunables,
): number {
  const cap = outageMs < tunables.backoffEarlyWindowMs ? tunables.backoffEarlyCapMs : tunables.backoffLateCapMs;
  const exponent = Math.min(Math.max(0, Math.floor(attempt)), MAX_EXPONENT);
  const ceiling = Math.min(cap, tunables.backoffBaseMs * tunables.backoffFactor ** exponent);
  return Math.round(clampUnit(random()) * ceiling);
}

/** The quick return after a `server_restart`/`remote` disconnect that asks us to come back. */
export function restartDelay(
  random: () => number,
  tunables: Pick<Tunables, 'restartDelayMinMs' | 'restartDelayMaxMs'>,
): number {
  const span = Math.max(0, tunables.restartDelayMaxMs - tunables.restartDelayMinMs);
  return Math.round(tunables.restartDelayMinMs + clampUnit(random()) * span);
}

// An injected random() that misbehaves must not produce a negative or runaway delay.
function clampUnit(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0.5;
}
