import type { Preferences } from '../settings/preferences';
import type { Batch, HostItem } from '../wire/messages';
import type { ConnectionStatus } from '../wire/status';
import { badgeStateOf } from './phase';

/**
 * A woken worker's first batch brings Circle's new count: the badge can show it at once, before
 * the brain has opened the database, checked the permission, read the tokens and stored the
 * batch (together most of a wake's time after the script ran). Only where that count is the
 * whole badge (the notifications mode) and the last worker showed a count for this community,
 * of the same Circle and member; the brain's own first publish follows and stands
 * (`Board.early` never writes over it). Undefined: the badge waits for that publish.
 */
export function earlyCount(last: ConnectionStatus | undefined, circleUrl: string | undefined, batch: Batch<HostItem>, preferences: Preferences | undefined): number | undefined {
  const community = last?.community;
  // What the last worker showed was a count: not signed out, offline or failing storage.
  if (!community || last.storage?.problem || last.circleUrl !== circleUrl) return undefined;
  if (badgeStateOf(last.phase, last.count, last.cable?.attempts ?? 0).kind !== 'count') return undefined;
  if (batch.session !== undefined && batch.session !== community) return undefined;
  if (preferences?.badgeCounts !== 'notifications') return undefined;
  let count: number | undefined;
  for (const item of batch.items) {
    // A batch that says the connection changed: the brain's own publish tells what it shows.
    if (item.kind === 'status' || item.kind === 'resync') return undefined;
    if (item.kind !== 'event') continue;
    const { event } = item;
    if (event.type === 'updateNewNotificationCount' || event.type === 'resetNewNotificationCount') count = event.count;
  }
  return count;
}
