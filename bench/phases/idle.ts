import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO, startSimulator } from '../../simulator';
import { launchWithExtension } from '../../scripts/chromium';
import { sleep, until } from '../lib/clock';
import { heapOf, type Heap } from '../lib/memory';
import { processCpu } from '../lib/profile';
import { launchCircleLive, PING_MS, settledSubscriptions } from '../lib/session';

/**
 * Idle: Circle Live signed in, its cable open, and nothing happening for `seconds` (the
 * simulator pings every 3 s, as Rails does; nothing else is sent). Beside it, in the same
 * minute, the floor: a browser launched the same way with, instead of Circle Live, an extension
 * of the same shape that does nothing (a service worker that opens an offscreen document, which
 * starts a dedicated worker; no socket, no timers), so that what any extension renderer costs
 * Chromium when idle is subtracted. CPU is read from /proc per process (10 ms ticks) for both
 * browsers over the same window; Circle Live's cost is its renderer (service worker, offscreen
 * document and socket worker share it) beyond the floor's, and its whole browser beyond the
 * floor's (the browser and network processes carry the socket).
 * Memory afterwards: the V8 heaps of the worker, the offscreen document and the socket worker
 * (CDP `Runtime.getHeapUsage`), and each browser's proportional set size (PSS, /proc).
 *
 * Playwright holds a debugging session on the service worker, so the worker is never stopped
 * for idleness here as Chrome would stop it after 30 s: the figures are those of a worker kept
 * awake, an upper bound of what the member's machine spends.
 */
export interface IdleRun {
  seconds: number;
  /** CPU ms by process kind over the window, Circle Live's browser and the floor's. */
  cpu: { ours: Record<string, number>; floor: Record<string, number> };
  /** The extension's renderer process alone, ms per minute, Circle Live's and the do-nothing extension's. */
  extensionMsPerMin: number;
  floorExtensionMsPerMin: number;
  /** Circle Live's whole browser minus the floor's whole browser, ms per minute. */
  overFloorMsPerMin: number;
  /** Proportional set size of every process, MB-ready bytes. */
  pss: { ours: number; floor: number; extensionProcess: number };
  heaps: { background?: Heap; offscreen?: Heap; socketWorker?: Heap };
  /** Cable handshakes meanwhile: an idle minute should hold one socket, not reconnect. */
  handshakes: number;
}

/** Circle Live's shape without its code: worker → offscreen document → dedicated worker, all idle. */
function writeFloorExtension(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const files: Record<string, string> = {
    'manifest.json': JSON.stringify({ manifest_version: 3, name: 'Idle floor', version: '1.0', permissions: ['offscreen'], background: { service_worker: 'background.js' } }),
    'background.js': "chrome.offscreen.createDocument({ url: 'offscreen.html', reasons: ['WORKERS'], justification: 'the bench floor' });",
    'offscreen.html': '<!doctype html><script src="offscreen.js"></script>',
    'offscreen.js': "new Worker('worker.js');",
    'worker.js': '',
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

const sum = (record: Record<string, number>) => Object.values(record).reduce((a, b) => a + b, 0);

export async function measureIdle(build: string, seconds: number, log: (line: string) => void): Promise<IdleRun> {
  const work = mkdtempSync(join(tmpdir(), 'circle-live-bench-idle-'));
  const sim = await startSimulator({ port: 0, pingIntervalMs: PING_MS });
  const floorDir = join(work, 'floor-profile');
  const floor = await launchWithExtension(writeFloorExtension(join(work, 'floor-extension')), floorDir);
  const ours = await launchCircleLive(join(work), build);
  try {
    await ours.worker.evaluate((value) => chrome.storage.local.set({ settings: value }), { circleUrl: sim.url, origin: DEMO.origin, auth: { mode: 'appToken', appToken: DEMO.appToken, email: DEMO.email } });
    await until('the first sync', () => ours.worker.evaluate(async () => {
      const board = (await chrome.storage.local.get('status')).status as { communities?: { phase?: string; sync?: { finishedAt?: number } }[] } | undefined;
      return board?.communities?.[0]?.phase === 'live' && board.communities[0].sync?.finishedAt ? true : undefined;
    }), 60_000, 250);
    await settledSubscriptions([sim], 60_000);
    // The sign-in's follow-ups (alerts, the room plan, IndexedDB compaction) are not idleness.
    await sleep(5_000);
    const handshakesBefore = Number(sim.control.health().handshakes);
    log(`idle: live; ${seconds} s of nothing, beside the floor (an extension of the same shape doing nothing)`);
    const before = { ours: processCpu(ours.profileDir), floor: processCpu(floorDir) };
    await sleep(seconds * 1000);
    const cpu = { ours: cpuOver(before.ours, processCpu(ours.profileDir)), floor: cpuOver(before.floor, processCpu(floorDir)) };
    const handshakes = Number(sim.control.health().handshakes) - handshakesBefore;
    const perMin = (ms: number) => (ms * 60) / seconds;
    const extensionMs = (cpu: Record<string, number>) => Object.entries(cpu).filter(([kind]) => kind.includes('extensions')).reduce((a, [, ms]) => a + ms, 0);
    const oursPss = pssOf(ours.profileDir);
    const run: IdleRun = {
      seconds,
      cpu,
      extensionMsPerMin: perMin(extensionMs(cpu.ours)),
      floorExtensionMsPerMin: perMin(extensionMs(cpu.floor)),
      overFloorMsPerMin: perMin(sum(cpu.ours) - sum(cpu.floor)),
      pss: { ours: oursPss.total, floor: pssOf(floorDir).total, extensionProcess: oursPss.extension },
      heaps: { background: await heapOf(ours, 'background'), offscreen: await heapOf(ours, 'offscreen'), socketWorker: await heapOf(ours, 'socket-worker') },
      handshakes,
    };
    log(`idle: extension renderer ${run.extensionMsPerMin.toFixed(0)} ms/min, whole browser over the floor ${run.overFloorMsPerMin.toFixed(0)} ms/min`);
    return run;
  } finally {
    ours.cdp.close();
    await ours.context.close().catch(() => undefined);
    await floor.close().catch(() => undefined);
    await sim.stop();
    rmSync(work, { recursive: true, force: true });
  }
}
