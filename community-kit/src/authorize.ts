import type { Context, Hono } from 'hono';
import { z } from 'zod';
import type { CircleAuth, MemberLookup } from './circle.ts';
import type { OneTimeCodes, PendingLogin, PendingLogins } from './codes.ts';
import { randomToken, s256 } from './codes.ts';
import type { KitConfig } from './config.ts';
import { errorPage } from './errors.ts';
import type { ErrorCode, Logger } from './log.ts';
import type { IdentityProvider } from './oidc.ts';
import { redirectAllowed } from './redirect.ts';

/**
 * The browser half: `/authorize` sends the member to the community's identity provider,
 * `/callback` comes back from it, finds the member at Circle and hands the extension a
 * one-time code. Once the redirect URL is known good, every failure goes back to it as an
 * `error` code, so the extension can say what happened in the member's language.
 */

export const PKCE_VALUE = /^[A-Za-z0-9._~-]{43,128}$/;

const authorizeQuery = z.object({
  redirect_uri: z.string().min(1),
  state: z.string().min(1).max(512),
  code_challenge: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  code_challenge_method: z.literal('S256'),
});

export interface BrowserDeps {
  config: KitConfig;
  logger: Logger;
  logins: PendingLogins;
  codes: OneTimeCodes;
  circle: CircleAuth;
  idp: IdentityProvider;
}

function back(c: Context, login: Pick<PendingLogin, 'redirectUri' | 'state'>, params: Record<string, string>): Response {
  const target = new URL(login.redirectUri);
  for (const [key, value] of Object.entries({ ...params, state: login.state })) target.searchParams.set(key, value);
  c.header('Cache-Control', 'no-store');
  c.header('Referrer-Policy', 'no-referrer');
  return c.redirect(target.href, 302);
}

function lookupFrom(config: KitConfig, claims: Record<string, unknown>): MemberLookup | ErrorCode {
  if (config.lookup.by === 'sso_user_id') {
    const id = claims[config.lookup.claim];
    return typeof id === 'string' || typeof id === 'number' ? { sso_user_id: String(id) } : 'login_failed';
  }
  if (typeof claims.email !== 'string' || claims.email === '') return 'login_failed';
  // An address the provider has not verified could be anyone's, and Circle would hand over
  // that member's tokens.
  if (claims.email_verified !== true) return 'email_not_verified';
  return { email: claims.email };
}

export function browserRoutes(app: Hono, deps: BrowserDeps): void {
  const { config, logger, logins, codes, circle, idp } = deps;
  const callbackUrl = `${config.publicUrl}/callback`;

  app.get('/authorize', async (c) => {
    const query = authorizeQuery.safeParse(c.req.query());
    const candidate = c.req.query('redirect_uri') ?? '';
    if (!redirectAllowed(candidate, config.allowedRedirectUris)) {
      logger.log('rejected', { route: '/authorize', reason: 'redirect_uri_not_allowed' });
      return errorPage(c, 'redirect_uri_not_allowed');
    }
    const redirectUri = new URL(candidate).href;
    if (!query.success) {
      logger.log('rejected', { route: '/authorize', reason: 'invalid_request' });
      const state = c.req.query('state');
      return state ? back(c, { redirectUri, state }, { error: 'invalid_request' }) : errorPage(c, 'invalid_request');
    }
    const idpVerifier = randomToken();
    const nonce = randomToken();
    const key = logins.start({ redirectUri, state: query.data.state, codeChallenge: query.data.code_challenge, idpVerifier, nonce });
    try {
      const url = await idp.authorizationUrl({ redirectUri: callbackUrl, state: key, nonce, codeChallenge: await s256(idpVerifier) });
      logger.log('authorize.redirected', { route: '/authorize', status: 302 });
      c.header('Cache-Control', 'no-store');
      return c.redirect(url.href, 302);
    } catch (error) {
      logger.log('idp.failed', { route: '/authorize', reason: 'login_failed', errorName: errorName(error) });
      return back(c, { redirectUri, state: query.data.state }, { error: 'login_failed' });
    }
  });

  app.get('/callback', async (c) => {
    const login = logins.finish(c.req.query('state') ?? '');
    if (!login) {
      logger.log('rejected', { route: '/callback', reason: 'invalid_request' });
      return errorPage(c, 'invalid_request');
    }
    const fail = (reason: ErrorCode, fields: { circleStatus?: number; errorName?: string } = {}) => {
      logger.log(reason === 'login_failed' ? 'idp.failed' : 'rejected', { route: '/callback', reason, ...fields });
      return back(c, login, { error: reason });
    };
    if (c.req.query('error') !== undefined) return fail('login_failed');

    let claims: Record<string, unknown>;
    try {
      const wanted = config.lookup.by === 'email' ? 'email' : config.lookup.claim;
      // Rebuilt on the public URL: behind a proxy the request's own URL is an internal one, and
      // the provider checks the redirect URL against the one it was sent.
      const returned = new URL(`${callbackUrl}${new URL(c.req.url).search}`);
      claims = await idp.complete(returned, { state: c.req.query('state') ?? '', nonce: login.nonce, verifier: login.idpVerifier }, wanted);
    } catch (error) {
      return fail('login_failed', { errorName: errorName(error) });
    }
    const lookup = lookupFrom(config, claims);
    if (typeof lookup === 'string') return fail(lookup);
    const result = await circle.memberToken(lookup);
    if (!result.ok) return fail(result.error, { circleStatus: result.circleStatus });
    const code = codes.issue(result.value, login.codeChallenge, login.redirectUri);
    logger.log('callback.code_issued', { route: '/callback', status: 302 });
    return back(c, login, { code });
  });
}

export function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
