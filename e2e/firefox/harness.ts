/**
 * Headless Firefox ESR with the local flavour of the extension, driven by puppeteer-core over
 * WebDriver BiDi (Playwright's own Firefox cannot load an extension). Playwright stays the
 * runner: specs in this folder use these helpers inside ordinary Playwright tests.
 *
 * How state is read and written: BiDi can neither open a moz-extension:// page nor reach the
 * event page, but a loopback page may navigate itself to the local flavour's web-accessible
 * `e2e-bridge.html` (wxt.config.ts, CIRCLE_LIVE_LOCAL only). Code evaluated in that empty page
 * has the extension's full API: storage.local, action.getBadgeText, permissions.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { readBoard, type ConnectionStatus, type StatusBoard } from '../../lib/wire/status';

export const firefoxPath = process.env.CIRCLE_LIVE_FIREFOX ?? '/usr/bin/firefox-esr';
export const firefoxAvailable = existsSync(firefoxPath);
export const extensionDir = resolve('.output/firefox-mv3-local');

/** browser_specific_settings.gecko.id in wxt.config.ts. */
export const EXTENSION_ID = 'circle-live@circle-live.dev';
/** Pinned through `extensions.webextensions.uuids`, so the bridge URL is known before install. */
export const EXTENSION_UUID = 'c1c1e11e-0000-4000-8000-00000000e2e0';
export const BRIDGE_URL = `moz-extension://${EXTENSION_UUID}/e2e-bridge.html`;

/** A JWT (the simulator's tokens are JWTs, like Circle's) or a bearer header in a console line. */
export const TOKEN_PATTERN = /Bearer\s+\S+|eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]+/;

export type { ConnectionStatus, StatusBoard } from '../../lib/wire/status';

/**
 * Keeps Firefox off the network: everything but loopback goes to our own proxy, which records
 * what was asked and answers nothing. The rest turns off the services that would call home.
 */
function offlinePrefs(proxyPort: number): Record<string, unknown> {
  return {
    'network.proxy.type': 1, // manual
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': proxyPort,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': proxyPort,
    'network.proxy.socks': '127.0.0.1',
    'network.proxy.socks_port': proxyPort,
    'network.proxy.share_proxy_settings': true,
    // Loopback (the simulator, the launch page) goes direct; nothing else is exempt.
    'network.proxy.no_proxies_on': '',
    'network.proxy.allow_hijacking_localhost': false,
    'network.proxy.socks_remote_dns': true,
    'network.trr.mode': 5, // no DNS over HTTPS
    'network.dns.disablePrefetch': true,
    'network.prefetch-next': false,
    'network.predictor.enabled': false,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'app.update.enabled': false,
    'app.update.auto': false,
    'app.normandy.enabled': false,
    'app.shield.optoutstudies.enabled': false,
    'messaging-system.rsexperimentloader.enabled': false,
    'nimbus.rsexperimentloader.enabled': false,
    'toolkit.telemetry.enabled': false,
    'toolkit.telemetry.unified': false,
    'toolkit.telemetry.archive.enabled': false,
    'toolkit.telemetry.server': '',
    'datareporting.healthreport.uploadEnabled': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'datareporting.usage.uploadEnabled': false,
    'browser.ping-centre.telemetry': false,
    'browser.newtabpage.activity-stream.feeds.telemetry': false,
    'browser.newtabpage.activity-stream.telemetry': false,
    'browser.region.update.enabled': false,
    'browser.region.network.url': '',
    'browser.safebrowsing.provider.google4.updateURL': '',
    'browser.safebrowsing.provider.mozilla.updateURL': '',
    'browser.topsites.contile.enabled': false,
    'browser.discovery.enabled': false,
    'browser.backup.enabled': false,
    'browser.backup.scheduled.enabled': false,
    'extensions.blocklist.enabled': false,
    'extensions.systemAddon.update.enabled': false,
    'extensions.getAddons.showPane': false,
    'services.settings.poll_interval': 86_400 * 365,
    'security.remote_settings.crlite_filters.enabled': false,
    'security.remote_settings.intermediates.enabled': false,
    'security.OCSP.enabled': 0,
    'dom.push.connection.enabled': false,
    'dom.push.serverURL': '',
    'geo.provider.network.url': '',
    'media.gmp-manager.url': '',
    'media.gmp-gmpopenh264.enabled': false,
    'identity.fxaccounts.enabled': false,
    'signon.management.page.breach-alerts.enabled': false,
  };
}

