// @vitest-environment node
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../community-kit/src/app.ts';
import { loadConfig } from '../../community-kit/src/config.ts';
import { DEMO, startSimulator, type Simulator } from '../../simulator';
import { discoverySchema as kitSchema } from '../../community-kit/src/discovery.ts';
import { discoverySchema, discoveryUrl } from '../settings/discovery';
import { exchangeCode, readCallback, readDiscovery, signInStart } from './community';
import { CircleError } from './errors';
import type { FetchLike } from './http';
import { TokenService, type TokenSet, type TokenStorage } from './tokens';

// The extension's half against the real token service (community-kit) and the local Circle.
// Refresh and revoke need no login, so the kit's identity provider is never asked.
let sim: Simulator;
let junk: Server;
let junkUrl: string;
let kit: ReturnType<typeof createApp>;
const kitUrl = 'http://127.0.0.1:8787';
const calls: string[] = [];
const logs: string[] = [];
const kitFetch: FetchLike = async (input, init) => {
  calls.push(`${init?.method ?? 'GET'} ${new URL(input).pathname}`);
  return kit.fetch(new Request(input, init));
};

beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
  const config = loadConfig({
    PUBLIC_URL: kitUrl,
    CIRCLE_URL: sim.url,
    CIRCLE_APP_TOKEN: DEMO.appToken,
    CIRCLE_ORIGIN: DEMO.origin,
    COMMUNITY_NAME: DEMO.communityName,
    OIDC_ISSUER: 'http://127.0.0.1:1',
    OIDC_CLIENT_ID: 'kit',
    OIDC_CLIENT_SECRET: 'secret',
    ALLOWED_REDIRECT_URIS: 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/*',
  });
  const unused = () => Promise.reject(new Error('no login in these tests'));
  kit = createApp(config, { clientIp: () => '127.0.0.1', logSink: (line) => logs.push(line), idp: { authorizationUrl: unused, complete: unused } });
  junk = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(req.url?.includes('not-json') ? '<html>' : JSON.stringify({ version: 1, name: 'Half a document' }));
  });
  await new Promise<void>((resolve) => junk.listen(0, '127.0.0.1', resolve));
  junkUrl = `http://127.0.0.1:${(junk.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await sim.stop();
  await new Promise((resolve) => junk.close(resolve));
});

function memory(): TokenStorage & { value?: TokenSet } {
  const store: TokenStorage & { value?: TokenSet } = {
    load: async () => store.value,
    save: async (tokens) => void (store.value = tokens),
    clear: async () => void (store.value = undefined),
  };
  return store;
}

function signedIn(now?: () => number) {
  const pair = sim.issueTokens(DEMO.memberId, { accessTokenTtlSeconds: 60 });
  const auth = {
    mode: 'community' as const,
    address: '127.0.0.1:8787',
    refreshUrl: `${kitUrl}/refresh`,
    revokeUrl: `${kitUrl}/revoke`,
    accessToken: pair.access_token,
    refreshToken: pair.refresh_token,
    accessTokenExpiresAt: pair.access_token_expires_at,
  };
  const storage = memory();
  calls.length = 0;
  return { pair, storage, tokens: new TokenService({ circleUrl: sim.url, auth, storage, fetch: kitFetch, now }) };
}

const memberStatus = async (accessToken: string) =>
  (await fetch(`${sim.url}/api/headless/v1/community_member`, { headers: { authorization: `Bearer ${accessToken}` } })).status;

describe('discovery', () => {
  it('is the kit\u2019s own schema, copied: both accept and refuse the same documents', async () => {
    const served = await (await kit.fetch(new Request(`${kitUrl}/.well-known/circle-live.json`))).json();
    for (const doc of [served, { ...served, circleUrl: 'http://circle.example.com' }, { ...served, version: 2 }, { ...served, origin: `${DEMO.origin}/x` }, {}]) {
      expect(discoverySchema.safeParse(doc).success).toBe(kitSchema.safeParse(doc).success);
    }
    expect(discoverySchema.safeParse(served).success).toBe(true);
  });

  it('finds the document from the address as a member types it', () => {
    expect(discoveryUrl('community.example.com')).toBe('https://community.example.com/.well-known/circle-live.json');
    expect(discoveryUrl(' https://community.example.com/ ')).toBe('https://community.example.com/.well-known/circle-live.json');
    expect(discoveryUrl('http://127.0.0.1:4410')).toBe('http://127.0.0.1:4410/.well-known/circle-live.json');
    for (const wrong of ['', 'community', 'http://community.example.com', 'https://community.example.com/forum', 'https://a:b@community.example.com', 'ftp://community.example.com']) {
      expect(discoveryUrl(wrong)).toBeUndefined();
    }
  });

  it('reads the kit\u2019s document and says which way any other fails', async () => {
    const found = await readDiscovery(kitFetch, kitUrl);
    expect(found).toMatchObject({ ok: true, discovery: { name: DEMO.communityName, circleUrl: sim.url, tokenUrl: `${kitUrl}/token` } });
    expect(await readDiscovery(fetch, sim.url)).toEqual({ ok: false, problem: 'missing' });
    expect(await readDiscovery(fetch, junkUrl)).toEqual({ ok: false, problem: 'malformed' });
    expect(await readDiscovery(fetch, 'http://127.0.0.1:1')).toEqual({ ok: false, problem: 'unreachable' });
    expect(await readDiscovery(fetch, 'not an address')).toEqual({ ok: false, problem: 'address' });
  });
});

describe('sign-in', () => {
  it('sends only the S256 challenge and a fresh state, and takes back only its own state', async () => {
    const { discovery } = (await readDiscovery(kitFetch, kitUrl)) as { discovery: ReturnType<typeof discoverySchema.parse> };
    const start = await signInStart(discovery, 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/');
    const url = new URL(start.url);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(start.url).not.toContain(start.verifier);
    expect((await signInStart(discovery, 'x')).state).not.toBe(start.state);
    const back = (query: string) => readCallback(`https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/?${query}`, start);
    expect(back(`code=c1&state=${start.state}`)).toEqual({ ok: true, code: 'c1' });
    expect(back('code=c1&state=someone-else')).toEqual({ ok: false, error: 'state_mismatch' });
    expect(back(`error=not_eligible&state=${start.state}`)).toEqual({ ok: false, error: 'not_eligible' });
    expect(back(`error=%3Cscript%3E&state=${start.state}`)).toEqual({ ok: false, error: 'login_failed' });
  });

  it('a code the service never issued is refused, by POST', async () => {
    const { discovery } = (await readDiscovery(kitFetch, kitUrl)) as { discovery: ReturnType<typeof discoverySchema.parse> };
    calls.length = 0;
    const verifier = 'v'.repeat(43);
    expect(await exchangeCode(kitFetch, discovery, { address: kitUrl, code: 'made-up', verifier, redirectUri: 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/' })).toEqual({ ok: false, error: 'invalid_grant' });
    expect(calls).toEqual(['POST /token']);
  });
});

describe('TokenService, signed in through the community', () => {
  it('starts from the pair the sign-in left and refreshes through the service, never at Circle', async () => {
    let now = Date.now();
    const { tokens, pair, storage } = signedIn(() => now);
    expect((await tokens.current()).accessToken).toBe(pair.access_token);
    now += 30_000;
    expect((await tokens.current()).accessToken).toBe(pair.access_token);
    now += 20_000;
    const fresh = await tokens.current();
    expect(fresh.accessToken).not.toBe(pair.access_token);
    expect(fresh.refreshToken).toBe(pair.refresh_token);
    expect(fresh.memberId).toBe(DEMO.memberId);
    expect(storage.value?.accessToken).toBe(fresh.accessToken);
    expect(calls).toEqual(['POST /refresh']);
    expect(await memberStatus(fresh.accessToken)).toBe(200);
  });

  it('a refresh token Circle no longer knows signs the member out', async () => {
    const { tokens, pair } = signedIn();
    sim.tokens.revokeRefresh(pair.refresh_token);
    const error = await tokens.refresh().then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(CircleError);
    expect((error as CircleError).reason).toBe('signed_out');
  });

  it('sign-out revokes both tokens at Circle through the service, and forgets them here', async () => {
    const { tokens, pair, storage } = signedIn();
    await tokens.current();
    await tokens.revoke();
    expect(calls).toEqual(['POST /revoke']);
    expect(storage.value).toBeUndefined();
    expect(await memberStatus(pair.access_token)).toBe(401);
    expect(sim.tokens.refresh(pair.refresh_token)).toEqual({ ok: false, reason: 'not_found' });
    expect(logs.join('\n')).not.toContain(pair.access_token);
    expect(logs.join('\n')).not.toContain(pair.refresh_token);
  });
});
