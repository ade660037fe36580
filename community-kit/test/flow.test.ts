import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../simulator';
import { tokenPairSchema } from '../src/circle.ts';
import { discoverySchema } from '../src/discovery.ts';
import { CHROME_ID, CHROME_REDIRECT, FIREFOX_REDIRECT, memberStatus, post, signIn, startStack, type SignIn, type Stack } from './harness.ts';
import { expectNoSecretsLogged, secrets } from './secrets.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  expectNoSecretsLogged(stack.logs);
  await stack.stop();
});

async function redeem(signedIn: SignIn, overrides: Record<string, string> = {}) {
  const code = signedIn.returned?.searchParams.get('code');
  if (!code) throw new Error(`no code came back: ${signedIn.returned?.search ?? signedIn.page?.status}`);
  for (const value of [code, signedIn.verifier]) secrets.add(value);
  const response = await post(stack, '/token', { code, code_verifier: signedIn.verifier, redirect_uri: signedIn.redirectUri, ...overrides });
  const body = (await response.json()) as Record<string, unknown>;
  if (response.ok) for (const value of [body.access_token, body.refresh_token]) secrets.add(String(value));
  return { status: response.status, body };
}

describe('the discovery document', () => {
  it('describes the community, Circle and the kit, in the schema the extension reads', async () => {
    const response = await fetch(`${stack.kitUrl}/.well-known/circle-live.json`);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const doc = discoverySchema.parse(await response.json());
    expect(doc).toEqual({
      version: 1,
      name: DEMO.communityName,
      iconUrl: 'https://community.example/icon.png',
      circleUrl: stack.sim.url,
      cableUrl: stack.sim.cableUrl,
      origin: DEMO.origin,
      authorizeUrl: `${stack.kitUrl}/authorize`,
      tokenUrl: `${stack.kitUrl}/token`,
      refreshUrl: `${stack.kitUrl}/refresh`,
      revokeUrl: `${stack.kitUrl}/revoke`,
    });
  });
});

describe('signing in', () => {
  it('ends at the extension with a code and its state; the code buys tokens that work at Circle', async () => {
    const signedIn = await signIn(stack, 'sso-2400');
    expect(signedIn.returned?.origin).toBe(new URL(CHROME_REDIRECT).origin);
    expect(signedIn.returned?.searchParams.get('state')).toBe(signedIn.state);
    const { status, body } = await redeem(signedIn);
    expect(status).toBe(200);
    const pair = tokenPairSchema.strict().parse(body);
    expect(pair).toMatchObject({ community_member_id: DEMO.memberId, community_id: DEMO.communityId });
    expect(await memberStatus(stack, pair.access_token)).toBe(200);
  });
});

