import { afterEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../simulator';
import { tokenPairSchema } from '../src/circle.ts';
import { memberStatus, post, signIn, startStack, type Stack } from './harness.ts';
import { expectNoSecretsLogged, secrets } from './secrets.ts';

/** Kits set up differently from the default: each test brings its own Circle, provider and kit. */
let stack: Stack | undefined;
afterEach(async () => {
  if (!stack) return;
  expectNoSecretsLogged(stack.logs);
  await stack.stop();
  stack = undefined;
});

describe('a community Circle does not serve the Headless API to', () => {
  it('sends the member back with not_eligible, and refresh answers not_eligible', async () => {
    stack = await startStack({ sim: { communityEligible: false } });
    const signedIn = await signIn(stack, 'sso-2400');
    expect(signedIn.returned?.searchParams.get('error')).toBe('not_eligible');
    expect(signedIn.returned?.searchParams.get('state')).toBe(signedIn.state);

    const { refresh_token: refreshToken } = stack.sim.issueTokens(DEMO.memberId);
    secrets.add(refreshToken);
    const response = await post(stack, '/refresh', { refresh_token: refreshToken });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: 'not_eligible', error_description: expect.stringContaining('Headless API') });
  });
});

describe('a kit with an app token Circle refuses', () => {
  it('sends the member back with service_misconfigured, not unknown_member', async () => {
    stack = await startStack({ env: { CIRCLE_APP_TOKEN: 'revoked-app-token' } });
    expect((await signIn(stack, 'sso-2400')).returned?.searchParams.get('error')).toBe('service_misconfigured');
    secrets.add('revoked-app-token');
  });
});

describe('a community that matches members by SSO id', () => {
  it('looks the member up by the provider subject', async () => {
    stack = await startStack({ env: { MEMBER_LOOKUP: 'sso_user_id', SSO_CLAIM: 'sub' } });
    const code = (await signIn(stack, 'sso-2400')).returned?.searchParams.get('code');
    expect(code).toBeTruthy();
    // The account `unverified` has the demo member's address but no SSO id at Circle.
    expect((await signIn(stack, 'unverified')).returned?.searchParams.get('error')).toBe('unknown_member');
  });
});

describe('rate limits', () => {
  it('hold each client to its bucket per route, and say when to come back', async () => {
    stack = await startStack({ env: { RATE_LIMIT_BURST: '3', RATE_LIMIT_PER_MINUTE: '1', TRUST_PROXY: '1' } });
    const refreshFrom = (ip: string) => post(stack!, '/refresh', { refresh_token: 'unknown' }, { 'x-forwarded-for': `198.51.100.9, ${ip}` });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await refreshFrom('203.0.113.1')).status);
    expect(statuses).toEqual([400, 400, 400, 429]);
    const limited = await refreshFrom('203.0.113.1');
    expect(limited.headers.get('retry-after')).toBe('60');
    expect(await limited.json()).toMatchObject({ error: 'rate_limited' });
    const fromExtension = await post(stack, '/refresh', {}, { 'x-forwarded-for': '203.0.113.1', origin: 'moz-extension://3f6c1c52-8d35-4b6e-9a3e-7c1d2b9a0f11' });
    expect(fromExtension.status).toBe(429);
    expect(fromExtension.headers.get('access-control-allow-origin')).toBe('moz-extension://3f6c1c52-8d35-4b6e-9a3e-7c1d2b9a0f11');

    expect((await refreshFrom('203.0.113.2')).status).toBe(400);
    // /token is its own bucket for the same client.
    expect((await post(stack, '/token', {}, { 'x-forwarded-for': '203.0.113.1' })).status).toBe(400);

    stack.advance(60_000);
    expect((await refreshFrom('203.0.113.1')).status).toBe(400);
  });

  it('hold /authorize too', async () => {
    stack = await startStack({ env: { RATE_LIMIT_BURST: '2', RATE_LIMIT_PER_MINUTE: '1' } });
    const first = await signIn(stack, 'sso-2400');
    const pair = await post(stack, '/token', { code: first.returned?.searchParams.get('code'), code_verifier: first.verifier, redirect_uri: first.redirectUri });
    const body = tokenPairSchema.parse(await pair.json());
    for (const value of [body.access_token, body.refresh_token]) secrets.add(value);
    expect(await memberStatus(stack, body.access_token)).toBe(200);
    await signIn(stack, 'sso-2400');
    const third = await fetch(`${stack.kitUrl}/authorize?redirect_uri=x`, { redirect: 'manual' });
    expect(third.status).toBe(429);
    expect(await third.text()).toContain('Too many requests');
  });
});
