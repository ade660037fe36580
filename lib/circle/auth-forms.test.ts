// @vitest-environment node
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO, startSimulator, type Simulator } from '../../simulator';
import type { Auth } from '../settings/schema';
import { CircleError } from './errors';
import { authCallForms, TokenService, type AuthForm, type TokenSet } from './tokens';

// Each form of each Headless Auth call against the local Circle, which enforces the spec's rules.
let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
});
afterAll(() => sim.stop());
afterEach(() => void sim.control.configure({ auth_forms: ['app_token', 'none'], community_eligible: true }));

interface Call {
  path: string;
  form: AuthForm | 'other';
  status: number;
}

function service(auth: Auth, own: () => TokenSet | undefined) {
  const calls: Call[] = [];
  let stored: TokenSet | undefined;
  const formOf = (header: string | null): Call['form'] => {
    if (header === null) return 'none';
    const token = header.replace(/^Bearer /, '');
    if (auth.mode === 'appToken' && token === auth.appToken) return 'app_token';
    const tokens = own() ?? stored;
    return token === tokens?.refreshToken || token === tokens?.accessToken ? 'own_token' : 'other';
  };
  const tokens = new TokenService({
    circleUrl: sim.url,
    auth,
    storage: { load: async () => stored, save: async (t) => void (stored = t), clear: async () => void (stored = undefined) },
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      const path = new URL(input).pathname.replace('/api/v1/headless/', '');
      calls.push({ path, form: formOf(new Headers(init?.headers).get('Authorization')), status: response.status });
      return response;
    },
  });
  return { tokens, calls };
}

function pasted() {
  const pair = sim.issueTokens(DEMO.memberId);
  const auth: Auth = { mode: 'tokens', accessToken: pair.access_token, refreshToken: pair.refresh_token };
  return { pair, ...service(auth, () => ({ accessToken: pair.access_token, refreshToken: pair.refresh_token, accessTokenExpiresAt: 0, seed: '' })) };
}

async function rejection(promise: Promise<unknown>): Promise<CircleError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(CircleError);
  return error as CircleError;
}

describe('authCallForms', () => {
  it('uses the app token wherever there is one, and without one tries no bearer, then the token itself', () => {
    for (const call of ['auth_token', 'refresh', 'revoke_access', 'revoke_refresh'] as const) expect(authCallForms(call, true)).toEqual(['app_token']);
    for (const call of ['refresh', 'revoke_access', 'revoke_refresh'] as const) expect(authCallForms(call, false)).toEqual(['none', 'own_token']);
    expect(authCallForms('auth_token', false)).toEqual([]);
  });
});

describe('Headless Auth call forms against the local Circle', () => {
  it('signs in and refreshes with the app token as bearer, as the spec says', async () => {
    sim.control.configure({ auth_forms: ['app_token'] });
    const { tokens, calls } = service({ mode: 'appToken', appToken: DEMO.appToken, email: DEMO.email }, () => undefined);
    await tokens.current();
    await tokens.refresh();
    expect(calls).toEqual([
      { path: 'auth_token', form: 'app_token', status: 200 },
      { path: 'access_token/refresh', form: 'app_token', status: 200 },
    ]);
  });

  it('refreshes a pasted pair with no Authorization at all, the access_token_not_required form', async () => {
    const { tokens, calls, pair } = pasted();
    expect((await tokens.refresh()).accessToken).not.toBe(pair.access_token);
    expect(calls).toEqual([{ path: 'access_token/refresh', form: 'none', status: 200 }]);
  });

  it('refreshes a pasted pair by itself once its hour is nearly up, still without a bearer', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const { tokens, calls, pair } = pasted();
      expect((await tokens.current()).accessToken).toBe(pair.access_token);
      vi.setSystemTime(Date.now() + 56 * 60_000);
      expect((await tokens.current()).accessToken).not.toBe(pair.access_token);
      expect(calls).toEqual([{ path: 'access_token/refresh', form: 'none', status: 200 }]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('falls back to the refresh token as bearer once when Circle refuses no bearer', async () => {
    sim.control.configure({ auth_forms: ['app_token', 'own_token'] });
    const { tokens, calls, pair } = pasted();
    expect((await tokens.refresh()).accessToken).not.toBe(pair.access_token);
    expect(calls).toEqual([
      { path: 'access_token/refresh', form: 'none', status: 401 },
      { path: 'access_token/refresh', form: 'own_token', status: 200 },
    ]);
  });

  it('gives up signed out after both forms are refused, and says so without a token', async () => {
    sim.control.configure({ auth_forms: ['app_token'] });
    const { tokens, calls, pair } = pasted();
    const error = await rejection(tokens.refresh());
    expect(error.reason).toBe('signed_out');
    expect(error.message).toContain('Your account could not be authenticated.');
    expect(error.message).not.toContain(pair.refresh_token);
    expect(calls.map((c) => `${c.form} ${c.status}`)).toEqual(['none 401', 'own_token 401']);
  });

  it('revokes a pasted pair the same way: no bearer, then the token itself', async () => {
    sim.control.configure({ auth_forms: ['app_token', 'own_token'] });
    const { tokens, calls, pair } = pasted();
    await tokens.current();
    await tokens.revoke();
    expect(calls.map((c) => `${c.path} ${c.form} ${c.status}`).sort()).toEqual([
      'access_token/revoke none 401',
      'access_token/revoke own_token 204',
      'refresh_token/revoke none 401',
      'refresh_token/revoke own_token 204',
    ]);
    const me = await fetch(`${sim.url}/api/headless/v1/community_member`, { headers: { Authorization: `Bearer ${pair.access_token}` } });
    expect(me.status).toBe(401);
    expect(sim.control.configure({}).auth_forms).toEqual(['app_token', 'own_token']);
    sim.control.configure({ auth_forms: ['none'] });
    const refresh = await fetch(`${sim.url}/api/v1/headless/access_token/refresh`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ refresh_token: pair.refresh_token }),
    });
    expect(await refresh.json()).toEqual({ success: false, message: 'Refresh token not found.', error_details: {} });
  });

  it('ends in not_eligible, after one call, when the community has no Headless access', async () => {
    sim.control.configure({ community_eligible: false });
    const signIn = service({ mode: 'appToken', appToken: DEMO.appToken, email: DEMO.email }, () => undefined);
    expect((await rejection(signIn.tokens.current())).reason).toBe('not_eligible');
    const { tokens, calls } = pasted();
    expect((await rejection(tokens.refresh())).reason).toBe('not_eligible');
    expect(calls).toEqual([{ path: 'access_token/refresh', form: 'none', status: 403 }]);
  });
});