describe('the one-time code', () => {
  it('works once; a second use fails and revokes the tokens it bought', async () => {
    const signedIn = await signIn(stack, 'sso-2400');
    const first = await redeem(signedIn);
    expect(first.status).toBe(200);
    const pair = tokenPairSchema.parse(first.body);
    expect(await memberStatus(stack, pair.access_token)).toBe(200);

    const second = await redeem(signedIn);
    expect(second).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect(await memberStatus(stack, pair.access_token)).toBe(401);
    const refresh = await post(stack, '/refresh', { refresh_token: pair.refresh_token });
    expect(await refresh.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('fails once its 60 seconds are over', async () => {
    const signedIn = await signIn(stack, 'sso-2400');
    stack.advance(61_000);
    expect(await redeem(signedIn)).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('fails with the wrong PKCE verifier, and is spent by the attempt', async () => {
    const signedIn = await signIn(stack, 'sso-2400');
    const wrong = `${signedIn.verifier.slice(0, -4)}AAAA`;
    expect(await redeem(signedIn, { code_verifier: wrong })).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect(await redeem(signedIn)).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('fails for another redirect URL than the one it was issued to', async () => {
    const signedIn = await signIn(stack, 'sso-2400');
    expect(await redeem(signedIn, { redirect_uri: FIREFOX_REDIRECT })).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('is refused with a malformed request, without reaching the code', async () => {
    const response = await post(stack, '/token', { code: 'x', code_verifier: 'short', redirect_uri: CHROME_REDIRECT });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_request' });
  });
});

describe('who may sign in', () => {
  it.each([
    ['another site', 'https://attacker.example/'],
    ['a look-alike host', `https://${CHROME_ID}.chromiumapp.org.attacker.example/`],
    ['another extension', 'https://ponmlkjihgfedcbaponmlkjihgfedcba.chromiumapp.org/'],
    ['a query smuggled in', `${CHROME_REDIRECT}?next=https://attacker.example/`],
  ])('a redirect URL of %s gets a page, never a redirect', async (_what, redirectUri) => {
    const signedIn = await signIn(stack, 'sso-2400', { redirectUri });
    expect(signedIn.returned).toBeUndefined();
    expect(signedIn.page?.status).toBe(400);
    expect(signedIn.page?.text).toContain('redirect_uri_not_allowed');
  });

  it('a plain PKCE challenge goes back to the extension as invalid_request', async () => {
    const url = new URL(`${stack.kitUrl}/authorize`);
    url.search = new URLSearchParams({ redirect_uri: CHROME_REDIRECT, state: 's1', code_challenge: 'a'.repeat(43), code_challenge_method: 'plain' }).toString();
    const location = new URL((await fetch(url, { redirect: 'manual' })).headers.get('location') ?? '');
    expect(location.origin + location.pathname).toBe(CHROME_REDIRECT);
    expect(Object.fromEntries(location.searchParams)).toEqual({ error: 'invalid_request', state: 's1' });
  });

  it('the Firefox redirect URL is allowed too', async () => {
    const signedIn = await signIn(stack, 'sso-2400', { redirectUri: FIREFOX_REDIRECT });
    expect(signedIn.returned?.searchParams.get('code')).toBeTruthy();
  });

  it('someone the provider knows but Circle does not comes back with unknown_member', async () => {
    const signedIn = await signIn(stack, 'stranger');
    expect(signedIn.returned?.searchParams.get('error')).toBe('unknown_member');
    expect(signedIn.returned?.searchParams.get('state')).toBe(signedIn.state);
    expect(signedIn.returned?.searchParams.has('code')).toBe(false);
  });

  it('an e-mail address the provider has not verified is not matched to a member', async () => {
    const signedIn = await signIn(stack, 'unverified');
    expect(signedIn.returned?.searchParams.get('error')).toBe('email_not_verified');
  });

  it('a replayed provider callback finds no login to finish', async () => {
    const response = await fetch(`${stack.kitUrl}/callback?code=abc&state=never-issued`, { redirect: 'manual' });
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
  });
});

describe('after sign-in', () => {
  async function freshPair() {
    const { body } = await redeem(await signIn(stack, 'sso-2400'));
    return tokenPairSchema.parse(body);
  }

  it('refresh answers a new access token that works at Circle', async () => {
    const pair = await freshPair();
    const response = await post(stack, '/refresh', { refresh_token: pair.refresh_token });
    expect(response.status).toBe(200);
    const grant = (await response.json()) as { access_token: string; access_token_expires_at: string };
    secrets.add(grant.access_token);
    expect(grant.access_token).not.toBe(pair.access_token);
    expect(await memberStatus(stack, grant.access_token)).toBe(200);
  });

  it('refresh with a token Circle does not know ends the session with invalid_grant', async () => {
    const response = await post(stack, '/refresh', { refresh_token: 'not-a-refresh-token' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('revoke signs out at Circle: the access token fails, the refresh token is gone', async () => {
    const pair = await freshPair();
    const response = await post(stack, '/revoke', { access_token: pair.access_token, refresh_token: pair.refresh_token });
    expect(response.status).toBe(204);
    expect(await memberStatus(stack, pair.access_token)).toBe(401);
    expect(await (await post(stack, '/refresh', { refresh_token: pair.refresh_token })).json()).toMatchObject({ error: 'invalid_grant' });
    expect((await post(stack, '/revoke', { refresh_token: pair.refresh_token })).status).toBe(204);
  });
});

describe('CORS', () => {
  const preflight = (origin: string) =>
    fetch(`${stack.kitUrl}/token`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });

  it.each([`chrome-extension://${CHROME_ID}`, 'moz-extension://3f6c1c52-8d35-4b6e-9a3e-7c1d2b9a0f11'])('lets the extension at %s POST', async (origin) => {
    expect((await preflight(origin)).headers.get('access-control-allow-origin')).toBe(origin);
  });

  it.each(['https://attacker.example', 'chrome-extension://ponmlkjihgfedcbaponmlkjihgfedcba'])('does not let %s read an answer', async (origin) => {
    expect((await preflight(origin)).headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('the log', () => {
  it('counts every rejection by reason', async () => {
    const health = (await (await fetch(`${stack.kitUrl}/healthz`)).json()) as { rejections: Record<string, number> };
    expect(health.rejections).toMatchObject({ invalid_grant: expect.any(Number), redirect_uri_not_allowed: 4, unknown_member: 1 });
    expect(stack.logs.some((line) => JSON.parse(line).event === 'token.reuse_revoked')).toBe(true);
  });
});
