import type { Logger } from '../cable';
import type { FetchLike } from '../circle/http';
import { TokenService, type TokenSet, type TokenStorage } from '../circle/tokens';
import { STORES, type Database } from '../store/db';
import { ALARM_TOKEN_REFRESH } from './auth';
import { describeError } from './errors';
import type { BrowserPort, KeptTokens } from './port';
import type { Session } from './session';

interface RevokeDeps {
  fetch: FetchLike;
  logger: Logger;
}

export interface ForgetDeps extends RevokeDeps {
  port: BrowserPort;
}

/**
 * Everything a sign-in to this community left, whatever state it is in (live, signed out by
 * Circle and the worker restarted since, invalid settings, no host permission): its socket,
 * header rule and refresh alarm stop; its tokens are revoked at Circle where it can be reached
 * and removed here; its cache and its popup snapshot go. Other communities keep all of theirs.
 * `revoked` is false when a token could only be removed here, for want of a permission. `s` is
 * the session just ended, if there was one; `community` the cache it used, if known.
 */
export async function forgetSignIns(
  s: Session | undefined,
  community: string | undefined,
  deps: ForgetDeps & { stopHost(): Promise<unknown> },
): Promise<{ revoked: boolean }> {
  const { port } = deps;
  await Promise.all([deps.stopHost(), port.headerRule.clear(), port.alarms.clear(ALARM_TOKEN_REFRESH)]);
  // The session's own service knows the app token some revocations need; what is kept goes by itself.
  // A community's token service revokes at Circle on the extension's behalf: its host is the one to reach.
  const revokeAt = s?.settings.auth.mode === 'community' ? s.settings.auth.revokeUrl : s?.settings.circleUrl;
  if (s && revokeAt && (await port.canReach([revokeAt]))) await s.tokens.revoke();
  const { unrevoked } = await forgetKeptTokens(deps);
  if (community) await Promise.all([port.database().then((db) => forgetCommunityCache(db, community)), port.firstScreen.clear(community)]);
  return { revoked: unrevoked === 0 };
}

/**
 * Removes the community's kept token set, then revokes it at Circle where the extension may
 * still reach it. Removal comes first: a revoke that hangs or fails leaves nothing behind.
 * Returns how many could not be revoked for want of a host permission.
 */
export async function forgetKeptTokens(deps: ForgetDeps): Promise<{ unrevoked: number }> {
  const { tokens } = deps.port;
  const kept = await tokens.kept();
  if (!kept) return { unrevoked: 0 };
  await tokens.forget();
  return revokeKept([kept], deps);
}

/** Revokes token sets no longer kept anywhere, each at its Circle where the extension may reach it. */
export async function revokeKept(sets: readonly KeptTokens[], deps: RevokeDeps & { port: Pick<BrowserPort, 'canReach'> }): Promise<{ unrevoked: number }> {
  const reachable = await Promise.all(sets.map(({ circleUrl }) => deps.port.canReach([circleUrl])));
  await Promise.all(sets.map(({ circleUrl, set }, i) => (reachable[i] ? revokeTokenSet(circleUrl, set, deps) : undefined)));
  const unrevoked = reachable.filter((ok) => !ok).length;
  if (unrevoked) deps.logger.warn?.('tokens removed here but not revoked at Circle: no host permission', { count: unrevoked });
  return { unrevoked };
}

/**
 * The session's token storage, remembering the pair the community kept: when another sign-in
 * (a new e-mail, a new pasted pair, another Circle for the same community) replaces it, that
 * pair is revoked at the Circle it was for. A pair kept for another Circle is never handed to
 * this one's token service.
 */
export function revokingReplaced(tokens: BrowserPort['tokens'], circleUrl: string, deps: RevokeDeps, read?: Promise<KeptTokens | undefined>): TokenStorage {
  const saved = tokens.storage(circleUrl);
  const circle = new URL(circleUrl).origin;
  /** `read`: the kept set, read already (while the boot waited for other things). */
  let found: Promise<KeptTokens | undefined> | undefined = read;
  const kept = () => (found ??= tokens.kept());
  return {
    load: async () => {
      const k = await kept();
      return k?.circleUrl === circle ? k.set : undefined;
    },
    save: async (set) => {
      const old = await kept();
      found = Promise.resolve({ circleUrl: circle, set });
      await saved.save(set);
      if (old && (old.set.seed !== set.seed || old.circleUrl !== circle)) void revokeTokenSet(old.circleUrl, old.set, deps);
    },
    clear: async () => {
      found = Promise.resolve(undefined);
      await saved.clear();
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

/** Deletes every community's records but those of `keep`: one transaction, so a reader sees all or none. */
export async function forgetCache(db: Database, keep: readonly string[] = []): Promise<void> {
  const kept = [...new Set(keep)].sort();
  const tx = db.transaction(STORES, 'readwrite');
  await Promise.all(
    STORES.map((name) => {
      const store = tx.objectStore(name);
      if (!kept.length) return store.clear();
      // Keys are [community, …]: a community's records sort from `[c]` up to `[c, []]`; the gaps between are the others'.
      const gaps = [IDBKeyRange.upperBound([kept[0]!], true), IDBKeyRange.lowerBound([kept.at(-1)!, []], true)];
      for (let i = 1; i < kept.length; i++) gaps.push(IDBKeyRange.bound([kept[i - 1]!, []], [kept[i]!], true, true));
      return Promise.all(gaps.map((gap) => store.delete(gap)));
    }),
  );
  await tx.done;
}

/** Deletes one community's records: one transaction, so a reader sees all or none. */
export async function forgetCommunityCache(db: Database, community: string): Promise<void> {
  const tx = db.transaction(STORES, 'readwrite');
  await Promise.all(STORES.map((name) => tx.objectStore(name).delete(IDBKeyRange.bound([community], [community, []]))));
  await tx.done;
}

/** The communities with anything cached on one Circle (`{circle origin}/{member id}`). */
export async function communitiesUnder(db: Database, circleOrigin: string): Promise<string[]> {
  const range = IDBKeyRange.bound([`${circleOrigin}/`], [`${circleOrigin}/\uffff`]);
  const found = new Set<string>();
  for (const name of STORES) for (const key of await db.getAllKeys(name, range)) found.add((key as unknown as [string])[0]);
  return [...found];
}
