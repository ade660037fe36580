import type { CableStatus, Logger } from '../cable';
import { describeError } from './errors';
import type { Publisher } from './publish';
import type { Session, SignedIn } from './session';
import { Sync } from './rest-sync';

const SIGNED_IN_MARK = 'signedInAt';
/** When the last sync that finished had started: what came before it is in the cache. */
const SYNCED_FROM_MARK = 'syncedFrom';
/** Past this, a wake syncs even after an unbroken connection: Circle changes some things without a live event. */
export const SYNC_MAX_AGE_MS = 15 * 60_000;
/** So a wake's REST calls and transactions do not compete with the batches that woke it. */
const CATCH_UP_DELAY_MS = 500;

/**
 * Whether the cache may lack what Circle has. A connection that was welcomed before the last
 * finished sync started has delivered everything since (the host queues what it hears until
 * the worker takes it), so only a connection newer than that sync, none at all, or an old
 * sync leaves a gap. A reconnect of that connection says so itself (`resync`).
 */
export function needsCatchUp(syncedFrom: number | undefined, connection: Pick<CableStatus, 'state' | 'since'> | undefined, now: number): boolean {
  if (syncedFrom === undefined || now - syncedFrom > SYNC_MAX_AGE_MS) return true;
  return connection?.state !== 'connected' || connection.since > syncedFrom;
}

export interface CatchUpDeps {
  publisher: Publisher;
  logger: Logger;
  /** A failure that ends the session (Circle refusing the community); true when it did. */
  failed?(s: Session, error: unknown): Promise<boolean>;
  /** A sync of a replaced session stops at its next step: it must not write into a cache sign-out cleared. */
  current(): Session | undefined;
}

/** Sign-in fills the cache; later, a backfill brings what came while nothing listened. One at a time. */
export function catchUp(s: SignedIn, deps: CatchUpDeps): Promise<void> {
  const m = s.member;
  m.syncing ??= runSync(s, deps).finally(() => {
    m.syncing = undefined;
  });
  return m.syncing;
}

/** After the host was configured: a catch-up a moment later, when the connection it reports leaves a gap. */
export async function catchUpIfBehind(s: SignedIn, connection: CableStatus | undefined, deps: CatchUpDeps): Promise<void> {
  const m = s.member;
  if (m.catchUpTimer || m.syncing) return;
  const syncedFrom = await m.store.mark<number>(m.community, SYNCED_FROM_MARK);
  if (m.catchUpTimer) return;
  if (!needsCatchUp(syncedFrom, connection, Date.now())) {
    // Nothing missed since the last sync (a woken worker, or a session that replaced the one
    // that synced): the status says when that was, or the views would wait for a sync forever.
    m.sync ??= { kind: 'backfill', done: 0, total: 0, startedAt: syncedFrom!, finishedAt: syncedFrom! };
    return;
  }
  m.catchUpTimer = setTimeout(() => {
    m.catchUpTimer = undefined;
    if (deps.current() === s) void catchUp(s, deps);
  }, CATCH_UP_DELAY_MS);
}

async function runSync(s: SignedIn, deps: CatchUpDeps): Promise<void> {
  const { store, community, live } = s.member;
  const startedAt = Date.now();
  const signedIn = await store.mark<number>(community, SIGNED_IN_MARK);
  const sync = new Sync({
    api: s.api,
    community,
    recentRooms: s.settings.liveRooms,
    logger: deps.logger,
    now: () => live.serverNow(),
    target: {
      apply: (events, rejected) => {
        if (deps.current() !== s) throw new Error('the session was replaced');
        return live.commit(events, rejected);
      },
      rooms: () => store.rooms(community),
      threads: () => store.threads(community),
      newestMessageId: (uuid, before) => store.newestMessageId(community, uuid, before),
    },
    onProgress: (progress) => {
      s.member.sync = progress;
      void deps.publisher.publish(s);
    },
  });
  const replaced = () => deps.current() !== s;
  try {
    if (signedIn) await sync.backfill(await store.mark<number>(community, SYNCED_FROM_MARK));
    else {
      await sync.signIn();
      if (replaced()) return;
      await store.setMark(community, SIGNED_IN_MARK, Date.now());
    }
    if (replaced()) return;
    await store.setMark(community, SYNCED_FROM_MARK, startedAt);
  } catch (error) {
    if (replaced()) return;
    if (await deps.failed?.(s, error)) return;
    deps.logger.warn?.('sync with Circle failed; the next reconnect or wake tries again', { error: describeError(error) });
  }
}
