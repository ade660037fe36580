import type { Logger } from '../cable';
import type { FetchLike } from '../circle/http';
import { TokenService, type TokenSet, type TokenStorage } from '../circle/tokens';
import { STORES, type Database } from '../store/db';
import { canReach } from '../platform/permissions';
import { forgetTokenSets, storedTokenSets } from '../platform/token-storage';
import { describeError } from './errors';

export interface ForgetDeps {
  fetch: FetchLike;
  logger: Logger;
}

/**
 * Removes every token set kept for a Circle other than `keep`, then revokes each at Circle
 * where the extension may still reach it. Removal comes first: a revoke that hangs or fails
 * leaves nothing behind. Returns how many could not be revoked for want of a host permission.
 */
export async function forgetTokens(keep: string | undefined, deps: ForgetDeps): Promise<{ unrevoked: number }> {
  const sets = [...(await storedTokenSets())].filter(([origin]) => origin !== keep);
  await forgetTokenSets(sets.map(([origin]) => origin));
  const reachable = await Promise.all(sets.map(([origin]) => canReach([origin])));
  await Promise.all(sets.map(([origin, set], i) => (reachable[i] ? revokeTokenSet(origin, set, deps) : undefined)));
  const unrevoked = reachable.filter((ok) => !ok).length;
  if (unrevoked) deps.logger.warn?.('tokens removed here but not revoked at Circle: no host permission', { count: unrevoked });
  return { unrevoked };
}

/** A kept pair revoked without the settings it grew from: they may be gone (a switch) or invalid. */
export async function revokeTokenSet(circleUrl: string, set: TokenSet, deps: ForgetDeps): Promise<void> {
  let held: TokenSet | undefined;
  const memory: TokenStorage = { load: async () => held, save: async (tokens) => void (held = tokens), clear: async () => void (held = undefined) };
  const auth = { mode: 'tokens' as const, accessToken: set.accessToken, refreshToken: set.refreshToken ?? '' };
  try {
    await new TokenService({ circleUrl, auth, storage: memory, fetch: deps.fetch }).revoke();
  } catch (error) {
    deps.logger.warn?.('could not revoke old tokens at Circle', { error: describeError(error) });
  }
}

/** Deletes every community's records but `keep`'s: one transaction, so a reader sees all or none. */
export async function forgetCache(db: Database, keep?: string): Promise<void> {
  const tx = db.transaction(STORES, 'readwrite');
  await Promise.all(
    STORES.map((name) => {
      const store = tx.objectStore(name);
      if (keep === undefined) return store.clear();
      // Keys are [community, …]: everything sorting before `[keep]` or after `[keep, []]` is another community's.
      return Promise.all([store.delete(IDBKeyRange.upperBound([keep], true)), store.delete(IDBKeyRange.lowerBound([keep, []], true))]);
    }),
  );
  await tx.done;
}
