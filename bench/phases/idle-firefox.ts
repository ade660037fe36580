import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO, startSimulator } from '../../simulator';
import { launchFirefox, type FirefoxSession } from '../../e2e/firefox/harness';
import { sleep, until } from '../lib/clock';
import { PING_MS, settledSubscriptions } from '../lib/session';

/**
 * Idle in Firefox ESR: Circle Live (the local flavour, installed as the e2e suite installs it)
 * signed in, its cable open in the event page, and nothing happening for `seconds`; beside it,
 * through the same window, a Firefox launched the same way without the extension (the floor).
 * Firefox names its processes (`comm`): the extension's event page runs in `WebExtensions`.
 * CPU is the sum of each process's threads' `schedstat` (a thread that ends in the window takes its
 * share with it), per process of each browser's tree; memory is PSS. The floor
 * holds no socket, so the difference includes the cable's own cost (a ping every 3 s).
 * No extension page is open during the window: the bridge tab the setup used is closed.
 */
export interface FirefoxIdleRun {
  seconds: number;
  /** CPU ms over the window by process name: Circle Live's Firefox, and the floor's. */
  cpu: { ours: Record<string, number>; floor: Record<string, number> };
  /** The WebExtensions process, ms per minute: Circle Live's, and the floor's (Firefox's built-in add-ons). */
  extensionMsPerMin: number;
  floorExtensionMsPerMin: number;
  /** PSS bytes after the window: each Firefox in all, and Circle Live's WebExtensions process. */
  pss: { ours: number; floor: number; extensionProcess: number };
  handshakes: number;
}

/** The sign-in's own work (the first sync, its garbage) settles before the window opens. */
const SETTLE_MS = 30_000;

interface Proc {
  name: string;
  ms: number;
  pss: () => number;
}

/** Every process under the Firefox whose pid is `root`, by pid: its name, CPU ms so far and PSS. */
function tree(root: number): Map<number, Proc> {
  const parents = new Map<number, number>();
  const stats = new Map<number, { name: string; ms: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(entry), Number(fields[1]));
      stats.set(Number(entry), { name: readFileSync(`/proc/${entry}/comm`, 'utf8').trim(), ms: threadsMs(entry) });
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

/** A process's CPU so far: its threads' `schedstat` (ns; /proc's ticks are 10 ms, a whole idle minute's worth of some processes). */
function threadsMs(pid: string): number {
  let ns = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // gone meanwhile
    }
  }
  return ns / 1e6;
}

function cpuOver(before: Map<number, Proc>, after: Map<number, Proc>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [pid, { name, ms }] of after) out[name] = (out[name] ?? 0) + ms - (before.get(pid)?.ms ?? 0);
  return out;
}

const rootOf = (session: FirefoxSession) => session.browser.process()?.pid ?? Number.NaN;

export async function measureFirefoxIdle(seconds: number, log: (line: string) => void): Promise<FirefoxIdleRun> {
  const sim = await startSimulator({ port: 0, pingIntervalMs: PING_MS });
  const floorProfile = mkdtempSync(join(tmpdir(), 'circle-live-bench-firefox-floor-'));
  let ours: FirefoxSession | undefined;
  let floor: FirefoxSession | undefined;
  try {
    // A profile of our own and nothing installed in it: Firefox as the harness launches it, without the extension.
    floor = await launchFirefox({ profile: floorProfile });
    ours = await launchFirefox();
    const o = ours;
    await o.setSettings({ circleUrl: sim.url, origin: DEMO.origin, auth: { mode: 'appToken', appToken: DEMO.appToken, email: DEMO.email } });
    await until('the first sync in Firefox', async () => {
      const status = (await o.status()) as { phase?: string; sync?: { finishedAt?: number } } | undefined;
      return status?.phase === 'live' && status.sync?.finishedAt ? true : undefined;
    }, 60_000, 250);
    await settledSubscriptions([sim], 60_000);
    await o.closeBridge();
    log(`idle (Firefox): live; ${SETTLE_MS / 1000} s to settle, then ${seconds} s of nothing beside a Firefox without the extension`);
    await sleep(SETTLE_MS);
    const handshakesBefore = Number(sim.control.health().handshakes);
    const before = { ours: tree(rootOf(o)), floor: tree(rootOf(floor)) };
    await sleep(seconds * 1000);
    const after = { ours: tree(rootOf(o)), floor: tree(rootOf(floor)) };
    const cpu = { ours: cpuOver(before.ours, after.ours), floor: cpuOver(before.floor, after.floor) };
    const perMin = (ms: number) => (ms * 60) / seconds;
    const pssOf = (procs: Map<number, Proc>, only?: string) => [...procs.values()].filter((p) => !only || p.name === only).reduce((total, p) => total + p.pss(), 0);
    const run: FirefoxIdleRun = {
      seconds,
      cpu,
      extensionMsPerMin: perMin(cpu.ours.WebExtensions ?? 0),
      floorExtensionMsPerMin: perMin(cpu.floor.WebExtensions ?? 0),
      pss: { ours: pssOf(after.ours), floor: pssOf(after.floor), extensionProcess: pssOf(after.ours, 'WebExtensions') },
      handshakes: Number(sim.control.health().handshakes) - handshakesBefore,
    };
    log(`idle (Firefox): WebExtensions ${run.extensionMsPerMin.toFixed(1)} ms/min, the floor's ${run.floorExtensionMsPerMin.toFixed(1)}`);
    return run;
  } finally {
    await ours?.close().catch(() => undefined);
    await floor?.close().catch(() => undefined);
    await sim.stop();
    rmSync(floorProfile, { recursive: true, force: true });
  }
}
