import { z } from 'zod';
import type { Auth } from '../settings/schema';
import { kitPost } from './community';
import { CircleError } from './errors';
import { requestJson, type FetchLike } from './http';
import { readAccessToken } from './jwt';

/** Refresh this long before the access token expires (Circle's live an hour)… */
export const REFRESH_MARGIN_MS = 5 * 60_000;
/** …or a fifth of its life when it lives less than 25 minutes (test and short-lived tokens). */
const REFRESH_MARGIN_SHARE = 0.2;
/** When Circle does not say how long a token lives. */
const DEFAULT_ACCESS_LIFETIME_MS = 60 * 60_000;

export interface TokenSet {
  accessToken: string;
  refreshToken?: string;
  /** Milliseconds since the epoch. */
  accessTokenExpiresAt: number;
  refreshTokenExpiresAt?: number;
  /** When we got the access token, to size the refresh margin by its lifetime. */
  obtainedAt?: number;
  memberId?: number;
  communityId?: number;
  /** Fingerprint of the `settings.auth` these tokens grew from: new settings, new tokens. */
  seed: string;
}

/** Where the service keeps what it refreshes, so a pasted pair outlives its first hour. */
/** A token set as kept, with the Circle (origin) it is for: a sign-out revokes it there even without a session. */
export interface KeptTokens {
  circleUrl: string;
  set: TokenSet;
}

export interface TokenStorage {
  load(): Promise<TokenSet | undefined>;
  save(tokens: TokenSet): Promise<void>;
  clear(): Promise<void>;
}

export interface TokenServiceOptions {
  circleUrl: string;
  auth: Auth;
  storage: TokenStorage;
  fetch: FetchLike;
  now?: () => number;
}

const issuedSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  access_token_expires_at: z.string().nullish(),
  refresh_token_expires_at: z.string().nullish(),
  community_member_id: z.coerce.number().int().positive().nullish(),
  community_id: z.coerce.number().int().positive().nullish(),
});
type Issued = z.infer<typeof issuedSchema>;

async function fingerprint(auth: Auth): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(auth));
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The Headless Auth calls the service makes. */
export type AuthCall = 'auth_token' | 'refresh' | 'revoke_access' | 'revoke_refresh';

/**
 * What an auth call sends as `Authorization`: the app token, nothing, or the token the call is
 * about (the refresh token to refresh with, the token being revoked).
 */
export type AuthForm = 'app_token' | 'none' | 'own_token';

/**
 * The forms to try, in order, one more after a 401. Circle's spec names the app token as
 * bearer for every auth call; the refresh's `access_token_not_required` example shows it works
 * without one, which a pasted pair or a token URL needs, as it has no app token. Whether
 * Circle takes the token itself as bearer is unknown: it is the last resort (docs/circle-api.md,
 * "Headless Auth").
 */
export function authCallForms(call: AuthCall, hasAppToken: boolean): readonly AuthForm[] {
  if (hasAppToken) return ['app_token'];
  return call === 'auth_token' ? [] : ['none', 'own_token'];
}

function parseTime(iso: string | null | undefined): number | undefined {
  const ms = iso ? Date.parse(iso) : Number.NaN;
  return Number.isNaN(ms) ? undefined : ms;
}

export class TokenService {
  private readonly now: () => number;
  private inflight: Promise<TokenSet> | undefined;
  private cached: TokenSet | undefined;

  constructor(private readonly options: TokenServiceOptions) {
    this.now = options.now ?? Date.now;
  }

  /** A token valid for at least the refresh margin, refreshing first when it is not. */
  async current(): Promise<TokenSet> {
    const tokens = await this.loaded();
    if (tokens && this.now() < this.dueAt(tokens)) return tokens;
    return this.refresh();
  }

