/**
 * `npm run bench`: is Circle Live the fastest and most robust way to follow a Circle
 * community? Drives real Chromium (headless) with the built extension against the local Circle
 * simulator and compares it, in the same run, with a bare WebSocket and the official
 * @rails/actioncable consumer. Prints a table, writes bench/results/latest.json and rewrites the
 * README's Performance section. A missed goal is reported, never a failure.
 *
 *   npm run build:local && npm run bench      the whole run (about 9 minutes on 2 cores)
 *   npm run bench -- --quick                  fewer samples, about 2 minutes, for trying things
 *   npm run bench -- --only=latency,popup     some sections (latency, popup, throughput, recovery, communities, catchup, idle, idle-firefox, search, size)
 *   npm run bench -- --profile                also profile a burst (builds .output/bench-profile)
 *   npm run bench -- --no-readme              leave README.md alone
 *   npm run bench -- --build=DIR              another local build (e.g. with a proposal applied)
 *
 * Full runs write bench/results/latest.json and the README table; --quick, --only and --build
 * runs write bench/results/partial.json (untracked) and leave the README alone.
 *
 * Method: bench/README.md.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { heapOf } from './lib/memory';
import { machine, printTable, updateReadme, writeJson } from './lib/report';
import { chromiumVersion, LOCAL_BUILD, openSession, type Session } from './lib/session';
import { median } from './lib/stats';
import { burstWithoutAlerts, diagnoseBurst, measureComponents } from './phases/diagnose';
import { measureCatchUp } from './phases/catchup';
import { measureCommunities } from './phases/communities';
import { measureIdle } from './phases/idle';
import { measureFirefoxIdle } from './phases/idle-firefox';
import { measureLatency, type LatencyRun } from './phases/latency';
import { measurePopup, seedLargeCache } from './phases/popup';
import { measureRecovery } from './phases/recovery';
import { measureSearch } from './phases/search';
import { measureSize } from './phases/size';
import { BURST_FIRST_ID, measureThroughput } from './phases/throughput';
import { rowsOf, type Results } from './rows';

const SECTIONS = ['latency', 'popup', 'throughput', 'recovery', 'communities', 'catchup', 'idle', 'idle-firefox', 'search', 'size'] as const;
type Section = (typeof SECTIONS)[number];
/** The sections measured in the one shared session (`openSession`); the others bring their own. */
const SESSION_SECTIONS: readonly Section[] = ['latency', 'popup', 'search', 'throughput', 'recovery'];

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const profile = args.includes('--profile');
const build = args.find((a) => a.startsWith('--build='))?.slice(8);
const readme = !args.includes('--no-readme') && !build;
const only = args.find((a) => a.startsWith('--only='))?.slice(7).split(',') as Section[] | undefined;
const unknown = only?.filter((name) => !SECTIONS.includes(name));
if (unknown?.length) throw new Error(`--only: no section ${unknown.join(', ')} (there are ${SECTIONS.join(', ')})`);
const wants = (section: Section) => !only || only.includes(section);

const PLAN = quick
  ? { latencyEvents: 40, coldEvents: 20, coldLargeEvents: 10, popupOpens: 6, burstEvents: 5_000, burstRounds: 1, recovery: { halfOpen: 2, restart: 1 } }
  : { latencyEvents: 200, coldEvents: 200, coldLargeEvents: 50, popupOpens: 20, burstEvents: 5_000, burstRounds: 5, recovery: { halfOpen: 12, restart: 3 } };
const ROOMS = 500;
const MESSAGES_PER_ROOM = 100;
/** The burst spreads over this many of the seeded rooms: 100 each, exactly what a room keeps. */
const BURST_ROOMS = 50;
/** Issue 20's days away: what Circle does while the browser is closed. */
const CATCH_UP = { rooms: 500, changedRooms: 200, messages: 5_000, notifications: 300 };
/** Issue 20's idle minute; quick runs take a third of it. */
const IDLE_SECONDS = quick ? 20 : 60;
/** Each round types every query of bench/phases/search.ts once: 48 keystrokes. */
const SEARCH_ROUNDS = quick ? 1 : 3;
/** Communities live at once for the memory figure (issue 18 asks for 5). */
const COMMUNITIES = 5;

