import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import Provider from 'oidc-provider';
import { DEMO, startSimulator, type Simulator, type SimulatorOptions } from '../../simulator';
import { createApp } from '../src/app.ts';
import { s256 } from '../src/codes.ts';
import { loadConfig } from '../src/config.ts';

/**
 * The whole service over real HTTP: the simulator as Circle, a local OpenID provider (the
 * community's login, with its development login pages) and the kit between them.
 */

export const CHROME_ID = 'abcdefghijklmnopabcdefghijklmnop';
export const CHROME_REDIRECT = `https://${CHROME_ID}.chromiumapp.org/`;
export const FIREFOX_REDIRECT = 'https://0123456789abcdef0123456789abcdef01234567.extensions.allizom.org/';
export const CLIENT_SECRET = 'kit-client-secret-7f3a9c';

/** Login name → the claims the provider vouches for. */
export const ACCOUNTS: Record<string, { email: string; email_verified: boolean }> = {
  'sso-2400': { email: DEMO.email, email_verified: true },
  stranger: { email: 'stranger@elsewhere.example', email_verified: true },
  unverified: { email: DEMO.email, email_verified: false },
};

export interface Stack {
  sim: Simulator;
  kitUrl: string;
  issuer: string;
  logs: string[];
  /** The kit's clock: real time plus what a test has skipped ahead. */
  advance(ms: number): void;
  stop(): Promise<void>;
}

function listen(server: Server, port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/**
 * Also what the extension's e2e tests and `npm run demo` run as the community (fixed `ports`
 * for the demo, whose member types the kit's address), so the kit is tested as it is shown.
 */
export async function startStack(options: { sim?: SimulatorOptions; env?: Record<string, string>; ports?: { kit: number; idp: number } } = {}): Promise<Stack> {
  const sim = await startSimulator({ port: 0, ...options.sim });
  const kitServer = createServer();
  const idpServer = createServer();
  const kitUrl = `http://127.0.0.1:${await listen(kitServer, options.ports?.kit)}`;
  const issuer = `http://127.0.0.1:${await listen(idpServer, options.ports?.idp)}`;

  const provider = new Provider(issuer, {
    clients: [{ client_id: 'circle-live-kit', client_secret: CLIENT_SECRET, redirect_uris: [`${kitUrl}/callback`], grant_types: ['authorization_code'], response_types: ['code'] }],
    findAccount: (_ctx, sub) => {
      const account = ACCOUNTS[sub];
      return account && { accountId: sub, claims: () => ({ sub, ...account }) };
    },
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ['test-cookie-key'] },
    ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600 },
  });
  idpServer.on('request', provider.callback());

  let skipped = 0;
  const logs: string[] = [];
  const config = loadConfig({
    PUBLIC_URL: kitUrl,
    CIRCLE_URL: sim.url,
    CIRCLE_APP_TOKEN: DEMO.appToken,
    CIRCLE_ORIGIN: DEMO.origin,
    COMMUNITY_NAME: DEMO.communityName,
    COMMUNITY_ICON_URL: 'https://community.example/icon.png',
    OIDC_ISSUER: issuer,
    OIDC_CLIENT_ID: 'circle-live-kit',
    OIDC_CLIENT_SECRET: CLIENT_SECRET,
    ALLOWED_REDIRECT_URIS: `${CHROME_REDIRECT}*, ${FIREFOX_REDIRECT}*`,
    RATE_LIMIT_BURST: '100',
    ...options.env,
  });
  const app = createApp(config, {
    clientIp: (c) => getConnInfo(c).remote.address ?? 'unknown',
    now: () => Date.now() + skipped,
    logSink: (line) => logs.push(line),
  });
  kitServer.on('request', getRequestListener(app.fetch));

  return {
    sim,
    kitUrl,
    issuer,
    logs,
    advance: (ms) => void (skipped += ms),
    stop: async () => {
      await Promise.all([close(kitServer), close(idpServer), sim.stop()]);
    },
  };
}

/** Cookies by host, as a browser keeps them for the sign-in window (paths do not matter here). */
class CookieJar {
  private readonly byHost = new Map<string, Map<string, string>>();

  store(url: URL, response: Response): void {
    const cookies = this.byHost.get(url.host) ?? new Map<string, string>();
    for (const header of response.headers.getSetCookie()) {
      const [pair = ''] = header.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (/expires=Thu, 01 Jan 1970/i.test(header) || value === '') cookies.delete(name);
      else cookies.set(name, value);
    }
    this.byHost.set(url.host, cookies);
  }

  header(url: URL): string {
    return [...(this.byHost.get(url.host) ?? [])].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

export interface SignIn {
  /** Where the browser was sent back to the extension, or undefined when it got a page. */
  returned?: URL;
  page?: { status: number; text: string };
  verifier: string;
  state: string;
  redirectUri: string;
}

export const randomVerifier = () => Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url');

/**
 * What the extension's `launchWebAuthFlow` window does: open /authorize, follow redirects,
 * fill in the provider's login and consent forms, and stop at the extension's redirect URL.
 */
export async function signIn(stack: Stack, account: string, { redirectUri = CHROME_REDIRECT } = {}): Promise<SignIn> {
  const verifier = randomVerifier();
  const state = `state-${crypto.randomUUID()}`;
  const start = new URL(`${stack.kitUrl}/authorize`);
  start.search = new URLSearchParams({ redirect_uri: redirectUri, state, code_challenge: await s256(verifier), code_challenge_method: 'S256' }).toString();
  const jar = new CookieJar();
  let next = start;
  let form: string | undefined;
  for (let hop = 0; hop < 20; hop++) {
    const response = await fetch(next, {
      method: form === undefined ? 'GET' : 'POST',
      body: form,
      headers: { cookie: jar.header(next), ...(form === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }) },
      redirect: 'manual',
    });
    jar.store(next, response);
    form = undefined;
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      const target = new URL(location, next);
      if (target.href.startsWith(redirectUri)) return { returned: target, verifier, state, redirectUri };
      next = target;
      continue;
    }
    const text = await response.text();
    const prompt = /name="prompt" value="(login|consent)"/.exec(text)?.[1];
    const action = /<form[^>]*action="([^"]+)"/.exec(text)?.[1];
    if (response.status !== 200 || !prompt || !action) return { page: { status: response.status, text }, verifier, state, redirectUri };
    next = new URL(action, next);
    form = prompt === 'login' ? new URLSearchParams({ prompt, login: account, password: 'any' }).toString() : 'prompt=consent';
  }
  throw new Error('sign-in did not come back within 20 hops');
}

export function post(stack: Stack, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${stack.kitUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

/** The member API call the extension makes first: does this access token work at Circle? */
export async function memberStatus(stack: Stack, accessToken: string): Promise<number> {
  const response = await fetch(`${stack.sim.url}/api/headless/v1/community_member`, { headers: { authorization: `Bearer ${accessToken}` } });
  return response.status;
}
