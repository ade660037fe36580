import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { DEMO, startSimulator, type Simulator } from '../../simulator';
import { launchWithExtension } from '../../scripts/chromium';
import { sleep, until } from '../lib/clock';
import { bundle, launchCircleLive, MEMBER, PING_MS, settledSubscriptions, type ExtWindow } from '../lib/session';

/**
 * Catch-up after days away: Circle Live signed in and live on a community of `rooms` rooms,
 * then the browser is closed; meanwhile Circle goes on (`messages` messages spread over
 * `changedRooms` rooms, `notifications` notifications); then the browser starts again on the
 * same profile. Measured from that start (just before Chromium is launched): when the cable is
 * live, when the badge shows its true figure (its text and tooltip, once they have held still
 * after everything is stored), when every missed message is in IndexedDB, and the REST
 * requests Circle saw meanwhile (the simulator logs each), against the least a client could
 * make: one per room that changed, the room pages down to the first unchanged one, and the
 * fixed calls (notifications and their count, threads and the unread thread ids).
 */
export interface CatchUpRun {
  rooms: number;
  changedRooms: number;
  messages: number;
  notifications: number;
  /** From the start, ms. */
  liveMs: number;
  badgeMs: number;
  storedMs: number;
  /** Missed messages in IndexedDB at the end (all of them, unless the phase timed out). */
  stored: number;
  /** What the badge settled on (text, and the tooltip's exact count). */
  badge: { text: string; title: string };
  requests: number;
  leastRequests: number;
  /** Requests by method and path (the room uuid and ids folded), for the reader. */
  byPath: Record<string, number>;
  /** The most requests in any 5-minute window of the phase (Circle allows 2,000 per IP). */
  maxPer5Min: number;
}

const ROOMS_PER_PAGE = 100;
/** GET notifications, its new count, chat_threads and the unread thread ids. */
const FIXED_CALLS = 4;
const TIMEOUT_MS = 60_000;
/** The badge has its true figure once it held still this long after everything was stored. */
const SETTLED_MS = 3_000;

const fold = (path: string) => path.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ':uuid').replace(/\/\d+(?=\/|$)/g, '/:id');

function maxInWindow(times: readonly number[], windowMs: number): number {
  let best = 0;
  for (let i = 0, j = 0; j < times.length; j++) {
    while (times[j]! - times[i]! > windowMs) i++;
    best = Math.max(best, j - i + 1);
  }
  return best;
}

async function topUpRooms(sim: Simulator, rooms: number): Promise<void> {
  const other = [...sim.community.members.keys()].find((id) => id !== DEMO.memberId)!;
  for (let n = sim.community.roomsOf(DEMO.memberId).length; n < rooms; n++) {
    sim.control.createRoom({ kind: 'group_chat', memberIds: [DEMO.memberId, other], name: `Catch-up room ${n + 1}`, announce: false });
  }
}

/** Circle going on while the browser is closed. Returns the ids of the messages written (contiguous). */
function whileAway(sim: Simulator, changedRooms: number, messages: number, notifications: number): { low: number; high: number } {
  const rooms = sim.community.roomsOf(DEMO.memberId);
  // Spread over the list, so the changed rooms were not all the most recent ones.
  const step = Math.max(1, Math.floor(rooms.length / changedRooms));
  const chosen = Array.from({ length: changedRooms }, (_, i) => rooms[(i * step) % rooms.length]!);
  const senders = chosen.map((room) => room.participants.find((p) => p.memberId !== DEMO.memberId)!.memberId);
  let low = Number.POSITIVE_INFINITY;
  let high = 0;
  for (let i = 0; i < messages; i++) {
    const k = i % chosen.length;
    const record = sim.control.postMessage({ chatRoomUuid: chosen[k]!.uuid, senderMemberId: senders[k]!, body: `While you were away ${i}: notes from the meeting are in the folder.` });
    low = Math.min(low, record.id);
    high = Math.max(high, record.id);
  }
  for (let i = 0; i < notifications; i++) sim.control.notify(MEMBER);
  return { low, high };
}

interface Sample {
  at: number;
  text: string;
  title: string;
  stored: number;
  live: boolean;
  syncFinished: boolean;
}

async function sample(page: Page, community: string, ids: { low: number; high: number }, since: number): Promise<Sample> {
  const read = await page.evaluate(
    async ([c, lo, hi]) => {
      const bench = (globalThis as unknown as ExtWindow).bench;
      const [text, title, stored, status] = await Promise.all([chrome.action.getBadgeText({}), chrome.action.getTitle({}), bench.countMessages(c as string, lo as number, hi as number), bench.status()]);
      return { text, title, stored, status };
    },
    [community, ids.low, ids.high] as const,
  );
  const cable = read.status?.cable;
  return {
    at: Date.now(),
    text: read.text,
    title: read.title,
    stored: read.stored,
    live: read.status?.phase === 'live' && cable?.state === 'connected' && cable.since >= since,
    syncFinished: (read.status?.sync?.finishedAt ?? 0) >= since,
  };
}

