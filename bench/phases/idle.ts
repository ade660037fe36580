import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO, startSimulator } from '../../simulator';
import { launchWithExtension } from '../../scripts/chromium';
import { sleep, until } from '../lib/clock';
import { floorSocketOf, handshakeRule, type FloorSocket } from '../lib/floor-socket';
import { heapOf, type Heap } from '../lib/memory';
import { processCpu } from '../lib/profile';
import type { BrowserContext } from '@playwright/test';
import { BARE_MEMBER, launchCircleLive, openSockets, PING_MS, settledSubscriptions, type Launched } from '../lib/session';

/**
 * Idle: Circle Live signed in, its cable open, and nothing happening for `seconds` (the
 * simulator pings every 3 s, as Rails does; nothing else is sent). Beside it, through the same
 * window, the floors, each a browser launched the same way with, instead of Circle Live, an
 * extension of its shape (worker → offscreen document → dedicated worker): one doing nothing,
 * and one whose dedicated worker holds a bare socket to the same simulator, which is the
 * goal's floor, so that what Chromium spends on an extension renderer and on a socket held this
 * way is subtracted. The renderers' CPU is the sum of their threads' `schedstat` (ns), with each
 * thread's wake-ups, so the figure says which context spends it; the whole browsers' CPU is
 * /proc's (10 ms ticks), per process.
 * Memory afterwards: the V8 heaps of the worker, the offscreen document and the socket worker
 * (CDP `Runtime.getHeapUsage`), and each browser's proportional set size (PSS, /proc).
 *
 * Playwright holds a debugging session on the service worker, so the worker is never stopped
 * for idleness here as Chrome would stop it after 30 s: the figures are those of a worker kept
 * awake (on a member's machine the watchdog alarm, an event every 30 s, may do the same; not
 * measured here).
 */
export interface IdleRun {
  seconds: number;
  /** CPU ms by process kind over the window: Circle Live's browser, and the goal's floor's (the bare socket). */
  cpu: { ours: Record<string, number>; floor: Record<string, number> };
  /** The extension's renderer alone (its threads' schedstat), ms per minute: Circle Live's, and the goal's floor's. */
  extensionMsPerMin: number;
  floorExtensionMsPerMin: number;
  /** Circle Live's whole browser minus the goal floor's whole browser, ms per minute. */
  overFloorMsPerMin: number;
  /** Every floor measured, each in its own browser through the same window. */
  /** Circle Live's renderer by thread (ms over the window): which context spends it. */
  threads: Record<string, ThreadSpend>;
  floors: { kind: FloorKind; threads: Record<string, ThreadSpend>; extensionMsPerMin: number; browserMsPerMin: number; cpu: Record<string, number>; pss: number; aftermathMs: number }[];
  /** The span between the settled sign-in and the window: Circle Live's renderer by thread, and the goal floor's total. */
  aftermath: { ms: number; ours: Record<string, ThreadSpend>; floorMs: number };
  /** Proportional set size of every process, bytes: Circle Live's browser, the goal floor's, Circle Live's renderer. */
  pss: { ours: number; floor: number; extensionProcess: number };
  heaps: { background?: Heap; offscreen?: Heap; socketWorker?: Heap };
  /** Cable handshakes meanwhile: an idle minute should hold one socket per browser, not reconnect. */
  handshakes: number;
  /** `storage` keys written during the window (area.key, once per change). */
  storageWrites: string[];
}

/**
 * The floors: Circle Live's shape without its code, in a browser of its own each.
 * - `shape`: worker → offscreen document → dedicated worker, all idle (what any such extension costs);
 * - `socket`: the same, and the dedicated worker holds a bare socket to the same simulator
 *   (its rule sets the handshake's headers, it subscribes to one channel on `welcome`, then
 *   only receives): the platform's cost of a cable held the way Chrome lets an extension hold one;
 * - `forward`: `socket`, and every frame posted on to the document, which parses it: the
 *   least a client whose cable logic runs in the document pays (a diagnosis, not a goal).
 */
