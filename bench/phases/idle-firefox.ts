import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO, startSimulator } from '../../simulator';
import { launchFirefox, type FirefoxSession } from '../../e2e/firefox/harness';
import { sleep, until } from '../lib/clock';
import { median } from '../lib/stats';
import { floorSocketOf, handshakeRule, type FloorSocket } from '../lib/floor-socket';
import { BARE_MEMBER, openSockets, PING_MS, settledSubscriptions } from '../lib/session';

/**
 * Idle in Firefox ESR: Circle Live (the local flavour, installed as the e2e suite installs it)
 * signed in, its cable open in the event page, and nothing happening for `seconds`; beside it,
 * through the same window, a Firefox launched the same way with, instead of Circle Live, an
 * extension whose event page holds a bare socket to the same simulator (the floor, as in
 * Chromium): what Firefox spends on a cable held in an event page is subtracted.
 * Firefox names its processes (`comm`): the extension's event page runs in `WebExtensions`.
 * CPU is the sum of each process's threads' `schedstat` (a thread that ends in the window takes its
 * share with it), per process of each browser's tree; memory is PSS.
 * No extension page is open during the window: the bridge tab the setup used is closed.
 */
export interface FirefoxIdleWindow {
  /** The WebExtensions process, ms per minute over one window: Circle Live's, and the floor's. */
  ours: number;
  floor: number;
}

export interface FirefoxIdleRun {
  /** Each window's length; there are `windows.length` of them, back to back. */
  seconds: number;
  windows: FirefoxIdleWindow[];
  /** The median of the windows' paired differences, ours − the floor's, ms per minute: the goal's figure. */
  overMsPerMin: number;
  /** CPU ms over all the windows by process name: Circle Live's Firefox, and the floor's. */
  cpu: { ours: Record<string, number>; floor: Record<string, number> };
  /** The WebExtensions process, the windows' median ms per minute: Circle Live's, and the floor's (Firefox's built-in add-ons and the bare socket). */
  extensionMsPerMin: number;
  floorExtensionMsPerMin: number;
  /** PSS bytes after the window: each Firefox in all, and Circle Live's WebExtensions process. */
  pss: { ours: number; floor: number; extensionProcess: number };
  handshakes: number;
  /** Circle Live's WebExtensions process by thread name, ms per minute over all the windows: which part spends it. */
  extensionThreads: Record<string, number>;
}

/** The sign-in's own work (the first sync, its garbage) settles before the window opens. */
const SETTLE_MS = 30_000;

/**
 * One window's figure swings by more than the goal between runs (30 to 68 ms/min over the floor
 * for the same build; a 20 s window has printed −5.6): the goal takes the median of paired windows.
 */
const WINDOWS = 3;

interface Proc {
  name: string;
  ms: number;
  threads: Record<string, number>;
  pss: () => number;
}

/** Every process under the Firefox whose pid is `root`, by pid: its name, CPU ms so far and PSS. */
function tree(root: number): Map<number, Proc> {
  const parents = new Map<number, number>();
  const stats = new Map<number, { name: string; ms: number; threads: Record<string, number> }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(entry), Number(fields[1]));
      const threads = threadsMs(entry);
      stats.set(Number(entry), { name: readFileSync(`/proc/${entry}/comm`, 'utf8').trim(), ms: Object.values(threads).reduce((a, b) => a + b, 0), threads });
    } catch {
      // gone meanwhile
    }
  }
  const ours = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, parent] of parents) if (!ours.has(pid) && ours.has(parent)) grew = Boolean(ours.add(pid));
  }
  const result = new Map<number, Proc>();
  for (const pid of ours) {
    const stat = stats.get(pid);
    if (!stat) continue;
    const pss = () => {
      try {
        return Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0) * 1024;
      } catch {
        return 0;
      }
    };
    result.set(pid, { ...stat, pss });
  }
  return result;
}

/** A process's CPU so far by thread name (ms): its threads' `schedstat` (ns; /proc's ticks are 10 ms, a whole idle minute's worth of some processes). */
function threadsMs(pid: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const ns = Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
      const name = readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
      out[name] = (out[name] ?? 0) + ns / 1e6;
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

function threadsOver(before: Map<number, Proc>, after: Map<number, Proc>, name: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [pid, proc] of after) {
    if (proc.name !== name) continue;
    for (const [thread, ms] of Object.entries(proc.threads)) out[thread] = (out[thread] ?? 0) + ms - (before.get(pid)?.threads[thread] ?? 0);
  }
  return out;
}

function cpuOver(before: Map<number, Proc>, after: Map<number, Proc>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [pid, { name, ms }] of after) out[name] = (out[name] ?? 0) + ms - (before.get(pid)?.ms ?? 0);
  return out;
}

const FLOOR_ID = 'idle-floor@circle-live.dev';

/**
 * The floor's extension, unpacked in `dir`, to install as a temporary add-on as Circle Live is
 * (a sideloaded event page would not start until an event woke it): an MV3 event page whose rule sets the
 * handshake's headers, which subscribes to one channel on `welcome`, then only receives, and
 * calls the parent at most every 10 s, without which Firefox suspends the page and its socket
 * (Circle Live's host calls it on every frame: throttled to this, its idle minute in Firefox
 * did not change beyond the runs' spread, 59–64 ms/min both ways, so the simpler call stays).
 */