const started = Date.now();
const log = (line: string) => console.info(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${line}`);


function otherChromium(): number {
  let count = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('/chromium')) count += 1;
    } catch {
      // gone
    }
  }
  return count;
}

async function browserSections(results: Results): Promise<string> {
  const s = await openSession(log, build ? resolve(build) : undefined);
  try {
    if (wants('latency')) {
      log(`latency, worker warm: ${PLAN.latencyEvents} badge + ${PLAN.latencyEvents} stored events`);
      results.warm = await measureLatency(s, PLAN.latencyEvents, false, log);
      log(`latency, worker stopped before each event: ${PLAN.coldEvents} + ${PLAN.coldEvents} events`);
      results.cold = await measureLatency(s, PLAN.coldEvents, true, log);
    }
    if (wants('popup') || wants('search') || wants('throughput') || wants('latency')) {
      log(`seeding the cache: ${ROOMS} rooms × ${MESSAGES_PER_ROOM} messages`);
      results.seed = await seedLargeCache(s, ROOMS, MESSAGES_PER_ROOM);
      log(`cache holds ${results.seed.rooms} rooms, ${results.seed.messages} messages (written in ${(results.seed.ms / 1000).toFixed(1)} s)`);
    }
    if (wants('popup')) {
      log(`popup: ${PLAN.popupOpens} opens`);
      results.popup = await measurePopup(s, PLAN.popupOpens);
    }
    if (wants('search')) {
      log(`search: the index built in the popup over ${results.seed!.messages} messages, then ${SEARCH_ROUNDS} rounds of queries typed letter by letter`);
      results.search = await measureSearch(s, results.seed!.messages, SEARCH_ROUNDS);
    }
    if (wants('latency') && results.seed) {
      log(`latency, worker stopped, ${ROOMS} rooms cached: ${PLAN.coldLargeEvents} + ${PLAN.coldLargeEvents} events`);
      results.coldLarge = await measureLatency(s, PLAN.coldLargeEvents, true, log);
    }
    if (wants('throughput')) {
      const rooms = results.seed!.syntheticRooms.slice(0, BURST_ROOMS);
      results.heap = { background: { beforeBurst: await heapOf(s, 'background') } };
      log(`throughput: ${PLAN.burstRounds} × ${PLAN.burstEvents} events into ${rooms.length} rooms, per client`);
      results.throughput = await measureThroughput(s, rooms, PLAN.burstEvents, PLAN.burstRounds, log);
      results.heap.background!.afterBurst = await heapOf(s, 'background');
      results.heap.offscreen = await heapOf(s, 'offscreen');
    }
    if (wants('recovery')) {
      log(`recovery: ${PLAN.recovery.halfOpen} half-open and ${PLAN.recovery.restart} server_restart trials, both clients at once`);
      results.recovery = await measureRecovery(s, PLAN.recovery, log);
    }
    return s.chromiumVersion;
  } finally {
    await s.close();
  }
}

/** `--profile`: an unminified, source-mapped local build, one profiled burst and one without alerts. */
async function profileSection(results: Results): Promise<void> {
  log('profile: building .output/bench-profile (local flavour, not minified, source maps)');
  await promisify(execFile)('npx', ['wxt', 'build', '-c', 'bench/wxt.profile.config.ts'], { env: { ...process.env, CIRCLE_LIVE_LOCAL: '1' }, maxBuffer: 1 << 24 });
  const s: Session = await openSession(log, resolve('.output/bench-profile/chrome-mv3-local'));
  try {
    const seed = await seedLargeCache(s, ROOMS, MESSAGES_PER_ROOM);
    const rooms = seed.syntheticRooms.slice(0, BURST_ROOMS);
    log('profile: one burst with the CPU profiler on the background and the offscreen document');
    const profiled = await diagnoseBurst(s, rooms, PLAN.burstEvents, BURST_FIRST_ID + 100_000);
    log('profile: the same burst with desktop alerts off');
    const alertsOff = await burstWithoutAlerts(s, rooms, PLAN.burstEvents, BURST_FIRST_ID + 200_000);
    log('profile: one batch, piece by piece (bench/pages/components.ts)');
    const components = await measureComponents(s, rooms, PLAN.burstEvents, 500);
    results.diagnosis = { profiled, alertsOff, components };
  } finally {
    await s.close();
  }
}

/** The raw figures for latest.json, without what only a debugging session needs (per-open timelines). */
function slim(r: Results) {
  const samples = (run: LatencyRun | undefined) =>
    run && {
      badgeMs: run.badge.map((x) => x.ms),
      storedMs: run.stored.map((x) => x.ms),
      readBackMs: run.readBack,
      workerStartMs: run.badge.some((x) => x.startMs !== undefined) ? { badge: run.badge.map((x) => x.startMs ?? null), stored: run.stored.map((x) => x.startMs ?? null) } : undefined,
      notRestarted: run.badge.concat(run.stored).filter((x) => x.woke === false).length,
      stopRetries: run.stopRetries,
      lost: run.lost,
      pollsPerEvent: run.pollsPerEvent,
    };
  return {
    ...r,
    warm: samples(r.warm),
    cold: samples(r.cold),
    coldLarge: samples(r.coldLarge),
    seed: r.seed && { ...r.seed, syntheticRooms: r.seed.syntheticRooms.length },
    popup: r.popup && { ...r.popup, timelines: undefined },
  };
}

async function main() {
  const others = otherChromium();
  if (others) log(`warning: ${others} Chromium processes of another run are up; they share the ${readFileSync('/proc/cpuinfo', 'utf8').split('processor').length - 1} cores with the bench`);
  const results: Results = { plan: PLAN };
  let chromium = chromiumVersion();
  if (SESSION_SECTIONS.some(wants)) chromium = await browserSections(results);
  if (wants('communities')) {
    log(`communities: one, then ${COMMUNITIES} at once, each in a fresh browser`);
    results.communities = await measureCommunities(build ? resolve(build) : LOCAL_BUILD, COMMUNITIES, log);
  }
  if (wants('catchup')) {
    log(`catch-up after days away: ${CATCH_UP.messages} messages in ${CATCH_UP.changedRooms} of ${CATCH_UP.rooms} rooms and ${CATCH_UP.notifications} notifications while the browser is closed`);
    results.catchUp = await measureCatchUp(build ? resolve(build) : LOCAL_BUILD, CATCH_UP, log);
  }
  if (wants('idle')) {
    log(`idle: ${IDLE_SECONDS} s with the cable open and nothing happening, beside floors of the same shape (one holding a bare socket)`);
    results.idle = await measureIdle(build ? resolve(build) : LOCAL_BUILD, IDLE_SECONDS, log);
  }
  if (wants('idle-firefox')) {
    log(`idle (Firefox): ${IDLE_SECONDS} s with the cable open in the event page, beside a Firefox holding a bare socket`);
    results.idleFirefox = await measureFirefoxIdle(IDLE_SECONDS, log);
  }
  if (wants('size')) {
    log('size: store build and zips (bench/wxt.size.config.ts → .output/bench-size)');
    results.size = await measureSize(log);
  }
  if (profile) await profileSection(results);

  const m = machine(chromium, others);
  const rows = rowsOf(results, { rooms: ROOMS, only });
  const durationS = (Date.now() - started) / 1000;
  console.info('');
  printTable(rows, (line) => console.info(line));
  if (results.diagnosis) {
    const d = results.diagnosis;
    console.info(`\nprofiled burst: ${Math.round(d.profiled.burst.rate)}/s; with alerts off: ${Math.round(d.alertsOff.rate)}/s`);
    console.info(`CPU per process during the profiled burst (ms): ${JSON.stringify(d.profiled.processCpuMs)}`);
    for (const p of d.profiled.profiles) console.info(`${p.target} self time by area (ms): ${JSON.stringify(p.byArea)}`);
    const c = d.components;
    console.info(
      [
        `one batch of ${c.batch} events, piece by piece (ms):`,
        `  runtime.sendMessage ${median(c.sendMessageMs).toFixed(1)}, parseEvent (zod) ${c.parseMs.toFixed(1)}`,
        `  Store.apply ${median(c.applyMs).toFixed(1)} trimming rooms in the transaction (its default), ${median(c.applyNoEvictionMs).toFixed(1)} with nothing to trim (live batches defer it)`,
        `  evicting 500: cursor ${c.evictCursorMs.toFixed(1)}, getAllKeys + pipelined deletes ${c.evictKeysMs.toFixed(1)}`,
        `  500 gets ${c.get500Ms.toFixed(1)} vs one getAll range ${c.getAllRangeMs.toFixed(1)}; 500 deletes ${c.delete500Ms.toFixed(1)} vs one delete(range) ${c.deleteRangeMs.toFixed(1)}`,
        `  alert reads ${c.alertReadsMs.toFixed(1)} (one transaction each) vs ${c.alertReadsOneTxMs.toFixed(1)} (one transaction); notifications.create ${c.notificationsPerCallMs.toFixed(2)} per call`,
      ].join('\n'),
    );
  }
  console.info(`\n${m.cpu}, ${m.cores} cores, Node ${m.node}, Chromium ${m.chromium}; ${Math.round(durationS)} s`);
  const command = `npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}`;
  // Only a full run of the shipped build is "latest"; partial and A/B runs go next to it, untracked.
  const full = !quick && !only && !build;
  const file = full ? 'latest.json' : 'partial.json';
  writeJson(join(import.meta.dirname, 'results', file), { command, machine: m, durationS, rows, results: slim(results) });
  log(`wrote bench/results/${file}`);
  if (readme && full) {
    updateReadme(resolve('README.md'), rows, m, command, durationS);
    log('refreshed the Performance section of README.md');
  } else if (!args.includes('--no-readme')) log('README.md left alone (a partial run: --quick, --only or --build)');
}

await main();