function extensionPrefs(): Record<string, unknown> {
  return {
    'extensions.webextensions.uuids': JSON.stringify({ [EXTENSION_ID]: EXTENSION_UUID }),
    // Firefox 127+ grants an MV3 extension's host_permissions at install (they stay revocable
    // in about:addons). This is the default; pinned so the harness does not depend on it
    // silently, and `launchFirefox` checks the grant.
    'extensions.originControls.grantByDefault': true,
    // Extension pages' console.* lines go to stdout, where the harness reads them.
    'devtools.console.stdout.content': true,
  };
}

/**
 * One loopback server, two jobs: `GET /` is the blank page the bridge tab starts from
 * (only a web page may navigate to a web-accessible extension page), and as the proxy for
 * every non-loopback host it records the request and closes the connection.
 */
interface LoopbackServer {
  port: number;
  launchUrl: string;
  /** What Firefox tried to reach beyond loopback, e.g. `CONNECT push.services.mozilla.com:443`. */
  proxied: string[];
  /** Remote Settings requests (pointed here, see `launchFirefox`). */
  remote: string[];
  close(): Promise<void>;
}

async function startLoopbackServer(): Promise<LoopbackServer> {
  const proxied: string[] = [];
  const remote: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    if (req.url?.startsWith('/remote-settings/')) {
      remote.push(req.url);
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end('{}');
      return;
    }
    if (req.url?.startsWith('/')) {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><title>circle-live e2e</title>');
      return;
    }
    proxied.push(`${req.method} ${req.url}`);
    req.socket.destroy();
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('connect', (req, socket) => {
    proxied.push(`CONNECT ${req.url}`);
    socket.destroy();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    launchUrl: `http://127.0.0.1:${port}/`,
    proxied,
    remote,
    close: () =>
      new Promise<void>((done) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => done());
      }),
  };
}

export interface LaunchOptions {
  /** Extra prefs, e.g. a shorter `extensions.background.idle.timeout`. */
  prefs?: Record<string, unknown>;
  /**
   * `storage.managed` as a community's IT would set it. Firefox reads it from a native manifest,
   * on Linux `~/.mozilla/managed-storage/<extension id>.json`: Firefox gets a HOME of its own.
   */
  managed?: Record<string, unknown>;
  /** A window to look at (the demo, where there is a display); tests run headless. */
  headless?: boolean;
  /**
   * A profile of our own that outlives this Firefox, with the extension installed in it for
   * real (`installInProfile`) rather than as a temporary add-on, which a restart removes.
   * Nothing of the extension is touched at launch: a test of start-up looks for itself.
   */
  profile?: string;
}

/** What makes Firefox ESR load an unsigned XPI found in the profile, and enable it unasked. */
const PROFILE_INSTALL_PREFS = {
  'xpinstall.signatures.required': false,
  'extensions.autoDisableScopes': 0,
  'extensions.enabledScopes': 15,
};

/** The local flavour as an unsigned XPI at `<profile>/extensions/<gecko id>.xpi`, as a sideload puts it. */
export function installInProfile(profile: string): void {
  mkdirSync(join(profile, 'extensions'), { recursive: true });
  const xpi = join(profile, 'extensions', `${EXTENSION_ID}.xpi`);
  rmSync(xpi, { force: true });
  execFileSync('zip', ['-q', '-r', '-X', xpi, '.'], { cwd: extensionDir });
}

/** A HOME holding only the managed-storage manifest for the extension. */
function managedHome(data: Record<string, unknown>): string {
  const home = mkdtempSync(join(tmpdir(), 'circle-live-firefox-home-'));
  mkdirSync(join(home, '.mozilla', 'managed-storage'), { recursive: true });
  const manifest = { name: EXTENSION_ID, description: 'Circle Live policy (e2e)', type: 'storage', data };
  writeFileSync(join(home, '.mozilla', 'managed-storage', `${EXTENSION_ID}.json`), JSON.stringify(manifest));
  return home;
}

