import { parseEvent } from '../circle/events';
import type { HostItem } from '../wire/messages';

/**
 * What the host forwards for one channel message: the event it validated into, or the
 * rejection with the raw message (the Diagnostics' shapes need it). Validating here, beside
 * the socket, takes it off the brain's serial path (on Chrome another thread), and the event
 * crosses smaller than the frame it came in.
 */
export function heard(identifier: string, message: unknown, community: string, receivedAt: number): HostItem {
  const parsed = parseEvent(message, community, receivedAt);
  return parsed.ok ? { kind: 'event', identifier, event: parsed.event } : { kind: 'rejected', identifier, reason: parsed.kind, message };
}