export type FloorKind = 'shape' | 'socket' | 'forward';
export const FLOOR_KINDS: readonly FloorKind[] = ['shape', 'socket'];

function writeFloorExtension(dir: string, kind: FloorKind, socket: FloorSocket): string {
  mkdirSync(dir, { recursive: true });
  const rule = handshakeRule(socket);
  const open = "chrome.offscreen.createDocument({ url: 'offscreen.html', reasons: ['WORKERS'], justification: 'the bench floor' }).catch(() => undefined);";
  const files: Record<string, string> = {
    'manifest.json': JSON.stringify({
      manifest_version: 3,
      name: `Idle floor (${kind})`,
      version: '1.0',
      permissions: ['offscreen', 'declarativeNetRequestWithHostAccess'],
      host_permissions: ['http://127.0.0.1/*', 'ws://127.0.0.1/*'],
      background: { service_worker: 'background.js' },
    }),
    'background.js': kind === 'shape' ? open : `chrome.declarativeNetRequest.updateSessionRules({ removeRuleIds: [1], addRules: [${JSON.stringify(rule)}] }).then(() => ${open.slice(0, -1)});`,
    'offscreen.html': '<!doctype html><script src="offscreen.js"></script>',
    'offscreen.js': kind === 'forward' ? "new Worker('worker.js').onmessage = (event) => JSON.parse(event.data);" : "new Worker('worker.js');",
    'worker.js':
      kind === 'shape'
        ? ''
        : `const socket = new WebSocket(${JSON.stringify(socket.url)}, ['actioncable-v1-json']);
let subscribed = false;
socket.onmessage = (event) => {
  if (!subscribed) {
    subscribed = true;
    socket.send(JSON.stringify({ command: 'subscribe', identifier: ${JSON.stringify(socket.identifier)} }));
  }
  ${kind === 'forward' ? 'postMessage(event.data);' : ''}
};`,
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** PSS of every process of the browser whose user data dir is `profileDir` (bytes), and of its extension renderer. */
function pssOf(profileDir: string): { total: number; extension: number } {
  let total = 0;
  let extension = 0;
  for (const pid of processCpu(profileDir).keys()) {
    try {
      const kb = Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
      total += kb * 1024;
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--extension-process')) extension += kb * 1024;
    } catch {
      // gone meanwhile
    }
  }
  return { total, extension };
}

function cpuOver(before: Map<number, { kind: string; ms: number }>, after: Map<number, { kind: string; ms: number }>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [pid, { kind, ms }] of after) out[kind] = (out[kind] ?? 0) + ms - (before.get(pid)?.ms ?? 0);
  return out;
}

/**
 * Per thread of the browser's extension renderers, by name (`comm`: the main thread, each
 * worker's thread, V8's helpers): CPU from `schedstat` (nanoseconds, unlike /proc's 10 ms
 * ticks) and wake-ups (voluntary context switches: each is the thread going to sleep, so
 * once per task it was woken for).
 */
type ThreadReading = Map<string, { ns: number; wakes: number }>;

function extensionThreads(profileDir: string): ThreadReading {
  const out: ThreadReading = new Map();
  for (const pid of processCpu(profileDir).keys()) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--extension-process')) continue;
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        // The main thread carries the process's name; it runs the offscreen document.
        const name = tid === String(pid) ? 'main' : readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
        const ns = Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
        const wakes = Number(/^voluntary_ctxt_switches:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/task/${tid}/status`, 'utf8'))?.[1] ?? 0);
        out.set(`${name}#${tid}`, { ns, wakes });
      }
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

export interface ThreadSpend {
  ms: number;
  wakes: number;
}

/** Between two readings, summed by thread name (V8's helpers are several threads of one name). */
function threadsOver(before: ThreadReading, after: ThreadReading): Record<string, ThreadSpend> {
  const out: Record<string, ThreadSpend> = {};
  for (const [key, now] of after) {
    const name = key.slice(0, key.lastIndexOf('#'));
    const then = before.get(key) ?? { ns: 0, wakes: 0 };
    const spent = out[name] ?? { ms: 0, wakes: 0 };
    spent.ms += (now.ns - then.ns) / 1e6;
    spent.wakes += now.wakes - then.wakes;
    out[name] = spent;
  }
  for (const [name, spent] of Object.entries(out)) if (spent.wakes === 0 && spent.ms < 0.05) delete out[name];
  return out;
}

const sum = (record: Record<string, number>) => Object.values(record).reduce((a, b) => a + b, 0);

/** The floor the goal is measured against: the platform's cost of a socket held in Circle Live's shape. */
const GOAL_FLOOR: FloorKind = 'socket';

/** `BENCH_IDLE_FLOORS=shape,socket,forward` measures more floors (each another browser on the same 2 cores). */
function floorKinds(): FloorKind[] {
  const asked = (process.env.BENCH_IDLE_FLOORS ?? '').split(',').filter((k): k is FloorKind => ['shape', 'socket', 'forward'].includes(k));
  return [...new Set<FloorKind>([...(asked.length ? asked : FLOOR_KINDS), GOAL_FLOOR])];
}

/**
 * After the sign-in settled, V8's memory reducer collects its garbage later, in the worker and
 * in the document: a few full GCs at the first wake some 20–30 s on (a trace put them right after
 * the first watchdog ring). That is the sign-in's cost, not the idle minute's: the window starts
 * after this, and the span is measured on its own.
 */
const AFTERMATH_MS = 45_000;

const threadMs = (t: Record<string, ThreadSpend>) => Object.values(t).reduce((a, b) => a + b.ms, 0);

export async function measureIdle(build: string, seconds: number, log: (line: string) => void): Promise<IdleRun> {
  const work = mkdtempSync(join(tmpdir(), 'circle-live-bench-idle-'));
  const sim = await startSimulator({ port: 0, pingIntervalMs: PING_MS });
  const socket = floorSocketOf(sim);
  const kinds = floorKinds();
  const floors: { kind: FloorKind; dir: string; context: BrowserContext }[] = [];
  let ours: Launched | undefined;
  try {
    for (const kind of kinds) {
      const dir = join(work, `floor-${kind}-profile`);
      floors.push({ kind, dir, context: await launchWithExtension(writeFloorExtension(join(work, `floor-${kind}`), kind, socket), dir) });
    }
    const sockets = kinds.filter((k) => k !== 'shape').length;
    await until("the floors' sockets", () => (openSockets(sim, BARE_MEMBER).filter((subs) => subs.length === 1).length === sockets ? true : undefined), 30_000, 100);
    ours = await launchCircleLive(join(work), build);
    const o = ours;
    await o.worker.evaluate((value) => chrome.storage.local.set({ settings: value }), { circleUrl: sim.url, origin: DEMO.origin, auth: { mode: 'appToken', appToken: DEMO.appToken, email: DEMO.email } });
    await until('the first sync', () => o.worker.evaluate(async () => {
      const board = (await chrome.storage.local.get('status')).status as { communities?: { phase?: string; sync?: { finishedAt?: number } }[] } | undefined;
      return board?.communities?.[0]?.phase === 'live' && board.communities[0].sync?.finishedAt ? true : undefined;
    }), 60_000, 250);
    await settledSubscriptions([sim], 60_000);
    const reading = () => ({ ours: extensionThreads(o.profileDir), floors: floors.map((f) => extensionThreads(f.dir)) });
    log(`idle: live; ${AFTERMATH_MS / 1000} s for the sign-in's aftermath, then ${seconds} s of nothing, beside the floors (${kinds.join(', ')}), each in its own browser`);
    const settled = reading();
    await sleep(AFTERMATH_MS);
    const handshakesBefore = Number(sim.control.health().handshakes);
    // A status write per ping (a "last heard" time) would be an idle cost of its own: counted.
    await o.worker.evaluate(() => {
      const g = globalThis as unknown as { benchStorageWrites?: string[] };
      g.benchStorageWrites = [];
      chrome.storage.onChanged.addListener((changes, area) => g.benchStorageWrites!.push(...Object.keys(changes).map((key) => `${area}.${key}`)));
    });
    const before = { ...reading(), procOurs: processCpu(o.profileDir), procFloors: floors.map((f) => processCpu(f.dir)) };
    await sleep(seconds * 1000);
    const after = reading();
    const storageWrites = await o.worker.evaluate(() => (globalThis as unknown as { benchStorageWrites: string[] }).benchStorageWrites);
    const cpuOurs = cpuOver(before.procOurs, processCpu(o.profileDir));
    const cpuFloors = floors.map((f, i) => cpuOver(before.procFloors[i]!, processCpu(f.dir)));
    const handshakes = Number(sim.control.health().handshakes) - handshakesBefore;
    const threads = threadsOver(before.ours, after.ours);
    const perMin = (ms: number) => (ms * 60) / seconds;
    const oursPss = pssOf(o.profileDir);
    const measured = floors.map((f, i) => {
      const t = threadsOver(before.floors[i]!, after.floors[i]!);
      return { kind: f.kind, threads: t, extensionMsPerMin: perMin(threadMs(t)), browserMsPerMin: perMin(sum(cpuFloors[i]!)), cpu: cpuFloors[i]!, pss: pssOf(f.dir).total, aftermathMs: threadMs(threadsOver(settled.floors[i]!, before.floors[i]!)) };
    });
    const goal = measured.find((f) => f.kind === GOAL_FLOOR)!;
    const run: IdleRun = {
      seconds,
      cpu: { ours: cpuOurs, floor: goal.cpu },
      extensionMsPerMin: perMin(threadMs(threads)),
      floorExtensionMsPerMin: goal.extensionMsPerMin,
      overFloorMsPerMin: perMin(sum(cpuOurs)) - goal.browserMsPerMin,
      threads,
      floors: measured,
      aftermath: { ms: AFTERMATH_MS, ours: threadsOver(settled.ours, before.ours), floorMs: goal.aftermathMs },
      pss: { ours: oursPss.total, floor: goal.pss, extensionProcess: oursPss.extension },
      heaps: { background: await heapOf(o, 'background'), offscreen: await heapOf(o, 'offscreen'), socketWorker: await heapOf(o, 'socket-worker') },
      handshakes,
      storageWrites,
    };
    log(`idle: Circle Live's renderer by thread (CPU/wake-ups): ${byThread(threads)}`);
    for (const f of measured) log(`idle: the ${f.kind} floor's renderer by thread (CPU/wake-ups): ${byThread(f.threads)}`);
    log(`idle: the sign-in's aftermath (${AFTERMATH_MS / 1000} s): ${byThread(run.aftermath.ours)}`);
    log(`idle: extension renderer ${run.extensionMsPerMin.toFixed(1)} ms/min (floors: ${measured.map((f) => `${f.kind} ${f.extensionMsPerMin.toFixed(1)}`).join(', ')}), whole browser over the ${GOAL_FLOOR} floor's ${run.overFloorMsPerMin.toFixed(0)} ms/min`);
    return run;
  } finally {
    ours?.cdp.close();
    await ours?.context.close().catch(() => undefined);
    for (const f of floors) await f.context.close().catch(() => undefined);
    await sim.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

/** `main 17.1 ms/66, …`: CPU and wake-ups by thread, the costliest first. */
export function byThread(t: Record<string, ThreadSpend>): string {
  return Object.entries(t).sort((x, y) => y[1].ms - x[1].ms).map(([k, v]) => `${k} ${v.ms.toFixed(1)} ms/${v.wakes}`).join(', ') || 'none';
}