export interface FirefoxSession {
  browser: Browser;
  /** Every stdout/stderr line of Firefox, background console lines included. */
  output: string[];
  /** The extension's own console lines (`[circle-live:…]`). */
  extensionLines(): string[];
  /** Hosts Firefox tried to reach beyond loopback (all refused). */
  proxied: string[];
  /** Remote Settings requests Firefox made to the loopback server instead of Mozilla's. */
  remoteSettings: string[];
  /** A tab on the web-accessible bridge page, opened on first use and kept. */
  bridge(): Promise<Page>;
  /** Closes the bridge tab, so no extension page is open (e.g. during a quiet period). */
  closeBridge(): Promise<void>;
  setSettings(settings: unknown): Promise<void>;
  badgeText(): Promise<string>;
  /** The toolbar button's tooltip. */
  badgeTitle(): Promise<string>;
  /** Every community's status, in the settings' order. */
  board(): Promise<StatusBoard | undefined>;
  /** The first (with one community, the only) community's status. */
  status(): Promise<ConnectionStatus | undefined>;
  /** One community's status, by its key. */
  communityStatus(key: string): Promise<ConnectionStatus | undefined>;
  /** A message to the background from an extension page, as the popup and options page send them. */
  send<T = unknown>(message: unknown): Promise<T>;
  /**
   * Polls the badge inside the bridge page (every 5 ms, no BiDi round trip per look) and
   * resolves with the page's clock when it reads `expected`, or -1 after `timeoutMs`.
   * Start it before the event, then await it: it measures from the moment the badge changed.
   */
  badgeSeenAt(expected: string, timeoutMs?: number): Promise<number>;
  /** The next stdout/stderr line (from now on) that matches, e.g. a background console line. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Values in storage.local whose key starts with `prefix`. */
  storage(prefix: string): Promise<Record<string, unknown>>;
  /** The token set kept for a community (`tokens:<key>` holds `{ circleUrl, set }`). */
  storedTokens(key: string): Promise<{ accessToken: string; refreshToken?: string } | undefined>;
  close(): Promise<void>;
}

/** A healthy start takes 2–3 s here; on a loaded machine it rarely stalls for good. */
const LAUNCH_DEADLINE_MS = 25_000;

/**
 * Starts Firefox with the extension. A start that stalls (seen a few times in hundreds, on a
 * busy machine, with nothing of ours running yet) is killed, said so on the console, and
 * tried once more: the tests are about the extension, not about Firefox's start-up.
 */
export async function launchFirefox(options: LaunchOptions = {}): Promise<FirefoxSession> {
  for (let attempt = 1; ; attempt++) {
    let abandon: (() => Promise<void>) | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_, fail) => {
      timer = setTimeout(() => fail(new Error(`Firefox did not start within ${LAUNCH_DEADLINE_MS / 1000} s`)), LAUNCH_DEADLINE_MS);
    });
    try {
      return await Promise.race([launchOnce(options, (kill) => (abandon = kill)), deadline]);
    } catch (error) {
      await abandon?.();
      if (attempt === 2) throw error;
      console.warn(`${error instanceof Error ? error.message : String(error)}; starting it again`);
    } finally {
      clearTimeout(timer);
    }
  }
}

