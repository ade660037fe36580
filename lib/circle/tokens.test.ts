// @vitest-environment node
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startSimulator, type Simulator } from '../../simulator';
import type { Auth } from '../settings/schema';
import { CircleError } from './errors';
import { TokenService, type TokenSet, type TokenStorage } from './tokens';

// The token service against the real local Circle: its auth endpoints, statuses and JWTs.
let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
});
afterAll(() => sim.stop());

function memoryStorage(): TokenStorage & { value?: TokenSet } {
  const store: TokenStorage & { value?: TokenSet } = {
    load: async () => store.value,
    save: async (tokens) => void (store.value = tokens),
    clear: async () => void (store.value = undefined),
  };
  return store;
}

function countingFetch() {
  const calls: string[] = [];
  const fetchImpl = (input: string, init?: RequestInit) => {
    calls.push(`${init?.method ?? 'GET'} ${new URL(input).pathname}`);
    return fetch(input, init);
  };
  return { calls, fetch: fetchImpl };
}

function service(auth: Auth, options: { now?: () => number } = {}) {
  const storage = memoryStorage();
  const http = countingFetch();
  const tokens = new TokenService({ circleUrl: sim.url, auth, storage, fetch: http.fetch, ...options });
  return { tokens, storage, calls: http.calls };
}

const appTokenAuth: Auth = { mode: 'appToken', appToken: DEMO.appToken, email: DEMO.email };

async function rejection(promise: Promise<unknown>): Promise<CircleError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(CircleError);
  return error as CircleError;
}

describe('TokenService', () => {
  it('signs in with an app token, reads the member from the JWT and keeps the pair', async () => {
    const { tokens, storage, calls } = service(appTokenAuth);
    const first = await tokens.current();
    expect(first.memberId).toBe(DEMO.memberId);
    expect(first.refreshToken).toBeTruthy();
    expect(storage.value?.accessToken).toBe(first.accessToken);
    expect(await tokens.current()).toBe(first);
    expect(calls).toEqual(['POST /api/v1/headless/auth_token']);
  });

  it('refreshes one at a time and keeps the refresh token Circle does not resend', async () => {
    const { tokens, calls } = service(appTokenAuth);
    const first = await tokens.current();
    const [a, b] = await Promise.all([tokens.refresh(), tokens.refresh()]);
    expect(a).toBe(b);
    expect(a.accessToken).not.toBe(first.accessToken);
    expect(a.refreshToken).toBe(first.refreshToken);
    expect(calls.filter((c) => c.includes('refresh'))).toHaveLength(1);
  });

  it('keeps a pasted pair working past its first hour', async () => {
    const pair = sim.issueTokens(DEMO.memberId);
    let now = Date.now();
    const { tokens } = service(
      { mode: 'tokens', accessToken: pair.access_token, refreshToken: pair.refresh_token, accessTokenExpiresAt: pair.access_token_expires_at },
      { now: () => now },
    );
    expect((await tokens.current()).accessToken).toBe(pair.access_token);
    now += 60 * 60_000;
    const later = await tokens.current();
    expect(later.accessToken).not.toBe(pair.access_token);
    expect(later.refreshToken).toBe(pair.refresh_token);
  });

  it('refreshes a short-lived token a fifth of its life before it expires', async () => {
    sim.control.configure({ access_token_ttl_seconds: 10 });
    try {
      const { tokens } = service(appTokenAuth);
      const token = await tokens.current();
      expect((await tokens.refreshDueAt())! - token.accessTokenExpiresAt).toBeCloseTo(-2_000, -3);
    } finally {
      sim.control.configure({ access_token_ttl_seconds: 3600 });
    }
  });

  it('ends in signed_out when the refresh token is revoked, without leaking it', async () => {
    const pair = sim.issueTokens(DEMO.memberId);
    const { tokens } = service({ mode: 'tokens', accessToken: pair.access_token, refreshToken: pair.refresh_token });
    sim.control.revoke(pair.refresh_token);
    const error = await rejection(tokens.refresh());
    expect(error.reason).toBe('signed_out');
    expect(error.message).not.toContain(pair.refresh_token);
    expect(error.message).not.toContain(pair.access_token);
  });

  it('gets a new pair from the app token when the refresh token is gone', async () => {
    const { tokens } = service(appTokenAuth);
    const first = await tokens.current();
    sim.control.revoke(first.refreshToken!);
    const next = await tokens.refresh();
    expect(next.refreshToken).not.toBe(first.refreshToken);
  });

  it('says what is wrong with an app token Circle refuses', async () => {
    const { tokens } = service({ ...appTokenAuth, appToken: 'wrong' });
    expect((await rejection(tokens.current())).reason).toBe('signed_out');
    const unknown = service({ ...appTokenAuth, email: 'nobody@community.example' });
    expect((await rejection(unknown.tokens.current())).reason).toBe('not_found');
  });

  it('starts over when the settings change', async () => {
    const { tokens, storage } = service(appTokenAuth);
    await tokens.current();
    const pair = sim.issueTokens(DEMO.memberId);
    const pasted = new TokenService({
      circleUrl: sim.url,
      auth: { mode: 'tokens', accessToken: pair.access_token, refreshToken: pair.refresh_token },
      storage,
      fetch,
    });
    expect((await pasted.current()).accessToken).toBe(pair.access_token);
  });

  it('revokes both tokens at Circle on sign-out', async () => {
    const { tokens, storage } = service(appTokenAuth);
    const token = await tokens.current();
    await tokens.revoke();
    expect(storage.value).toBeUndefined();
    const me = await fetch(`${sim.url}/api/headless/v1/community_member`, { headers: { Authorization: `Bearer ${token.accessToken}` } });
    expect(me.status).toBe(401);
    const refresh = await fetch(`${sim.url}/api/v1/headless/access_token/refresh`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ refresh_token: token.refreshToken }),
    });
    expect(refresh.status).toBe(404);
  });

  describe('with a token URL', () => {
    let backend: Server;
    let tokenUrl: string;
    beforeAll(async () => {
      // The community's own backend: it answers in the auth_token response shape.
      backend = createServer((_, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(sim.issueTokens(DEMO.memberId)));
      });
      await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
      tokenUrl = `http://127.0.0.1:${(backend.address() as AddressInfo).port}/circle-token`;
    });
    afterAll(() => new Promise<void>((resolve) => backend.close(() => resolve())));

    it('takes the pair from the community backend', async () => {
      const { tokens } = service({ mode: 'tokenUrl', tokenUrl });
      expect((await tokens.current()).memberId).toBe(DEMO.memberId);
    });
  });
});