function writeFloorExtension(dir: string, socket: FloorSocket): string {
  mkdirSync(dir, { recursive: true });
  const rule = handshakeRule(socket);
  const files: Record<string, string> = {
    'manifest.json': JSON.stringify({
      manifest_version: 3,
      name: 'Idle floor (socket)',
      version: '1.0',
      browser_specific_settings: { gecko: { id: FLOOR_ID, data_collection_permissions: { required: ['none'] } } },
      permissions: ['declarativeNetRequestWithHostAccess'],
      host_permissions: ['http://127.0.0.1/*', 'ws://127.0.0.1/*'],
      background: { scripts: ['background.js'] },
      // Firefox's MV3 default adds `upgrade-insecure-requests`, which would make the simulator's ws:// a wss:// (close 1015), as Circle Live's local flavour also avoids.
      content_security_policy: { extension_pages: "script-src 'self'; object-src 'self'" },
    }),
    'background.js': `browser.declarativeNetRequest.updateSessionRules({ removeRuleIds: [1], addRules: [${JSON.stringify(rule)}] }).then(() => {
  const socket = new WebSocket(${JSON.stringify(socket.url)}, ['actioncable-v1-json']);
  let subscribed = false;
  let keptAliveAt = -Infinity;
  socket.onmessage = () => {
    if (Date.now() - keptAliveAt >= 10000) {
      keptAliveAt = Date.now();
      void browser.runtime.getPlatformInfo();
    }
    if (!subscribed) {
      subscribed = true;
      socket.send(JSON.stringify({ command: 'subscribe', identifier: ${JSON.stringify(socket.identifier)} }));
    }
  };
});`,
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const rootOf = (session: FirefoxSession) => session.browser.process()?.pid ?? Number.NaN;

export async function measureFirefoxIdle(seconds: number, log: (line: string) => void): Promise<FirefoxIdleRun> {
  const sim = await startSimulator({ port: 0, pingIntervalMs: PING_MS });
  const floorProfile = mkdtempSync(join(tmpdir(), 'circle-live-bench-firefox-floor-'));
  let ours: FirefoxSession | undefined;
  let floor: FirefoxSession | undefined;
  try {
    // A profile of our own, so that the harness installs nothing in it; then the floor's extension instead of Circle Live.
    floor = await launchFirefox({ profile: floorProfile });
    await floor.browser.installExtension(writeFloorExtension(join(floorProfile, 'floor-extension'), floorSocketOf(sim)));
    await until("the floor's socket", () => (openSockets(sim, BARE_MEMBER).some((subs) => subs.length === 1) ? true : undefined), 30_000, 100);
    ours = await launchFirefox();
    const o = ours;
    await o.setSettings({ circleUrl: sim.url, origin: DEMO.origin, auth: { mode: 'appToken', appToken: DEMO.appToken, email: DEMO.email } });
    await until('the first sync in Firefox', async () => {
      const status = (await o.status()) as { phase?: string; sync?: { finishedAt?: number } } | undefined;
      return status?.phase === 'live' && status.sync?.finishedAt ? true : undefined;
    }, 60_000, 250);
    await settledSubscriptions([sim], 60_000);
    await o.closeBridge();
    log(`idle (Firefox): live; ${SETTLE_MS / 1000} s to settle, then ${WINDOWS} × ${seconds} s of nothing beside a Firefox holding a bare socket`);
    await sleep(SETTLE_MS);
    const handshakesBefore = Number(sim.control.health().handshakes);
    const perMin = (ms: number) => (ms * 60) / seconds;
    const windows: FirefoxIdleWindow[] = [];
    let last = { ours: tree(rootOf(o)), floor: tree(rootOf(floor)) };
    const first = last;
    for (let i = 0; i < WINDOWS; i++) {
      await sleep(seconds * 1000);
      const now = { ours: tree(rootOf(o)), floor: tree(rootOf(floor)) };
      const ours = perMin(cpuOver(last.ours, now.ours).WebExtensions ?? 0);
      const floorMs = perMin(cpuOver(last.floor, now.floor).WebExtensions ?? 0);
      windows.push({ ours, floor: floorMs });
      log(`idle (Firefox): window ${i + 1}/${WINDOWS}: WebExtensions ${ours.toFixed(1)} ms/min, the floor's ${floorMs.toFixed(1)}`);
      last = now;
    }
    const after = last;
    const pssOf = (procs: Map<number, Proc>, only?: string) => [...procs.values()].filter((p) => !only || p.name === only).reduce((total, p) => total + p.pss(), 0);
    const total = seconds * WINDOWS;
    const run: FirefoxIdleRun = {
      seconds,
      windows,
      overMsPerMin: median(windows.map((w) => w.ours - w.floor)),
      cpu: { ours: cpuOver(first.ours, after.ours), floor: cpuOver(first.floor, after.floor) },
      extensionMsPerMin: median(windows.map((w) => w.ours)),
      floorExtensionMsPerMin: median(windows.map((w) => w.floor)),
      pss: { ours: pssOf(after.ours), floor: pssOf(after.floor), extensionProcess: pssOf(after.ours, 'WebExtensions') },
      handshakes: Number(sim.control.health().handshakes) - handshakesBefore,
      extensionThreads: Object.fromEntries(Object.entries(threadsOver(first.ours, after.ours, 'WebExtensions')).map(([t, ms]) => [t, (ms * 60) / total])),
    };
    log(`idle (Firefox): over the floor, median of ${WINDOWS} windows ${run.overMsPerMin.toFixed(1)} ms/min`);
    log(`idle (Firefox): by thread (ms/min) ${Object.entries(run.extensionThreads).filter(([, ms]) => ms >= 0.5).sort((a, b) => b[1] - a[1]).map(([t, ms]) => `${t} ${ms.toFixed(1)}`).join(', ')}`);
    return run;
  } finally {
    await ours?.close().catch(() => undefined);
    await floor?.close().catch(() => undefined);
    await sim.stop();
    rmSync(floorProfile, { recursive: true, force: true });
  }
}
