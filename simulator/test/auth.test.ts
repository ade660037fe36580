// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator, TokenPair } from '../index';
import { DEMO } from '../index';
import { connect } from '../testing/raw-client';
import { control, memberApi, request, startTestSim } from './helpers';

let sim: Simulator;
beforeAll(async () => {
  sim = await startTestSim();
});
afterAll(() => sim.stop());

/** `appToken: null` sends no Authorization header. */
const authToken = (body: unknown, appToken: string | null = DEMO.appToken) =>
  request<TokenPair>(sim, 'POST', '/api/v1/headless/auth_token', { token: appToken ?? undefined, body });

function jwtPayload(token: string): Record<string, unknown> {
  const [, payload = ''] = token.split('.');
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('POST /api/v1/headless/auth_token', () => {
  it('issues a JWT access token and an opaque refresh token for an e-mail', async () => {
    const { status, body } = await authToken({ email: DEMO.email });
    expect(status).toBe(200);
    expect(body).toMatchObject({ community_member_id: DEMO.memberId, community_id: DEMO.communityId });
    expect(body.access_token.split('.')).toHaveLength(3);
    expect(body.access_token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const claims = jwtPayload(body.access_token);
    expect(claims).toMatchObject({ community_id: DEMO.communityId, community_member_id: DEMO.memberId });
    expect(typeof claims.jti).toBe('string');
    expect(Number(claims.exp) - Date.now() / 1000).toBeGreaterThan(3500);
    expect(body.refresh_token).not.toContain('.');
    expect(Date.parse(body.refresh_token_expires_at) - Date.now()).toBeGreaterThan(29 * 24 * 3600 * 1000);
    expect(Date.parse(body.access_token_expires_at)).toBe(Number(claims.exp) * 1000);
  });

  it('finds the member by id or by SSO id too', async () => {
    expect((await authToken({ community_member_id: 2401 })).body.community_member_id).toBe(2401);
    expect((await authToken({ sso_user_id: 'sso-2402' })).body.community_member_id).toBe(2402);
  });

  it('answers 401 without the right app token', async () => {
    for (const appToken of ['wrong', null]) {
      const { status, body } = await authToken({ email: DEMO.email }, appToken);
      expect(status).toBe(401);
      expect(body).toMatchObject({ success: false, message: expect.any(String), error_details: expect.any(Object) });
    }
  });

  it('answers 404 for an unknown member and 422 without an identifier', async () => {
    expect(await authToken({ email: 'nobody@community.example' })).toEqual(expect.objectContaining({
      status: 404,
      body: { success: false, message: 'Community member not found. Please provide a valid SSO User ID, community member ID, or email.', error_details: {} },
    }));
    expect((await authToken({})).status).toBe(422);
    expect((await authToken({ community_member_id: 'abc' })).status).toBe(422);
  });

  it('answers 403 when the community is not eligible', async () => {
    await control(sim, 'POST', '/config', { community_eligible: false });
    try {
      expect((await authToken({ email: DEMO.email })).body).toEqual({
        success: false,
        message: "Your community isn't eligible for headless API access. Please upgrade or contact support",
        error_details: {},
      });
      const pair = sim.issueTokens(DEMO.memberId);
      expect(await memberApi(sim, pair.access_token).get('/community_member')).toMatchObject({
        status: 401,
        body: { success: false, message: 'Community does not eligible for headless API access.', error_details: {} },
      });
    } finally {
      await control(sim, 'POST', '/config', { community_eligible: true });
    }
  });
});

describe('PATCH /api/v1/headless/access_token/refresh', () => {
  const refresh = (refreshToken: string, bearer?: string) =>
    request<{ access_token: string; access_token_expires_at: string }>(sim, 'PATCH', '/api/v1/headless/access_token/refresh', { token: bearer, body: { refresh_token: refreshToken } });

  it('gives a new access token with the app token or no bearer, the forms the spec shows', async () => {
    const pair = sim.issueTokens(DEMO.memberId);
    for (const bearer of [DEMO.appToken, undefined]) {
      const { status, body } = await refresh(pair.refresh_token, bearer);
      expect(status).toBe(200);
      expect(Object.keys(body).sort()).toEqual(['access_token', 'access_token_expires_at']);
      expect((await memberApi(sim, body.access_token).get('/community_member')).status).toBe(200);
    }
    expect((await refresh(pair.refresh_token, pair.refresh_token)).status).toBe(401);
  });

  it('takes only the forms the control API allows', async () => {
    const pair = sim.issueTokens(DEMO.memberId);
    await control(sim, 'POST', '/config', { auth_forms: ['own_token'] });
    try {
      expect((await refresh(pair.refresh_token)).body).toEqual({ success: false, message: 'Your account could not be authenticated.', error_details: {} });
      expect((await refresh(pair.refresh_token, DEMO.appToken)).status).toBe(401);
      expect((await refresh(pair.refresh_token, pair.refresh_token)).status).toBe(200);
    } finally {
      await control(sim, 'POST', '/config', { auth_forms: ['app_token', 'none'] });
    }
  });

  it('answers 404 for an unknown refresh token, 401 for an expired one or a wrong bearer', async () => {
    expect(await refresh('never-issued')).toMatchObject({ status: 404, body: { success: false, message: 'Refresh token not found.' } });
    const expired = sim.issueTokens(DEMO.memberId, { refreshTokenTtlSeconds: 0 });
    const answer = await refresh(expired.refresh_token);
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({ success: false, message: 'The refresh token is expired. Please generate/get new auth token.', error_details: {} });
    expect((await refresh(sim.issueTokens(DEMO.memberId).refresh_token, 'some-other-token')).status).toBe(401);
  });
});

describe('revocation', () => {
  it('a revoked access token gets 401 "not found" and its socket is dropped', async () => {
    const pair = sim.issueTokens(DEMO.memberId);
    const socket = await connect(sim.cableUrl, { origin: DEMO.origin, token: pair.access_token });
    expect(await socket.next()).toBe('{"type":"welcome"}');
    const revoked = await request(sim, 'POST', '/api/v1/headless/access_token/revoke', { token: DEMO.appToken, body: { access_token: pair.access_token } });
    expect(revoked.status).toBe(204);
    expect(await socket.next()).toBe('{"type":"disconnect","reason":"remote","reconnect":true}');
    expect((await socket.closed).code).toBe(1000);
    expect(await memberApi(sim, pair.access_token).get('/community_member')).toMatchObject({
      status: 401,
      body: { success: false, message: 'The access token not found.' },
    });
    const again = await request(sim, 'POST', '/api/v1/headless/access_token/revoke', { token: DEMO.appToken, body: { access_token: pair.access_token } });
    expect(again).toMatchObject({ status: 422, body: { success: false, message: 'The access token not found.', error_details: {} } });
    expect((await request(sim, 'POST', '/api/v1/headless/access_token/revoke', { body: {} })).body).toEqual({
      success: false,
      message: 'Oops! Missing parameter. Please try again later.',
      error_details: { message: 'Missing parameter: access_token' },
    });
  });

  it('a revoked refresh token can no longer refresh', async () => {
    const pair = sim.issueTokens(DEMO.memberId);
    const revoke = () => request(sim, 'POST', '/api/v1/headless/refresh_token/revoke', { body: { refresh_token: pair.refresh_token } });
    expect((await revoke()).status).toBe(204);
    expect((await revoke()).status).toBe(404);
    const refreshed = await request(sim, 'PATCH', '/api/v1/headless/access_token/refresh', { body: { refresh_token: pair.refresh_token } });
    expect(refreshed).toMatchObject({ status: 404, body: { message: 'Refresh token not found.' } });
  });
});

describe('the member API bearer check', () => {
  it('answers 401 invalid, expired and missing tokens with Circle\'s messages', async () => {
    const probe = (token?: string) => request(sim, 'GET', '/api/headless/v1/community_member', { token });
    expect((await probe('garbage')).body).toMatchObject({ success: false, message: 'The access token is invalid.' });
    expect((await probe()).body).toMatchObject({ success: false, message: 'The access token is invalid.' });
    const forged = sim.issueTokens(DEMO.memberId).access_token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    expect((await probe(forged)).status).toBe(401);
    const expired = sim.issueTokens(DEMO.memberId, { accessTokenTtlSeconds: 0 }).access_token;
    expect(await probe(expired)).toMatchObject({ status: 401, body: { message: 'The access token is expired.' } });
  });

  it('token lifetimes follow the live config', async () => {
    await control(sim, 'POST', '/config', { access_token_ttl_seconds: 5 });
    try {
      const pair = (await authToken({ email: DEMO.email })).body;
      expect(Number(jwtPayload(pair.access_token).exp) - Date.now() / 1000).toBeLessThanOrEqual(5);
    } finally {
      await control(sim, 'POST', '/config', { access_token_ttl_seconds: 3600 });
    }
  });
});

describe('CORS', () => {
  it('answers preflights permissively and marks answers for the calling origin', async () => {
    const preflight = await fetch(`${sim.url}/api/headless/v1/messages`, {
      method: 'OPTIONS',
      headers: { Origin: 'chrome-extension://abc', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('chrome-extension://abc');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('authorization');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('PATCH');
    const answer = await request(sim, 'GET', '/api/headless/v1/messages', { headers: { Origin: 'moz-extension://xyz' } });
    expect(answer.headers.get('access-control-allow-origin')).toBe('moz-extension://xyz');
  });
});
