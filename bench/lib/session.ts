import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, CDPSession, Page, Worker } from '@playwright/test';
import { buildSync } from 'esbuild';
import { DEMO, startSimulator, type Simulator } from '../../simulator';
import type { ExtBench } from '../pages/ext-helpers';
import type { Probe } from '../probe/probe';
import { Cdp } from './cdp';
import { benchNow, calibrate, sleep, toBench, until, type PageClock } from './clock';
import { chromiumPath, launchWithExtension } from '../../scripts/chromium';
import { buildProbe } from './probe-build';

/** The local flavour (`npm run build:local`): the store build has no permission for 127.0.0.1. */
export const LOCAL_BUILD = resolve('.output/chrome-mv3-local');
/** An extension page with one `<p>` (bench/pages/empty.html), added to the bench's copy of the build. */
export const EMPTY_PAGE = 'bench-empty.html';
/** An extension page that shows one stored value (bench/pages/stored.html): a module, a storage read, a `<p>`. */
export const STORED_PAGE = 'bench-stored.html';
/**
 * popup.html with its scripts replaced by one that puts back the markup of the popup's first
 * screen (bench/pages/markup.js): the popup's files, stylesheet and DOM without its components.
 */
export const MARKUP_PAGE = 'bench-markup.html';
/** The storage.session key bench/pages/markup.js reads. */
export const MARKUP_KEY = 'bench-markup';
/** Rails pings every 3 s; Circle Live's and the official client's stale timers are built on it. */
export const PING_MS = 3_000;

export const MEMBER = DEMO.memberId;
/** The reference clients sign in as other members, so a burst on one member's stream reaches one client only. */
export const BARE_MEMBER = 2401;
export const AC_MEMBER = 2402;

/** For page.evaluate callbacks: what the helper bundles put on the page's global object. */
export type ExtWindow = { bench: ExtBench };
export type ProbeWindow = { probe: Probe };

export interface ProbeTab {
  page: Page;
  clock: PageClock;
  member: number;
}

export interface Session {
  work: string;
  /** The copy of the build loaded (source maps, when it has them, are read from here). */
  buildDir: string;
  /** Chromium's user data dir: its processes carry it on their command line. */
  profileDir: string;
  sim: Simulator;
  context: BrowserContext;
  extensionId: string;
  /** Playwright's handle on the background: it hangs while the worker is stopped. */
  worker: Worker;
  /** chrome-extension://<id>/manifest.json with bench/pages/ext-helpers.ts in it. */
  page: Page;
  clock: PageClock;
  cdp: Cdp;
  community: string;
  probeId: string;
  chromiumVersion: string;
  /** Stops the service worker (CDP ServiceWorker.stopAllWorkers through the page) and waits until it is gone. */
  stopWorker(): Promise<void>;
  /** Stops that had to be repeated because the worker was woken again at once. */
  stopRetries: number;
  /** Opens a probe tab for a reference client of `member`, headers set. */
  probeTab(member: number): Promise<ProbeTab>;
  /** Re-measures the page clocks (cheap). */
  recalibrate(): Promise<void>;
  close(): Promise<void>;
}

export function bundle(entry: string): string {
  const out = buildSync({ entryPoints: [entry], bundle: true, format: 'iife', write: false, target: 'chrome120', logLevel: 'warning' });
  return out.outputFiles[0]!.text;
}

