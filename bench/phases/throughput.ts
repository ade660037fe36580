import { join } from 'node:path';
import type { Simulator } from '../../simulator';
import type { BenchCeiling, CeilingResult } from '../pages/ceiling';
import { benchNow, sleep, toBench } from '../lib/clock';
import { AC_MEMBER, BARE_MEMBER, bundle, MEMBER, type ExtWindow, type ProbeTab, type ProbeWindow, type Session } from '../lib/session';

/**
 * A burst of chat events, the same for each client: `events` newMessage broadcasts written by
 * the simulator as fast as it can (a synchronous loop in this process), each client on its own
 * member's stream so a burst reaches one client only. Rates are events / (last outcome − first
 * broadcast): for Circle Live the last batch committed to IndexedDB, for the bare socket and
 * the official consumer the last frame received.
 */
export interface BurstResult {
  ms: number;
  rate: number;
  /** First outcome after the burst started (ms): the first stored batch, or the first frame. */
  firstMs: number;
  /** Circle Live: change notices (committed batches) the burst took. */
  batches?: number;
  received: number;
}

export interface ThroughputRun {
  events: number;
  ours: BurstResult[];
  bare: BurstResult[];
  official: BurstResult[];
  /** The same records put straight into IndexedDB in one transaction, each round (bench/pages/ceiling.ts). */
  ceiling: CeilingResult[];
  /** Circle Live rounds whose ids were all found in IndexedDB afterwards. */
  verified: number;
  /** The warm-up round's rates (/s), run like the others and left out of every figure. */
  warmup?: { ours: number; bare: number; official: number; ceiling: number };
}

export const BURST_FIRST_ID = 60_000_000;

/** newMessage payloads as the simulator's records give them, into the given rooms, round robin. */
export function burstPayloads(sim: Simulator, rooms: readonly string[], events: number, firstId: number): Record<string, unknown>[] {
  const source = [...sim.community.messages.values()].find((m) => m.parentId === null && m.threadId === null)!;
  const template = sim.records.message(source);
  // Sent in the last moment, oldest first, none in the future: Circle Live estimates Circle's
  // clock from how late messages arrive (lib/brain/live.ts), and real ones are never early.
  const start = Date.now() - events;
  return Array.from({ length: events }, (_, i) => {
    const at = new Date(start + i).toISOString();
    return {
      event: 'newMessage',
      ...template,
      id: firstId + i,
      chat_room_uuid: rooms[i % rooms.length],
      created_at: at,
      sent_at: at,
      creation_uuid: `bench-${firstId + i}`,
      body: `Burst message ${i}: the slides are up, have a look before the call.`,
      rich_text_body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: `Burst message ${i}: the slides are up, have a look before the call.` }] }] },
    };
  });
}

function burst(sim: Simulator, stream: string, payloads: readonly unknown[]): number {
  const t0 = benchNow();
  for (const payload of payloads) sim.control.broadcast(stream, payload);
  return t0;
}

const identifier = (member: number) => JSON.stringify({ channel: 'ChatRoomChannel', community_member_id: member });

export async function openReferenceClients(s: Session): Promise<{ bare: ProbeTab; official: ProbeTab }> {
  const bare = await s.probeTab(BARE_MEMBER);
  await bare.page.evaluate(([url, id]) => (globalThis as unknown as ProbeWindow).probe.bareOpen(url!, id!), [s.sim.cableUrl, identifier(BARE_MEMBER)]);
  const official = await s.probeTab(AC_MEMBER);
  await official.page.evaluate(([url, member]) => (globalThis as unknown as ProbeWindow).probe.acOpen(url as string, { channel: 'ChatRoomChannel', community_member_id: member }), [s.sim.cableUrl, AC_MEMBER] as const);
  return { bare, official };
}

export async function burstOurs(s: Session, payloads: Record<string, unknown>[]): Promise<BurstResult & { ids: [number, number] }> {
  const ids = payloads.map((p) => p.id as number);
  await s.recalibrate();
  await s.page.evaluate((wanted) => (globalThis as unknown as ExtWindow).bench.armStored(wanted, 120_000), ids);
  const t0 = burst(s.sim, `chat-room-channel-${MEMBER}`, payloads);
  const result = (await s.page.evaluate(() => (globalThis as unknown as ExtWindow).bench.storedResult()))!;
  if (result.timedOut) throw new Error(`Circle Live stored only part of the burst within 120 s`);
  const ms = toBench(s.clock, result.at) - t0;
  return { ms, rate: (payloads.length / ms) * 1000, firstMs: toBench(s.clock, result.first) - t0, batches: result.notices, received: payloads.length, ids: [ids[0]!, ids[ids.length - 1]!] };
}

