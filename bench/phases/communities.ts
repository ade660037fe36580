import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO, startSimulator, type Simulator } from '../../simulator';
import { MAX_LIVE_ROOMS } from '../../lib/settings/schema';
import { until } from '../lib/clock';
import { heapOf, type Heap } from '../lib/memory';
import { launchCircleLive, MEMBER, PING_MS, settledSubscriptions } from '../lib/session';

/**
 * The background's memory with several communities live: each community its own simulator
 * (its own port on 127.0.0.1, so all share one cable host and tell their sockets apart by the
 * URL mark alone), all signed in with one settings write. Its floor is the same measure with
 * one of them, in a fresh browser of the same run. Each simulator gets rooms enough that the
 * communities' live rooms together want more than `MAX_LIVE_ROOMS`, so the bound shows.
 */
export interface Footprint {
  communities: number;
  background?: Heap;
  offscreen?: Heap;
  /** Chrome's cable sockets: a dedicated worker of the offscreen document. */
  socketWorker?: Heap;
  /** From sign-in until every community is live with its first sync done. */
  liveMs: number;
  /** The member's open sockets, over every simulator. */
  sockets: number;
  /** `Chats::RoomChannel` subscriptions, over every simulator. */
  liveRooms: number;
  /** Every subscription, room channels included. */
  channels: number;
}

export interface CommunitiesRun {
  one: Footprint;
  many: Footprint;
  roomsPerCommunity: number;
  liveRoomsBound: number;
}

/** Each community's default share (25) wants this many; 5 × 25 is past the bound of 100. */
const ROOMS_PER_COMMUNITY = 30;
const origin = (i: number) => `https://c${i + 1}.example`;

async function startCommunity(i: number): Promise<Simulator> {
  const sim = await startSimulator({ port: 0, pingIntervalMs: PING_MS, origins: [origin(i)], seed: 20241025 + i });
  const other = [...sim.community.members.keys()].find((id) => id !== DEMO.memberId)!;
  for (let n = sim.community.roomsOf(DEMO.memberId).length; n < ROOMS_PER_COMMUNITY; n++) {
    sim.control.createRoom({ kind: 'group_chat', memberIds: [DEMO.memberId, other], name: `Bench room ${n + 1}`, announce: false });
  }
  return sim;
}

function settingsFor(sims: readonly Simulator[]) {
  return {
    communities: sims.map((sim, i) => {
      const pair = sim.issueTokens(MEMBER);
      return { circleUrl: sim.url, origin: origin(i), auth: { mode: 'tokens', accessToken: pair.access_token, refreshToken: pair.refresh_token } };
    }),
  };
}

const isRoomChannel = (identifier: string) => (JSON.parse(identifier) as { channel?: string }).channel === 'Chats::RoomChannel';

/** A fresh browser signed in to `sims` at once; its heaps once every community is live and its channels settled. */
async function footprint(build: string, sims: readonly Simulator[], log: (line: string) => void): Promise<Footprint> {
  const work = mkdtempSync(join(tmpdir(), 'circle-live-bench-communities-'));
  const browser = await launchCircleLive(work, build);
  try {
    const signedInAt = Date.now();
    await browser.worker.evaluate((value) => chrome.storage.local.set({ settings: value }), settingsFor(sims));
    type Board = { communities?: { key?: string; phase?: string; reason?: { code?: string }; sync?: { finishedAt?: number } }[] };
    const board = () => browser.worker.evaluate(async () => (await chrome.storage.local.get('status')).status as Board | undefined);
    await until(`${sims.length} communities live`, async () => {
      const list = (await board())?.communities ?? [];
      return list.length === sims.length && list.every((c) => c.phase === 'live' && c.sync?.finishedAt) ? true : undefined;
    }, 60_000, 250).catch(async (error: unknown) => {
      // What each community said, without anything a member wrote (codes only).
      const list = (await board().catch(() => undefined))?.communities ?? [];
      throw new Error(`${String(error)}; board: ${JSON.stringify(list.map((c) => ({ key: c.key, phase: c.phase, reason: c.reason?.code, synced: Boolean(c.sync?.finishedAt) })))}`);
    });
    const liveMs = Date.now() - signedInAt;
    const sockets = (await settledSubscriptions(sims, 60_000)).flat();
    const channels = sockets.flat();
    const figures = { communities: sims.length, liveMs, sockets: sockets.length, liveRooms: channels.filter(isRoomChannel).length, channels: channels.length };
    log(`${sims.length} live after ${(liveMs / 1000).toFixed(1)} s: ${figures.sockets} sockets, ${figures.liveRooms} live rooms, ${figures.channels} channels`);
    // The same moment for both heaps: after settling, with the worker certainly running.
    await browser.worker.evaluate(() => 0);
    return { ...figures, background: await heapOf(browser, 'background'), offscreen: await heapOf(browser, 'offscreen'), socketWorker: await heapOf(browser, 'socket-worker') };
  } finally {
    browser.cdp.close();
    await browser.context.close().catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  }
}

export async function measureCommunities(build: string, count: number, log: (line: string) => void): Promise<CommunitiesRun> {
  const sims = await Promise.all(Array.from({ length: count }, (_, i) => startCommunity(i)));
  try {
    const one = await footprint(build, sims.slice(0, 1), log);
    const many = await footprint(build, sims, log);
    return { one, many, roomsPerCommunity: ROOMS_PER_COMMUNITY, liveRoomsBound: MAX_LIVE_ROOMS };
  } finally {
    await Promise.all(sims.map((sim) => sim.stop()));
  }
}
