import type { Logger } from '../cable';
import type { FetchLike } from '../circle/http';
import { TokenService, type TokenSet, type TokenStorage } from '../circle/tokens';
import { STORES, type Database } from '../store/db';
import { ALARM_TOKEN_REFRESH } from './auth';
import { describeError } from './errors';
import type { BrowserPort } from './port';
import type { Session } from './session';

interface RevokeDeps {
  fetch: FetchLike;
  logger: Logger;
}

export interface ForgetDeps extends RevokeDeps {
  port: BrowserPort;
}

/**
 * Everything a sign-in left, whatever state the extension is in (live, signed out by Circle
 * and the worker restarted since, invalid settings, no host permission, a community switched
 * away from): the socket, the header rule and the refresh alarm stop; tokens are revoked at
 * Circle where it can be reached and removed everywhere; the whole cache and the popup's
 * snapshot go. `revoked` is false when a token could only be removed here, for want of a
 * permission. `s` is the session just ended, if there was one.
 */
export async function forgetSignIns(s: Session | undefined, deps: ForgetDeps & { stopHost(): Promise<unknown> }): Promise<{ revoked: boolean }> {
  const { port } = deps;
  await Promise.all([deps.stopHost(), port.headerRule.clear(), port.alarms.clear(ALARM_TOKEN_REFRESH)]);
  // The session's own service knows the app token some revocations need; the rest go by what is stored.
  // A community's token service revokes at Circle on the extension's behalf: its host is the one to reach.
  const revokeAt = s?.settings.auth.mode === 'community' ? s.settings.auth.revokeUrl : s?.settings.circleUrl;
  if (s && revokeAt && (await port.canReach([revokeAt]))) await s.tokens.revoke();
  const { unrevoked } = await forgetTokens(undefined, deps);
  await Promise.all([port.database().then((db) => forgetCache(db)), port.firstScreen.clear()]);
  return { revoked: unrevoked === 0 };
}

/**
 * Removes every token set kept for a Circle other than `keep`, then revokes each at Circle
 * where the extension may still reach it. Removal comes first: a revoke that hangs or fails
 * leaves nothing behind. Returns how many could not be revoked for want of a host permission.
 */
export async function forgetTokens(keep: string | undefined, deps: ForgetDeps): Promise<{ unrevoked: number }> {
  const { tokens, canReach } = deps.port;
  const sets = [...(await tokens.stored())].filter(([origin]) => origin !== keep);
  await tokens.forget(sets.map(([origin]) => origin));
  const reachable = await Promise.all(sets.map(([origin]) => canReach([origin])));
  await Promise.all(sets.map(([origin, set], i) => (reachable[i] ? revokeTokenSet(origin, set, deps) : undefined)));
  const unrevoked = reachable.filter((ok) => !ok).length;
  if (unrevoked) deps.logger.warn?.('tokens removed here but not revoked at Circle: no host permission', { count: unrevoked });
  return { unrevoked };
}

/** Switched to another Circle: the old one's tokens go at once (revoked where still reachable). */
export function forgetOtherCircles(circleUrl: string, deps: ForgetDeps): Promise<void> {
  return forgetTokens(new URL(circleUrl).origin, deps).then(
    () => undefined,
    (error: unknown) => deps.logger.warn?.("could not forget the previous community's tokens", { error: describeError(error) }),
  );
}

/**
 * The session's token storage, remembering the pair it first found: when another sign-in on
 * the same Circle (a new e-mail, a new pasted pair) replaces it, that pair is revoked.
 */
export function revokingReplaced(storage: TokenStorage, circleUrl: string, deps: RevokeDeps): TokenStorage {
  let found: Promise<TokenSet | undefined> | undefined;
  return {
    load: () => (found ??= storage.load()),
    save: async (tokens) => {
      const old = await found;
      found = Promise.resolve(tokens);
      await storage.save(tokens);
      if (old && old.seed !== tokens.seed) void revokeTokenSet(circleUrl, old, deps);
    },
    clear: async () => {
      found = Promise.resolve(undefined);
      await storage.clear();
    },
  };
}

/** A kept pair revoked without the settings it grew from: they may be gone (a switch) or invalid. */
export async function revokeTokenSet(circleUrl: string, set: TokenSet, deps: RevokeDeps): Promise<void> {
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