export async function measureCatchUp(build: string, spec: { rooms: number; changedRooms: number; messages: number; notifications: number }, log: (line: string) => void): Promise<CatchUpRun> {
  const work = mkdtempSync(join(tmpdir(), 'circle-live-bench-catchup-'));
  const sim = await startSimulator({ port: 0, pingIntervalMs: PING_MS });
  try {
    await topUpRooms(sim, spec.rooms);
    const first = await launchCircleLive(work, build);
    const community = `${new URL(sim.url).origin}/${MEMBER}`;
    try {
      await first.worker.evaluate((value) => chrome.storage.local.set({ settings: value }), { circleUrl: sim.url, origin: DEMO.origin, auth: { mode: 'appToken', appToken: DEMO.appToken, email: DEMO.email } });
      await until('the first sync', () => first.worker.evaluate(async () => {
        const board = (await chrome.storage.local.get('status')).status as { communities?: { phase?: string; sync?: { finishedAt?: number } }[] } | undefined;
        return board?.communities?.[0]?.phase === 'live' && board.communities[0].sync?.finishedAt ? true : undefined;
      }), 60_000, 250);
      await settledSubscriptions([sim], 60_000);
    } finally {
      first.cdp.close();
      await first.context.close();
    }
    log(`catch-up: signed in on ${sim.community.roomsOf(MEMBER).length} rooms, browser closed`);

    const ids = whileAway(sim, spec.changedRooms, spec.messages, spec.notifications);
    log(`catch-up: while away, ${spec.messages} messages in ${spec.changedRooms} rooms and ${spec.notifications} notifications; starting the browser again`);

    const startedAt = Date.now();
    const context = await launchWithExtension(join(work, 'circle-live'), join(work, 'profile'));
    try {
      const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
      const extensionId = new URL(worker.url()).host;
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(`chrome-extension://${extensionId}/manifest.json`);
      await page.evaluate(bundle(join(import.meta.dirname, '..', 'pages', 'ext-helpers.ts')));
      const samples: Sample[] = [];
      const end = startedAt + TIMEOUT_MS;
      for (;;) {
        const s = await sample(page, community, ids, startedAt);
        samples.push(s);
        const allStored = s.stored >= spec.messages;
        const changedAt = samples.findLast((x, i) => i > 0 && (x.text !== samples[i - 1]!.text || x.title !== samples[i - 1]!.title))?.at ?? startedAt;
        if (allStored && s.syncFinished && s.at - Math.max(changedAt, samples.find((x) => x.stored >= spec.messages)!.at) >= SETTLED_MS) break;
        if (s.at > end) {
          log(`catch-up: after ${TIMEOUT_MS / 1000} s, ${s.stored} of ${spec.messages} messages stored, badge "${s.text}"`);
          break;
        }
        await sleep(20);
      }
      const last = samples.at(-1)!;
      // The true badge: the first sample from which text and tooltip stayed what they settled on.
      let from = samples.length - 1;
      while (from > 0 && samples[from - 1]!.text === last.text && samples[from - 1]!.title === last.title) from--;
      const requests = sim.requests.filter((r) => r.at >= startedAt && r.at <= last.at);
      const byPath: Record<string, number> = {};
      for (const r of requests) byPath[`${r.method} ${fold(r.path)}`] = (byPath[`${r.method} ${fold(r.path)}`] ?? 0) + 1;
      const leastRequests = spec.changedRooms + Math.ceil((spec.changedRooms + 1) / ROOMS_PER_PAGE) + FIXED_CALLS;
      const run: CatchUpRun = {
        ...spec,
        liveMs: (samples.find((x) => x.live)?.at ?? Number.NaN) - startedAt,
        badgeMs: samples[from]!.at - startedAt,
        storedMs: (samples.find((x) => x.stored >= spec.messages)?.at ?? Number.NaN) - startedAt,
        stored: last.stored,
        badge: { text: last.text, title: last.title },
        requests: requests.length,
        leastRequests,
        byPath,
        maxPer5Min: maxInWindow(requests.map((r) => r.at), 5 * 60_000),
      };
      log(`catch-up: live ${run.liveMs} ms, true badge "${last.text}" ${run.badgeMs} ms, all stored ${run.storedMs} ms, ${run.requests} requests (least ${leastRequests})`);
      return run;
    } finally {
      await context.close().catch(() => undefined);
    }
  } finally {
    await sim.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

