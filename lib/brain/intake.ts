import type { Logger } from '../cable';
import { isStorageUnavailable } from '../store/db';
import type { Publisher } from './publish';
import { isSignedIn, type Session } from './session';
import { errorName, type StorageHealth } from './storage-health';
import type { Batch, BrainReplies, HostItem } from '../wire/messages';

/**
 * A host batch into a session's store. Acknowledged only once stored: without a session that
 * can store it (the token or member step failed) or with storage failing, it is held, and the
 * host keeps it and sends it again.
 */
export async function storeBatch(
  s: Session | undefined,
  batch: Batch<HostItem>,
  deps: { storage: StorageHealth; publisher: Publisher; logger: Logger; previous?: Promise<boolean> },
): Promise<BrainReplies['batch']> {
  if (!isSignedIn(s)) return { held: 'no-session' };
  if (batch.session !== undefined && batch.session !== s.member.community) {
    // Heard for a community this session is not: acknowledged, so the host moves on, and counted.
    deps.logger.warn?.('dropped a batch of another session', { seq: batch.seq, items: batch.items.length });
    await s.member.live.commit([], { other_session_batch: 1 });
    return { ack: batch.seq };
  }
  try {
    if (!(await s.member.live.absorb(batch, deps.previous))) return { held: 'behind' };
  } catch (error) {
    if (!isStorageUnavailable(error)) throw error;
    if (!deps.storage.status?.problem) deps.logger.warn?.('could not store a batch; the host keeps it', { error: errorName(error) });
    deps.storage.failed('write', error);
    await deps.publisher.publish(s);
    return { held: 'storage' };
  }
  deps.storage.ok();
  // Stored is what the host waits for; the status and badge are not, and the next batch can cross meanwhile.
  void deps.publisher.soon(s, (error) => deps.logger.warn?.('could not publish the status', { error: errorName(error) }));
  return { ack: batch.seq };
}
