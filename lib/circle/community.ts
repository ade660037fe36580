import { z } from 'zod';
import { discoverySchema, discoveryUrl, type Discovery } from '../settings/discovery';
import { CircleError, type CircleErrorReason } from './errors';
import type { FetchLike } from './http';

/**
 * The extension's half of a community's token service (community-kit/): finding it from the
 * address a member types, the sign-in's PKCE and one-time code, and the service's refresh and
 * revoke calls. No browser API here: lib/platform/community-sign-in.ts opens the window.
 */

export type DiscoveryResult =
  | { ok: true; discovery: Discovery; url: string }
  | { ok: false; problem: 'address' | 'unreachable' | 'missing' | 'malformed' };

/** Reads and checks the document; a failure says which of the member's words fits it. */
export async function readDiscovery(fetchImpl: FetchLike, address: string): Promise<DiscoveryResult> {
  const url = discoveryUrl(address);
  if (!url) return { ok: false, problem: 'address' };
  let response: Response;
  try {
    // A community may send the path on to its kit's host; what counts is the document, checked below.
    response = await fetchImpl(url, { headers: { Accept: 'application/json' }, credentials: 'omit' });
  } catch {
    return { ok: false, problem: 'unreachable' };
  }
  if (!response.ok) return { ok: false, problem: response.status === 404 || response.status === 410 ? 'missing' : 'unreachable' };
  const body: unknown = await response.json().catch(() => undefined);
  const parsed = discoverySchema.safeParse(body);
  return parsed.success ? { ok: true, discovery: parsed.data, url } : { ok: false, problem: 'malformed' };
}

/** Every URL the extension will call for this community, for the host permission and the check. */
export function discoveryHosts(discovery: Discovery): string[] {
  return [discovery.circleUrl, discovery.cableUrl, discovery.authorizeUrl, discovery.tokenUrl, discovery.refreshUrl, discovery.revokeUrl];
}

const base64url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

export interface SignInStart {
  url: string;
  state: string;
  verifier: string;
}

/** A fresh PKCE verifier (S256) and state for one sign-in; only the challenge leaves the extension. */
export async function signInStart(discovery: Discovery, redirectUri: string): Promise<SignInStart> {
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const state = base64url(crypto.getRandomValues(new Uint8Array(16)));
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  const url = new URL(discovery.authorizeUrl);
  url.searchParams.set('redirect_uri', redirectUri);
  url.searchParams.set('state', state);
  url.searchParams.set('code_challenge', challenge);
  url.searchParams.set('code_challenge_method', 'S256');
  return { url: url.href, state, verifier };
}

/** The service's error codes (community-kit/src/log.ts); the options page words each one. */
export const SIGN_IN_ERRORS = [
  'invalid_request',
  'redirect_uri_not_allowed',
  'invalid_grant',
  'not_eligible',
  'unknown_member',
  'login_failed',
  'email_not_verified',
  'rate_limited',
  'circle_unavailable',
  'service_misconfigured',
] as const;
export type SignInError = (typeof SIGN_IN_ERRORS)[number] | 'cancelled' | 'state_mismatch' | 'unreachable';

export type Callback = { ok: true; code: string } | { ok: false; error: SignInError };

/** What the service sent the window back with; a foreign state means another sign-in's answer. */
export function readCallback(returned: string, start: Pick<SignInStart, 'state'>): Callback {
  if (!URL.canParse(returned)) return { ok: false, error: 'invalid_request' };
  const params = new URL(returned).searchParams;
  if (params.get('state') !== start.state) return { ok: false, error: 'state_mismatch' };
  const error = params.get('error');
  if (error !== null) return { ok: false, error: (SIGN_IN_ERRORS as readonly string[]).includes(error) ? (error as SignInError) : 'login_failed' };
  const code = params.get('code');
  return code ? { ok: true, code } : { ok: false, error: 'invalid_request' };
}

const pairSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  access_token_expires_at: z.string().nullish(),
  refresh_token_expires_at: z.string().nullish(),
});

const kitErrorSchema = z.object({ error: z.string() });

/** How the token service's refusals read to the token service here: a dead sign-in is signed out. */
const REASONS: Partial<Record<string, CircleErrorReason>> = {
  invalid_grant: 'signed_out',
  not_eligible: 'not_eligible',
  unknown_member: 'signed_out',
  rate_limited: 'rate_limited',
};

/**
 * One POST to the token service. Errors carry the service's code and the path, never the body,
 * which holds the token.
 */
export async function kitPost(fetchImpl: FetchLike, url: string, body: unknown): Promise<unknown> {
  const where = `POST ${new URL(url).pathname}`;
  let response: Response;
  try {
    response = await fetchImpl(url, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      credentials: 'omit',
    });
  } catch (error) {
    throw new CircleError('network', `${where}: no answer (${error instanceof Error ? error.name : 'error'})`);
  }
  const text = await response.text().catch(() => '');
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    throw new CircleError('bad_response', `${where}: the answer is not JSON`, response.status);
  }
  if (response.ok) return json;
  const said = kitErrorSchema.safeParse(json).data?.error ?? '';
  const code = (SIGN_IN_ERRORS as readonly string[]).includes(said) ? (said as SignInError) : undefined;
  const reason = (code && REASONS[code]) ?? (response.status >= 500 ? 'server' : 'rejected');
  throw new KitError(reason, `${where}: ${response.status}${code ? ` ${code}` : ''}`, response.status, code);
}

/** A refusal by the token service, with its code when it is one the extension knows. */
export class KitError extends CircleError {
  constructor(
    reason: CircleErrorReason,
    message: string,
    status: number,
    readonly code: SignInError | undefined,
  ) {
    super(reason, message, status);
  }
}

export type Exchange = { ok: true; auth: CommunityAuth } | { ok: false; error: SignInError };

/** The settings' `auth` a finished sign-in leaves (lib/settings/schema.ts, `community`). */
export interface CommunityAuth {
  mode: 'community';
  address: string;
  refreshUrl: string;
  revokeUrl: string;
  accessToken: string;
  refreshToken: string;
  accessTokenExpiresAt?: string;
  refreshTokenExpiresAt?: string;
}

/** The one-time code for the member's pair, by POST: a token never rides in a URL. */
export async function exchangeCode(
  fetchImpl: FetchLike,
  discovery: Discovery,
  request: { address: string; code: string; verifier: string; redirectUri: string },
): Promise<Exchange> {
  let body: unknown;
  try {
    body = await kitPost(fetchImpl, discovery.tokenUrl, { code: request.code, code_verifier: request.verifier, redirect_uri: request.redirectUri });
  } catch (error) {
    if (error instanceof KitError && error.code) return { ok: false, error: error.code };
    if (!(error instanceof CircleError)) throw error;
    return { ok: false, error: error.reason === 'network' ? 'unreachable' : 'circle_unavailable' };
  }
  const pair = pairSchema.safeParse(body);
  if (!pair.success) return { ok: false, error: 'circle_unavailable' };
  const auth: CommunityAuth = {
    mode: 'community',
    address: request.address.trim(),
    refreshUrl: discovery.refreshUrl,
    revokeUrl: discovery.revokeUrl,
    accessToken: pair.data.access_token,
    refreshToken: pair.data.refresh_token,
  };
  // Left out rather than undefined: storage keeps only what is there.
  const access = isoTime(pair.data.access_token_expires_at);
  const refresh = isoTime(pair.data.refresh_token_expires_at);
  if (access) auth.accessTokenExpiresAt = access;
  if (refresh) auth.refreshTokenExpiresAt = refresh;
  return { ok: true, auth };
}

function isoTime(value: string | null | undefined): string | undefined {
  return value && !Number.isNaN(Date.parse(value)) ? new Date(value).toISOString() : undefined;
}
