import type { CableStatus } from '../cable';
import type { BadgeState } from '../badge/badge';
import { isReasonCode, type Reason } from '../wire/reasons';
import type { ConnectionPhase } from '../wire/status';

/** A short outage keeps showing the count; from this many failed attempts on, the badge says so. */
const ATTEMPTS_BEFORE_OFFLINE_BADGE = 2;

export function phaseOf(cable: Pick<CableStatus, 'state' | 'reason' | 'attempts'> | undefined, online: boolean): ConnectionPhase {
  if (!cable || cable.state === 'idle') return 'connecting';
  switch (cable.state) {
    case 'connected':
      return 'live';
    case 'connecting':
    case 'reconnecting':
      if (!online) return 'offline';
      return cable.attempts === 0 && cable.state === 'connecting' ? 'connecting' : 'reconnecting';
    case 'stopped':
      return cable.reason === 'signed_out' ? 'signed-out' : 'error';
  }
}

/**
 * A browser cannot see why a handshake failed: a refused Origin (HTTP 404) and a dead server
 * both close the socket before it opens. When Circle's REST answers and the cable keeps
 * refusing, the Origin is by far the likeliest cause; "Check connection" confirms it.
 */
export const ORIGIN_REFUSED_AFTER = 3;

/** The cable's reason when it is one the member is told; a transition (`welcome`, `retry`) or an app's own word is not. */
export function reasonOf(cable: Pick<CableStatus, 'state' | 'reason' | 'attempts'> | undefined, restAnswered: boolean): Reason | undefined {
  if (cable?.state === 'reconnecting' && cable.reason === 'closed_before_open' && cable.attempts >= ORIGIN_REFUSED_AFTER && restAnswered) {
    return { code: 'origin_not_whitelisted' };
  }
  return isReasonCode(cable?.reason) ? { code: cable.reason } : undefined;
}

export function badgeStateOf(phase: ConnectionPhase, count: number | undefined, attempts: number): BadgeState {
  switch (phase) {
    case 'not-set-up':
      return { kind: 'not-set-up' };
    case 'signed-out':
      return { kind: 'signed-out' };
    case 'offline':
    case 'error':
      return { kind: 'offline' };
    case 'reconnecting':
      if (attempts >= ATTEMPTS_BEFORE_OFFLINE_BADGE || count === undefined) return { kind: 'offline' };
      return { kind: 'count', count };
    case 'connecting':
      return count === undefined ? { kind: 'connecting' } : { kind: 'count', count };
    case 'live':
      return { kind: 'count', count: count ?? 0 };
  }
}
