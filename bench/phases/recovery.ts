import { benchNow, calibrate, sleep, toBench, until } from '../lib/clock';
import { AC_MEMBER, MEMBER, type ExtWindow, type ProbeTab, type ProbeWindow, type Session } from '../lib/session';

/**
 * Faults against both clients at once, on the same simulator (Rails' 3 s ping): Circle Live
 * (member 2400, its socket in the offscreen document) and the official @rails/actioncable
 * consumer in a probe tab of the same browser (member 2402). One call hits every socket, so
 * each trial is a paired comparison; trials start at a random point of the ping period and
 * of the official client's stale check.
 *
 * - half-open: every socket goes silent and deaf (`/_sim/half-open`). "Noticed" is the moment
 *   a client gives the link up: Circle Live's cable leaves `connected` (its state change, as
 *   the background records it in `status.cable.since`); the official client logs "detected
 *   stale connection". "Live" is a new socket of that member with every subscription
 *   confirmed, as the simulator sees it.
 * - server_restart: `/_sim/restart` (Rails' `ActionCable.server.restart`); "live" as above.
 */
export interface RecoveryTrial {
  noticedMs?: { ours: number; official: number };
  liveMs: { ours: number; official: number };
}

export interface RecoveryRun {
  halfOpen: RecoveryTrial[];
  restart: RecoveryTrial[];
  /** Trials where a client had not recovered within the timeout (counted as the timeout). */
  timeouts: { ours: number; official: number };
}

const LIVE_TIMEOUT_MS = 45_000;
const SILENT_MS = 40_000;

/** When each member next has a socket opened after `since` with all `wanted` subscriptions confirmed (server side, polled every 5 ms). */
function watchLive(s: Session, wanted: Map<number, number>, since: number): Promise<Map<number, number>> {
  const live = new Map<number, number>();
  return new Promise((resolve) => {
    const end = Date.now() + LIVE_TIMEOUT_MS;
    const timer = setInterval(() => {
      for (const connection of s.sim.control.connections()) {
        const member = connection.community_member_id;
        const count = wanted.get(member);
        if (count === undefined || live.has(member)) continue;
        if (connection.state === 'open' && new Date(connection.opened_at).getTime() >= Math.floor(since) && connection.subscriptions.length >= count) live.set(member, benchNow());
      }
      if (live.size === wanted.size || Date.now() > end) {
        clearInterval(timer);
        resolve(live);
      }
    }, 5);
  });
}

async function openOfficial(s: Session): Promise<ProbeTab> {
  const tab = await s.probeTab(AC_MEMBER);
  await tab.page.evaluate(([url, member]) => (globalThis as unknown as ProbeWindow).probe.acOpen(url as string, { channel: 'ChatRoomChannel', community_member_id: member }), [s.sim.cableUrl, AC_MEMBER] as const);
  return tab;
}

/** @rails/actioncable's ConnectionMonitor: stale threshold 6 s, a check every 6 s × (1 + jitter ≤ 1). */
const OFFICIAL_FIRST_CHECK_MAX_MS = 12_000;

export async function measureRecovery(s: Session, trials: { halfOpen: number; restart: number }, log: (line: string) => void): Promise<RecoveryRun> {
  const run: RecoveryRun = { halfOpen: [], restart: [], timeouts: { ours: 0, official: 0 } };
  const official = await openOfficial(s);
  const oursChannels = () => s.sim.control.connections().find((c) => c.community_member_id === MEMBER && c.state === 'open')?.subscriptions.length ?? 0;
  try {
    for (const kind of ['halfOpen', 'restart'] as const) {
      for (let trial = 0; trial < trials[kind]; trial++) {
        await until('both clients live', () => (oursChannels() > 0 && s.sim.control.connections().some((c) => c.community_member_id === AC_MEMBER && c.state === 'open' && c.subscriptions.length === 1) ? true : undefined), LIVE_TIMEOUT_MS, 50);
        const wanted = new Map([
          [MEMBER, oursChannels()],
          [AC_MEMBER, 1],
        ]);
        // A random point of the ping period and of the official client's monitor, as a link dies
        // long after it opened: that monitor checks at a jittered 6–12 s after the connect and
        // after each check, so a fault a fixed 1–4 s after the connect always fell before its
        // first check, and its median swung between runs (5.8 s, 10.6 s) with which side of
        // that check the stale point landed on. Past its first check, the phase is near its
        // steady state; past its "recent disconnect" window too.
        await sleep(OFFICIAL_FIRST_CHECK_MAX_MS + Math.random() * OFFICIAL_FIRST_CHECK_MAX_MS);
        await s.recalibrate();
        official.clock = await calibrate(official.page);
        const wallAt = Date.now();
        const probeSince = await official.page.evaluate(() => (globalThis as unknown as ProbeWindow).probe.now());
        const t0 = benchNow();
        if (kind === 'halfOpen') s.sim.control.halfOpen(SILENT_MS);
        else s.sim.control.restart();
        const live = await watchLive(s, wanted, wallAt);
        const ours = live.get(MEMBER);
        const theirs = live.get(AC_MEMBER);
        if (ours === undefined) run.timeouts.ours += 1;
        if (theirs === undefined) run.timeouts.official += 1;
        const result: RecoveryTrial = { liveMs: { ours: (ours ?? t0 + LIVE_TIMEOUT_MS) - t0, official: (theirs ?? t0 + LIVE_TIMEOUT_MS) - t0 } };
        if (kind === 'halfOpen') {
          const statuses = await s.page.evaluate((since) => (globalThis as unknown as ExtWindow).bench.statusLog(since), toPageTime(s, t0));
          const left = statuses.map((entry) => entry.status?.cable).find((cable) => cable && cable.state !== 'connected' && cable.since >= wallAt - 1);
          const events = await official.page.evaluate((since) => (globalThis as unknown as ProbeWindow).probe.acEvents(since), probeSince);
          const stale = events.find((event) => event.what.includes('detected stale connection'));
          result.noticedMs = {
            ours: left ? left.since - wallAt : Number.NaN,
            official: stale ? toBench(official.clock, stale.at) - t0 : Number.NaN,
          };
        }
        run[kind].push(result);
        log(`${kind === 'halfOpen' ? 'half-open' : 'server_restart'} ${trial + 1}/${trials[kind]}: ${result.noticedMs ? `noticed ours ${fmt(result.noticedMs.ours)} vs official ${fmt(result.noticedMs.official)}, ` : ''}live ours ${fmt(result.liveMs.ours)} vs official ${fmt(result.liveMs.official)}`);
      }
    }
  } finally {
    await official.page.evaluate(() => (globalThis as unknown as ProbeWindow).probe.acClose()).catch(() => undefined);
    await official.page.close();
  }
  return run;
}

const fmt = (ms: number) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : 'n/a');
const toPageTime = (s: Session, benchTime: number) => benchTime + s.clock.offset;
