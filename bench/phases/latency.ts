import type { Simulator } from '../../simulator';
import { benchNow, sleep, toBench, until } from '../lib/clock';
import { MEMBER, type ExtWindow, type Session } from '../lib/session';

/**
 * Broadcast → badge and broadcast → stored, one event at a time, the worker warm or stopped
 * just before each event. The bench's clock stamps the broadcast (the simulator runs in this
 * process, so the stamp is taken right before the frame is written to the socket); an
 * extension page stamps the outcome, and its clock is mapped onto the bench's (clock.ts).
 */
export interface LatencySample {
  ms: number;
  /** Cold runs: the background really started again for this event. */
  woke?: boolean;
  /** Cold runs: broadcast → the new background context started (its Brain's `startedAt`, ms resolution). */
  startMs?: number;
}

export interface LatencyRun {
  badge: LatencySample[];
  stored: LatencySample[];
  /** Stored runs: the record read back from IndexedDB, from the broadcast (ms). */
  readBack: number[];
  /** Events whose outcome never came (within the timeout). */
  lost: number;
  /** Badge polls per event (getBadgeText calls), for the resolution of the figure. */
  pollsPerEvent: number;
  /** Cold runs: stops repeated because the worker had been woken again at once (an interrupted batch retried). */
  stopRetries: number;
}

const TIMEOUT_MS = 10_000;

const ext = (s: Session) => ({
  armBadge: (text: string) => s.page.evaluate(([t, ms]) => (globalThis as unknown as ExtWindow).bench.armBadge(t as string, ms as number), [text, TIMEOUT_MS] as const),
  badgeResult: () => s.page.evaluate(() => (globalThis as unknown as ExtWindow).bench.badgeResult()),
  badgeText: () => s.page.evaluate(() => (globalThis as unknown as ExtWindow).bench.badgeText()),
  armStored: () => s.page.evaluate((ms) => (globalThis as unknown as ExtWindow).bench.armStored(null, ms), TIMEOUT_MS),
  storedResult: () => s.page.evaluate(() => (globalThis as unknown as ExtWindow).bench.storedResult()),
  status: () => s.page.evaluate(() => (globalThis as unknown as ExtWindow).bench.status()),
  running: () => s.page.evaluate(() => (globalThis as unknown as ExtWindow).bench.backgroundRunning()),
  readMessage: (id: number) => s.page.evaluate(([c, i]) => (globalThis as unknown as ExtWindow).bench.readMessage(c as string, i as number), [s.community, id] as const),
});

/**
 * Circle's new-notifications count, kept equal to what the bench broadcasts: each event adds
 * one unread notification to the simulator's model (silently) before the raw
 * `updateNewNotificationCount` goes out, so a REST re-read after a cold wake agrees with the
 * live count instead of racing it.
 */
class CircleCount {
  count = 0;
  private template;

  constructor(private readonly sim: Simulator) {
    this.template = [...sim.community.notifications.values()].find((n) => n.memberId === MEMBER)!;
  }

  reset(): void {
    this.sim.actions.resetNewNotifications(MEMBER, new Date());
    this.count = 0;
  }

  next(): number {
    this.count += 1;
    const id = this.sim.community.nextId('notification');
    this.sim.community.notifications.set(id, { ...this.template, id, createdAt: new Date(Date.now() + 1), readAt: null });
    return this.count;
  }
}

async function prepareCold(s: Session, cold: boolean): Promise<void> {
  if (!cold) return;
  await s.stopWorker();
  // Stopped a moment, as it would be after idling; and not woken by the watchdog alarm meanwhile.
  await sleep(50);
  if (await ext(s).running()) await s.stopWorker();
}

/**
 * After a wake the worker re-syncs with Circle over REST: let that finish before the next event
 * if it runs now, but wait at most SETTLE_MS for it. A catch-up the brain schedules for later dies
 * with the worker the next event stops, so it cannot overlap the next measurement either.
 */
const SETTLE_MS = 400;