async function launchOnce(options: LaunchOptions, started: (abandon: () => Promise<void>) => void): Promise<FirefoxSession> {
  if (!existsSync(`${extensionDir}/e2e-bridge.html`)) {
    throw new Error(`${extensionDir} is missing or not the local flavour: run \`npm run build:local\` first`);
  }
  const loopback = await startLoopbackServer();
  const home = options.managed ? managedHome(options.managed) : undefined;
  const cleanUp = async () => {
    await loopback.close();
    if (home) rmSync(home, { recursive: true, force: true });
  };
  const output: string[] = [];
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: firefoxPath,
      headless: options.headless ?? true,
      timeout: LAUNCH_DEADLINE_MS,
      // Without a profile of ours, puppeteer makes a fresh temporary one and deletes it on close.
      ...(options.profile ? { userDataDir: options.profile } : {}),
      extraPrefsFirefox: {
        ...(options.profile ? PROFILE_INSTALL_PREFS : {}),
        ...offlinePrefs(loopback.port),
        // Release builds ignore this pref and poll firefox.settings.services.mozilla.com (through
        // the dead proxy, ~5 tries a second) unless MOZ_REMOTE_SETTINGS_DEVTOOLS=1 allows it.
        'services.settings.server': `${loopback.launchUrl}remote-settings/v1`,
        ...extensionPrefs(),
        ...options.prefs,
      },
      env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1', ...(home ? { HOME: home } : {}) },
    });
  } catch (error) {
    await cleanUp();
    throw error;
  }
  if (options.profile) {
    // Puppeteer puts back the profile's prefs as they were before launch when it closes; a
    // member's Firefox keeps what it wrote, so drop the copies it would restore.
    for (const file of ['prefs.js', 'user.js']) rmSync(join(options.profile, `${file}.puppeteer`), { force: true });
  }
  const child = browser.process();
  started(async () => {
    child?.kill('SIGKILL');
    await cleanUp();
  });
  let partial = '';
  const waiters = new Set<(line: string) => void>();
  const collect = (chunk: Buffer) => {
    const lines = (partial + chunk.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    output.push(...lines);
    for (const line of lines) for (const waiter of waiters) waiter(line);
  };
  child?.stdout?.on('data', collect);
  child?.stderr?.on('data', collect);

  let bridgePage: Page | undefined;
  const bridge = async (): Promise<Page> => {
    if (bridgePage && !bridgePage.isClosed()) return bridgePage;
    const page = await browser.newPage();
    await page.goto(loopback.launchUrl);
    // A page's own navigation is allowed to a web-accessible resource; BiDi's is refused.
    // BiDi reports no navigation event for it (and page.url() keeps the old URL), so wait
    // until the document in the tab is the extension's.
    await page.evaluate((url) => void (location.href = url), BRIDGE_URL);
    await page.waitForFunction(() => location.protocol === 'moz-extension:' && typeof chrome?.storage?.local === 'object', { polling: 50, timeout: 10_000 });
    bridgePage = page;
    return page;
  };

  const session: FirefoxSession = {
    browser,
    output,
    extensionLines: () => output.filter((line) => line.includes('[circle-live:')),
    proxied: loopback.proxied,
    remoteSettings: loopback.remote,
    bridge,
    async closeBridge() {
      if (bridgePage && !bridgePage.isClosed()) await bridgePage.close();
      bridgePage = undefined;
    },
    async setSettings(settings) {
      await (await bridge()).evaluate((value) => chrome.storage.local.set({ settings: value }), settings as never);
    },
    async badgeText() {
      return (await bridge()).evaluate(() => chrome.action.getBadgeText({}));
    },
    async badgeTitle() {
      return (await bridge()).evaluate(() => chrome.action.getTitle({}));
    },
    async board() {
      return readBoard(await (await bridge()).evaluate(async () => (await chrome.storage.local.get('status')).status as unknown));
    },
    async status() {
      return (await session.board())?.communities[0];
    },
    async communityStatus(key) {
      return (await session.board())?.communities.find((status) => status.key === key);
    },
    async send<T>(message: unknown) {
      return (await bridge()).evaluate((value) => chrome.runtime.sendMessage(value), message as never) as Promise<T>;
    },
    async storage(prefix) {
      return (await bridge()).evaluate(async (p) => {
        const all = await chrome.storage.local.get(null);
        return Object.fromEntries(Object.entries(all).filter(([key]) => key.startsWith(p)));
      }, prefix);
    },
    async storedTokens(key) {
      const name = `tokens:${key}`;
      return ((await session.storage(name))[name] as { set?: { accessToken: string; refreshToken?: string } } | undefined)?.set;
    },
    async badgeSeenAt(expected, timeoutMs = 5_000) {
      return (await bridge()).evaluate(
        async (text, ms) => {
          const deadline = Date.now() + ms;
          while (Date.now() < deadline) {
            if ((await chrome.action.getBadgeText({})) === text) return Date.now();
            await new Promise((resolve) => setTimeout(resolve, 5));
          }
          return -1;
        },
        expected,
        timeoutMs,
      );
    },
    waitForLine(pattern, timeoutMs = 10_000) {
      return new Promise<string>((done, fail) => {
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          fail(new Error(`no Firefox output line matched ${pattern} within ${timeoutMs} ms`));
        }, timeoutMs);
        const waiter = (line: string) => {
          if (!pattern.test(line)) return;
          clearTimeout(timer);
          waiters.delete(waiter);
          done(line);
        };
        waiters.add(waiter);
      });
    },
    async close() {
      try {
        await browser.close();
      } finally {
        await cleanUp();
      }
    },
  };

  if (options.profile) return session;
  try {
    const id = await browser.installExtension(extensionDir);
    if (id !== EXTENSION_ID) throw new Error(`installed ${id}, expected ${EXTENSION_ID}`);
    const page = await bridge();
    // The local flavour needs its loopback hosts (fetch to the simulator, and the header rule
    // only applies where the extension has host access). Firefox grants them at install; a
    // profile where they were not would ask from the options page, which a test cannot click.
    const granted = await page.evaluate(() =>
      chrome.permissions.contains({ origins: ['http://127.0.0.1/*', 'ws://127.0.0.1/*'] }),
    );
    if (!granted) throw new Error('Firefox did not grant the loopback host permissions at install');
  } catch (error) {
    await session.close();
    throw error;
  }
  return session;
}