export function chromiumVersion(): string {
  try {
    return execFileSync(chromiumPath ?? 'chromium', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

/** Chromium headless with a private copy of a Circle Live build, CDP on, its first tab idle. */
export interface Launched {
  extDir: string;
  profileDir: string;
  context: BrowserContext;
  cdp: Cdp;
  worker: Worker;
  extensionId: string;
}

/**
 * Copies `build` into `work` (so a rebuild by someone else mid-run changes nothing) and launches
 * it with the unpacked `others` beside it. CDP is for the worker's heap and profiles: Playwright
 * has no session for a service worker.
 */
export async function launchCircleLive(work: string, build: string, others: readonly { dir: string; id: string }[] = []): Promise<Launched> {
  if (!existsSync(join(build, 'manifest.json'))) throw new Error(`${build} is missing: run \`npm run build:local\` first`);
  const extDir = join(work, 'circle-live');
  cpSync(build, extDir, { recursive: true });
  // The popup's floors, in the bench's copy only: no build that ships has them.
  cpSync(join(import.meta.dirname, '..', 'pages', 'empty.html'), join(extDir, EMPTY_PAGE));
  cpSync(join(import.meta.dirname, '..', 'pages', 'stored.html'), join(extDir, STORED_PAGE));
  cpSync(join(import.meta.dirname, '..', 'pages', 'stored.js'), join(extDir, 'bench-stored.js'));
  cpSync(join(import.meta.dirname, '..', 'pages', 'markup.js'), join(extDir, 'bench-markup.js'));
  writeFileSync(join(extDir, MARKUP_PAGE), markupPage(readFileSync(join(extDir, 'popup.html'), 'utf8')));
  const profileDir = join(work, 'profile');
  const context = await launchWithExtension([extDir, ...others.map((o) => o.dir)], profileDir, { args: ['--remote-debugging-port=0'] });
  const cdp = await Cdp.connect(profileDir);
  const ours = (w: Worker) => !others.some((o) => w.url().includes(o.id));
  const worker = context.serviceWorkers().find(ours) ?? (await context.waitForEvent('serviceworker', { predicate: ours }));
  const extensionId = new URL(worker.url()).host;
  // The options tab the extension opens on install would only listen here, and its heap would
  // count as the offscreen document's (one renderer); a member closes it. It can open seconds
  // after the worker on a busy machine, so it is waited for. (Closing every page of a
  // persistent context stalls it, so it is navigated away instead.)
  const options = (page: Page) => page.url().startsWith(`chrome-extension://${extensionId}/options.html`);
  await until('the options tab of the install', () => context.pages().some(options) || undefined, 10_000, 50).catch(() => undefined);
  for (const page of context.pages()) await page.goto('about:blank');
  return { extDir, profileDir, context, cdp, worker, extensionId };
}

/** popup.html as built, its scripts (and their preloads) swapped for bench/pages/markup.js. */
function markupPage(popupHtml: string): string {
  const withoutScripts = popupHtml.replace(/^\s*<script\b[^>]*><\/script>\s*$/gm, '').replace(/^\s*<link rel="modulepreload"[^>]*>\s*$/gm, '');
  if (/<script|modulepreload/.test(withoutScripts)) throw new Error('popup.html changed shape: bench/lib/session.ts cannot make its markup floor');
  return withoutScripts.replace('</head>', '    <script type="module" src="/bench-markup.js"></script>\n  </head>');
}

/** The sockets a member holds open on a simulator, and their subscriptions (channel identifiers). */
export function openSockets(sim: Simulator, member: number = MEMBER): string[][] {
  return sim.control.connections().filter((c) => c.community_member_id === member && c.state === 'open').map((c) => c.subscriptions);
}

/** Room channels follow the rooms a second after a change: resolves once the member's subscriptions held still for 2 s. */
export async function settledSubscriptions(sims: readonly Simulator[], timeoutMs = 30_000): Promise<string[][][]> {
  let last = '';
  let stableSince = Date.now();
  await until('settled subscriptions', () => {
    const now = JSON.stringify(sims.map((sim) => openSockets(sim)));
    if (now !== last) {
      last = now;
      stableSince = Date.now();
    }
    return Date.now() - stableSince > 2_000 ? true : undefined;
  }, timeoutMs, 100);
  return JSON.parse(last) as string[][][];
}

/**
 * One browser for the whole bench: Chromium headless with Circle Live and the probe extension,
 * the simulator in this process, the extension signed in, synced and live.
 */
export async function openSession(log: (line: string) => void, build = LOCAL_BUILD): Promise<Session> {
  const work = mkdtempSync(join(tmpdir(), 'circle-live-bench-'));
  const probe = await buildProbe(join(work, 'probe'));
  const sim = await startSimulator({ port: 0, pingIntervalMs: PING_MS });
  const { extDir, profileDir: profile, context, cdp, worker, extensionId } = await launchCircleLive(work, build, [probe]);

  await worker.evaluate((value) => chrome.storage.local.set({ settings: value }), {
    circleUrl: sim.url,
    origin: DEMO.origin,
    auth: { mode: 'appToken', appToken: DEMO.appToken, email: DEMO.email },
  });
  const community = `${new URL(sim.url).origin}/${MEMBER}`;
  await until('the first sync', () => worker.evaluate(async () => {
    const board = (await chrome.storage.local.get('status')).status as { communities?: { phase?: string; sync?: { finishedAt?: number } }[] } | undefined;
    const status = board?.communities?.[0];
    return status?.phase === 'live' && status.sync?.finishedAt ? true : undefined;
  }).catch((e) => { log(String(e)); return undefined; }), 30_000, 500);
  const [[channels = []] = []] = await settledSubscriptions([sim]);
  log(`signed in and live: ${channels.length} channels`);

  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/manifest.json`);
  await page.evaluate(bundle(join(import.meta.dirname, '..', 'pages', 'ext-helpers.ts')));
  const session: Session = {
    work,
    buildDir: extDir,
    profileDir: profile,
    sim,
    context,
    extensionId,
    worker,
    page,
    clock: await calibrate(page),
    cdp,
    community,
    probeId: probe.id,
    chromiumVersion: chromiumVersion(),
    stopRetries: 0,
    async stopWorker() {
      const running = () => page.evaluate(() => (globalThis as unknown as ExtWindow).bench.backgroundRunning());
      const cdpSession: CDPSession = await context.newCDPSession(page);
      await cdpSession.send('ServiceWorker.enable');
      try {
        // A stop can interrupt a batch; the offscreen outbox then retries it at once and wakes
        // the worker again. Stop until it stays stopped.
        for (let attempt = 0; attempt < 20; attempt++) {
          if (attempt) {
            session.stopRetries += 1;
            // Woken again (a retried batch, a wake's catch-up): stopped at once, it would never
            // finish what woke it, and the outbox would wake it again and again.
            await sleep(Math.min(1_000, 100 * attempt));
          }
          await cdpSession.send('ServiceWorker.stopAllWorkers');
          const stopped = await until('the worker to stop', async () => ((await running()) ? undefined : true), 2_000, 5).catch(() => false);
          if (stopped) {
            await sleep(20);
            if (!(await running())) return;
          }
        }
        throw new Error('the service worker keeps restarting after ServiceWorker.stopAllWorkers');
      } finally {
        await cdpSession.detach();
      }
    },
    async probeTab(member: number) {
      const tab = await context.newPage();
      await tab.goto(`chrome-extension://${probe.id}/probe.html`);
      await tab.waitForFunction(() => typeof (globalThis as unknown as ProbeWindow).probe === 'object');
      const { access_token } = sim.issueTokens(member);
      await tab.evaluate(([token, origin]) => (globalThis as unknown as ProbeWindow).probe.setHeaders('127.0.0.1', token!, origin!), [access_token, DEMO.origin]);
      return { page: tab, clock: await calibrate(tab), member };
    },
    async recalibrate() {
      session.clock = await calibrate(page);
    },
    async close() {
      cdp.close();
      await context.close().catch(() => undefined);
      await sim.stop();
      rmSync(work, { recursive: true, force: true });
    },
  };
  return session;
}

export { benchNow, toBench };