  /** A new access token now (on `unauthorized`, or from the refresh alarm); one at a time. */
  refresh(): Promise<TokenSet> {
    this.inflight ??= this.obtain().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  /** When the refresh alarm should fire, or nothing before the first token. */
  async refreshDueAt(): Promise<number | undefined> {
    const tokens = await this.loaded();
    return tokens && this.dueAt(tokens);
  }

  private dueAt(tokens: TokenSet): number {
    const lifetime = tokens.obtainedAt === undefined ? Infinity : tokens.accessTokenExpiresAt - tokens.obtainedAt;
    return tokens.accessTokenExpiresAt - Math.min(REFRESH_MARGIN_MS, lifetime * REFRESH_MARGIN_SHARE);
  }

  /** Sign out: revoke both tokens at Circle (best effort) and forget them here. */
  async revoke(): Promise<void> {
    const tokens = await this.loaded();
    this.cached = undefined;
    await this.options.storage.clear();
    if (!tokens) return;
    const { auth } = this.options;
    if (auth.mode === 'community') {
      // One call: the community's service revokes both at Circle.
      await kitPost(this.options.fetch, auth.revokeUrl, { access_token: tokens.accessToken, refresh_token: tokens.refreshToken }).catch(() => undefined);
      return;
    }
    const calls = [this.authCall('revoke_access', '/api/v1/headless/access_token/revoke', 'POST', { access_token: tokens.accessToken }, tokens.accessToken)];
    if (tokens.refreshToken) {
      calls.push(this.authCall('revoke_refresh', '/api/v1/headless/refresh_token/revoke', 'POST', { refresh_token: tokens.refreshToken }, tokens.refreshToken));
    }
    await Promise.allSettled(calls);
  }

  private async loaded(): Promise<TokenSet | undefined> {
    if (this.cached) return this.cached;
    // The digest runs off the thread: the storage read need not wait for it.
    const [seed, stored] = await Promise.all([fingerprint(this.options.auth), this.options.storage.load()]);
    if (stored?.seed === seed) return (this.cached = stored);
    const { auth } = this.options;
    if (auth.mode !== 'tokens' && auth.mode !== 'community') return undefined;
    // A pasted (or policy-provided, or signed-in) pair is the first token set; it is refreshed like any other.
    const claims = readAccessToken(auth.accessToken);
    return this.keep({
      accessToken: auth.accessToken,
      refreshToken: auth.refreshToken,
      accessTokenExpiresAt: parseTime(auth.accessTokenExpiresAt) ?? claims.expiresAt ?? 0,
      refreshTokenExpiresAt: parseTime(auth.refreshTokenExpiresAt),
      // A signed-in pair is first seen right after the sign-in: its lifetime sizes the margin.
      // A pasted one may be of any age, so it is refreshed as soon as it is within the margin.
      obtainedAt: auth.mode === 'community' ? this.now() : undefined,
      memberId: claims.communityMemberId,
      communityId: claims.communityId,
      seed,
    });
  }

  private async obtain(): Promise<TokenSet> {
    const current = await this.loaded();
    if (current?.refreshToken && !this.refreshTokenExpired(current)) {
      try {
        return await this.refreshWith(current, current.refreshToken);
      } catch (error) {
        const dead = error instanceof CircleError && (error.reason === 'unauthorized' || error.reason === 'not_found');
        if (!dead) throw error;
        if (this.pairOnly()) throw this.signedOut(error.message);
      }
    } else if (this.pairOnly()) {
      throw this.signedOut('the refresh token has expired');
    }
    return this.issue();
  }

  /** A pair is all there is: once it is dead only the member can sign in again. */
  private pairOnly(): boolean {
    return this.options.auth.mode === 'tokens' || this.options.auth.mode === 'community';
  }

  private refreshTokenExpired(tokens: TokenSet): boolean {
    return tokens.refreshTokenExpiresAt !== undefined && tokens.refreshTokenExpiresAt <= this.now();
  }

  private async refreshWith(current: TokenSet, refreshToken: string): Promise<TokenSet> {
    const { auth } = this.options;
    // The community's service refreshes at Circle with its app token; its "invalid_grant" arrives as signed_out.
    const body =
      auth.mode === 'community'
        ? await kitPost(this.options.fetch, auth.refreshUrl, { refresh_token: refreshToken })
        : await this.authCall('refresh', '/api/v1/headless/access_token/refresh', 'PATCH', { refresh_token: refreshToken }, refreshToken);
    const issued = this.parse(body, 'refresh');
    return this.keep(this.toTokenSet(issued, current));
  }

  /** A brand-new pair from the app token or the community's token URL. */
  private async issue(): Promise<TokenSet> {
    const { auth } = this.options;
    let body: unknown;
    try {
      if (auth.mode === 'appToken') {
        body = await this.authCall('auth_token', '/api/v1/headless/auth_token', 'POST', { email: auth.email }, auth.appToken);
      } else if (auth.mode === 'tokenUrl') {
        // The community's own backend knows the member by its own session cookie.
        body = await requestJson(this.options.fetch, auth.tokenUrl, { credentials: 'include' });
      } else {
        throw this.signedOut('no refresh token');
      }
    } catch (error) {
      if (error instanceof CircleError && error.reason === 'unauthorized') throw this.signedOut(error.message);
      throw error;
    }
    return this.keep(this.toTokenSet(this.parse(body, 'sign-in'), undefined));
  }

  private toTokenSet(issued: Issued, previous: TokenSet | undefined): Omit<TokenSet, 'seed'> {
    const claims = readAccessToken(issued.access_token);
    return {
      accessToken: issued.access_token,
      // Circle's refresh answers carry no new refresh token: keep the one we have.
      refreshToken: issued.refresh_token ?? previous?.refreshToken,
      accessTokenExpiresAt:
        parseTime(issued.access_token_expires_at) ?? claims.expiresAt ?? this.now() + DEFAULT_ACCESS_LIFETIME_MS,
      refreshTokenExpiresAt: parseTime(issued.refresh_token_expires_at) ?? previous?.refreshTokenExpiresAt,
      obtainedAt: this.now(),
      memberId: issued.community_member_id ?? claims.communityMemberId ?? previous?.memberId,
      communityId: issued.community_id ?? claims.communityId ?? previous?.communityId,
    };
  }

  private parse(body: unknown, what: string): Issued {
    const result = issuedSchema.safeParse(body);
    if (!result.success) throw new CircleError('bad_response', `${what}: the answer has no usable access token`);
    return result.data;
  }

  private async keep(tokens: Omit<TokenSet, 'seed'> & { seed?: string }): Promise<TokenSet> {
    const full: TokenSet = { ...tokens, seed: tokens.seed ?? (await fingerprint(this.options.auth)) };
    this.cached = full;
    await this.options.storage.save(full);
    return full;
  }

  private signedOut(detail: string): CircleError {
    return new CircleError('signed_out', `Signed out: ${detail}`);
  }

  private appToken(): string | undefined {
    return this.options.auth.mode === 'appToken' ? this.options.auth.appToken : undefined;
  }

  private url(path: string): string {
    return new URL(path, this.options.circleUrl).toString();
  }

  /** One auth call, in each of its forms until one is not answered 401. */
  private async authCall(call: AuthCall, path: string, method: 'POST' | 'PATCH', body: unknown, own: string): Promise<unknown> {
    const appToken = this.appToken();
    const forms = authCallForms(call, appToken !== undefined);
    for (const [index, form] of forms.entries()) {
      const bearer = form === 'app_token' ? appToken : form === 'own_token' ? own : undefined;
      try {
        return await requestJson(this.options.fetch, this.url(path), { method, body, bearer });
      } catch (error) {
        const last = index === forms.length - 1;
        if (last || !(error instanceof CircleError) || error.reason !== 'unauthorized') throw error;
      }
    }
    throw new CircleError('signed_out', `Signed out: no way to make the ${call} call`);
  }
}