async function settleAfterWake(s: Session, since: number, broadcastAt: number): Promise<Pick<LatencySample, 'woke' | 'startMs'>> {
  const end = Date.now() + SETTLE_MS;
  let startedAt: number | undefined;
  for (;;) {
    const status = await ext(s).status();
    if (status?.startedAt && status.startedAt >= since) startedAt = status.startedAt;
    const sync = status?.sync;
    // Settled: the restart is seen, and no catch-up runs now (none started since the wake, or it finished).
    const quiet = !sync || (sync.startedAt ?? 0) < since || (sync.finishedAt ?? 0) >= since;
    if ((startedAt !== undefined && quiet) || Date.now() > end) break;
    await sleep(10);
  }
  await sleep(30);
  return startedAt === undefined ? { woke: false } : { woke: true, startMs: startedAt - broadcastAt };
}

export async function measureLatency(s: Session, events: number, cold: boolean, log: (line: string) => void): Promise<LatencyRun> {
  const run: LatencyRun = { badge: [], stored: [], readBack: [], lost: 0, pollsPerEvent: 0, stopRetries: 0 };
  const retriesBefore = s.stopRetries;
  const e = ext(s);
  await s.recalibrate();
  const stream = `notification-channel-${MEMBER}`;
  const counts = new CircleCount(s.sim);
  counts.reset();
  await until('an empty badge after the reset', async () => ((await e.badgeText()) === '' ? true : undefined));
  let polls = 0;

  for (let i = 0; i < events; i++) {
    if (counts.count === 99) {
      // The badge shows 99+ above 99: start again from an empty badge.
      counts.reset();
      await until('an empty badge after the reset', async () => ((await e.badgeText()) === '' ? true : undefined));
    }
    const count = counts.next();
    await prepareCold(s, cold);
    const wallBefore = Date.now();
    await e.armBadge(String(count));
    const t0 = benchNow();
    const broadcastAt = Date.now();
    s.sim.control.broadcast(stream, { event: 'updateNewNotificationCount', new_notifications_count: count });
    const result = (await e.badgeResult())!;
    polls += result.polls;
    if (Number.isNaN(result.at)) {
      run.lost += 1;
      log(`badge event ${i}: the badge never showed ${count} (last "${result.last}")`);
    } else {
      run.badge.push({ ms: toBench(s.clock, result.at) - t0, ...(cold ? await settleAfterWake(s, wallBefore, broadcastAt) : {}) });
    }
    if (!cold) await sleep(25);
  }
  run.pollsPerEvent = polls / Math.max(1, events);

  const rooms = s.sim.community.roomsOf(MEMBER).filter((room) => room.participants.length > 1);
  for (let i = 0; i < events; i++) {
    const room = rooms[i % rooms.length]!;
    const sender = room.participants.find((p) => p.memberId !== MEMBER)!.memberId;
    await prepareCold(s, cold);
    const wallBefore = Date.now();
    await e.armStored();
    const t0 = benchNow();
    const broadcastAt = Date.now();
    const message = s.sim.control.postMessage({ chatRoomUuid: room.uuid, senderMemberId: sender, body: `bench latency ${i}: is everyone around for the call later?` });
    const result = (await e.storedResult())!;
    if (result.timedOut || !result.ids.includes(message.id)) {
      run.lost += 1;
      log(`stored event ${i}: message ${message.id} was not announced (got ${result.ids.join(',')})`);
      continue;
    }
    const read = await e.readMessage(message.id);
    if (!read.found) log(`stored event ${i}: message ${message.id} announced but not in IndexedDB`);
    run.stored.push({ ms: toBench(s.clock, result.at) - t0, ...(cold ? await settleAfterWake(s, wallBefore, broadcastAt) : {}) });
    run.readBack.push(toBench(s.clock, read.at) - t0);
    if (!cold) await sleep(25);
  }
  run.stopRetries = s.stopRetries - retriesBefore;
  return run;
}