async function burstReference(s: Session, tab: ProbeTab, kind: 'bare' | 'ac', payloads: readonly unknown[]): Promise<BurstResult> {
  const member = tab.member;
  await tab.page.evaluate((k) => ((globalThis as unknown as ProbeWindow).probe[k === 'bare' ? 'bareReset' : 'acReset'])(), kind);
  const t0 = burst(s.sim, `chat-room-channel-${member}`, payloads);
  const result = await tab.page.evaluate(([k, n]) => (globalThis as unknown as ProbeWindow).probe[k === 'bare' ? 'bareWait' : 'acWait'](n as number, 120_000), [kind, payloads.length] as const);
  if (result.count < payloads.length || result.last === undefined || result.first === undefined) throw new Error(`${kind}: received ${result.count} of ${payloads.length}`);
  const ms = toBench(tab.clock, result.last) - t0;
  return { ms, rate: (payloads.length / ms) * 1000, firstMs: toBench(tab.clock, result.first) - t0, received: result.count };
}

export async function measureThroughput(s: Session, rooms: readonly string[], events: number, rounds: number, log: (line: string) => void): Promise<ThroughputRun> {
  const { bare, official } = await openReferenceClients(s);
  const run: ThroughputRun = { events, ours: [], bare: [], official: [], ceiling: [], verified: 0 };
  await s.page.evaluate(bundle(join(import.meta.dirname, '..', 'pages', 'ceiling.ts')));
  // Batched like Circle Live's last burst (its first round: 200 a batch until one ran).
  const ceiling = (payloads: unknown[]) => {
    const batches = run.ours.at(-1)?.batches;
    const batch = batches ? Math.ceil(events / batches) : 200;
    return s.page.evaluate((spec) => (globalThis as unknown as { benchCeiling: BenchCeiling }).benchCeiling.run(spec), { community: s.community, rooms: [...rooms], payloads, batch });
  };
  try {
    // Round −1 warms every client up and is thrown away: in every full run Circle Live's first
    // burst was its slowest (the JIT, the store's first big transactions), which says how long
    // the page has run, not what a burst costs. Its ids follow the measured rounds'.
    for (let round = -1; round < rounds; round++) {
      const warmup = round < 0;
      const payloads = burstPayloads(s.sim, rooms, events, BURST_FIRST_ID + (warmup ? rounds : round) * events);
      const into: ThroughputRun = warmup ? { events, ours: [], bare: [], official: [], ceiling: [], verified: 0 } : run;
      // Alternate the order, so no client always goes first after an idle moment.
      const order = round % 2 === 0 ? (['ours', 'bare', 'official', 'ceiling'] as const) : (['ceiling', 'official', 'bare', 'ours'] as const);
      for (const client of order) {
        if (client === 'ceiling') {
          into.ceiling.push(await ceiling(payloads));
          await sleep(300);
        } else if (client === 'ours') {
          const result = await burstOurs(s, payloads);
          into.ours.push(result);
          const stored = await s.page.evaluate(([c, lo, hi]) => (globalThis as unknown as ExtWindow).bench.countMessages(c as string, lo as number, hi as number), [s.community, ...result.ids] as const);
          if (stored === events) into.verified += 1;
          else log(`round ${round}: ${stored} of ${events} burst messages found in IndexedDB`);
          // Let the brain's follow-ups (alerts, room channel re-plan after 1 s) pass.
          await sleep(2_000);
        } else {
          const tab = client === 'bare' ? bare : official;
          (client === 'bare' ? into.bare : into.official).push(await burstReference(s, tab, client === 'bare' ? 'bare' : 'ac', payloads));
          await sleep(300);
        }
      }
      const rates = { ours: into.ours.at(-1)!.rate, bare: into.bare.at(-1)!.rate, official: into.official.at(-1)!.rate, ceiling: into.ceiling.at(-1)!.rate };
      if (warmup) run.warmup = rates;
      log(`throughput ${warmup ? 'warm-up round (not counted)' : `round ${round + 1}/${rounds}`}: ours ${Math.round(rates.ours)}/s, bare ${Math.round(rates.bare)}/s, @rails/actioncable ${Math.round(rates.official)}/s, IndexedDB ceiling ${Math.round(rates.ceiling)}/s`);
    }
  } finally {
    await bare.page.evaluate(() => (globalThis as unknown as ProbeWindow).probe.bareClose());
    await official.page.evaluate(() => (globalThis as unknown as ProbeWindow).probe.acClose());
    await bare.page.close();
    await official.page.close();
  }
  return run;
}
