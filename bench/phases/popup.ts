import { join } from 'node:path';
import type { PopupBench } from '../pages/popup-probe';
import { mainThread, startTrace, type MainThreadBreakdown } from '../lib/trace';
import { bundle, EMPTY_PAGE, type ExtWindow, type Session } from '../lib/session';

/** The popup as the toolbar shows it (e2e/popup.spec.ts). */
const VIEWPORT = { width: 380, height: 600 };
type PopupWindow = { popupBench: PopupBench };

export interface SeedResult {
  rooms: number;
  messages: number;
  addedRooms: number;
  addedMessages: number;
  syntheticRooms: string[];
  ms: number;
}

export const SEED_FIRST_MESSAGE_ID = 50_000_000;

/** 500 rooms and 50,000 messages in the extension's IndexedDB, written from an extension page. */
export async function seedLargeCache(s: Session, rooms: number, messagesPerRoom: number): Promise<SeedResult> {
  const added = await s.page.evaluate((spec) => (globalThis as unknown as ExtWindow).bench.seed(spec), { community: s.community, rooms, messagesPerRoom, firstMessageId: SEED_FIRST_MESSAGE_ID });
  const size = await s.page.evaluate((community) => (globalThis as unknown as ExtWindow).bench.cacheSize(community), s.community);
  return { ...size, ...added };
}

export interface PopupRun {
  /** Navigation start → the first room row painted (ms). */
  firstRooms: number[];
  firstRoomsDom: number[];
  /** The popup's first contentful paint (the browser's paint timing), from navigation start. */
  popupFcp: number[];
  /**
   * The floor, opened alternately with the popup in the same browser: an extension page with one
   * `<p>` (bench/pages/empty.html), its first frame measured as the popup's first rooms are, and
   * its first contentful paint.
   */
  empty: number[];
  emptyFcp: number[];
  /** Click on the first room → its messages painted (ms). */
  openRoom: number[];
  /** What the popup said it listed (aria-setsize) and how many messages the room showed. */
  listed: number;
  messagesShown: number;
  /** Per open: DOMContentLoaded, first render into #app, and the IndexedDB/storage calls waited on (ms from navigation start). */
  phases: { domContentLoaded: number; firstRender: number; scriptsLoaded: number; roomsQuery?: { start: number; end?: number } }[];
  timelines: { what: string; start: number; end?: number }[][];
  /** One more open of each, traced: where the renderer's main thread spent the time until the first rooms (the paragraph) painted. */
  trace?: { popup?: MainThreadBreakdown; empty?: MainThreadBreakdown; popupPaintedMs: number; emptyPaintedMs: number };
}

export async function measurePopup(s: Session, opens: number): Promise<PopupRun> {
  const script = bundle(join(import.meta.dirname, '..', 'pages', 'popup-probe.ts'));
  const run: PopupRun = { firstRooms: [], firstRoomsDom: [], popupFcp: [], empty: [], emptyFcp: [], openRoom: [], listed: 0, messagesShown: 0, phases: [], timelines: [] };
  const openEmpty = async () => {
    const page = await s.context.newPage();
    await page.setViewportSize(VIEWPORT);
    await page.addInitScript({ content: script });
    await page.goto(`chrome-extension://${s.extensionId}/${EMPTY_PAGE}`);
    const shown = await page.evaluate(() => (globalThis as unknown as PopupWindow).popupBench.firstParagraph());
    run.empty.push(shown.painted);
    run.emptyFcp.push(shown.fcp);
    await page.close();
  };
  for (let i = 0; i < opens; i++) {
    // Alternate which goes first, so neither always follows an idle moment.
    if (i % 2 === 0) await openEmpty();
    const page = await s.context.newPage();
    await page.setViewportSize(VIEWPORT);
    await page.addInitScript({ content: script });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(`chrome-extension://${s.extensionId}/popup.html`);
    const first = await page.evaluate(() => (globalThis as unknown as PopupWindow).popupBench.firstRooms());
    run.firstRooms.push(first.painted);
    run.firstRoomsDom.push(first.dom);
    run.popupFcp.push(first.fcp);
    run.listed = first.setSize;
    run.phases.push({ ...first.phases, roomsQuery: firstRoomsRead(first.timeline) });
    run.timelines.push(first.timeline);
    const room = await page.evaluate(() => (globalThis as unknown as PopupWindow).popupBench.openFirstRoom());
    run.openRoom.push(room.painted);
    run.messagesShown = room.messages;
    if (errors.length) throw new Error(`popup errors: ${errors.join('; ')}`);
    await page.close();
    if (i % 2 === 1) await openEmpty();
  }
  run.trace = await traceOpens(s, script);
  return run;
}

/** One traced open of the popup and one of the empty page (not counted in the figures: tracing slows both). */
async function traceOpens(s: Session, script: string): Promise<PopupRun['trace']> {
  const traced = async (path: string, wait: 'firstRooms' | 'firstParagraph') => {
    const page = await s.context.newPage();
    await page.setViewportSize(VIEWPORT);
    await page.addInitScript({ content: script });
    const cdp = await s.context.newCDPSession(page);
    const stop = await startTrace(cdp);
    const url = `chrome-extension://${s.extensionId}/${path}`;
    await page.goto(url);
    const shown = await page.evaluate((w) => (globalThis as unknown as PopupWindow).popupBench[w](), wait);
    const events = await stop();
    if (process.env.BENCH_TRACE_DUMP) (await import('node:fs')).writeFileSync(`${process.env.BENCH_TRACE_DUMP}-${wait}.json`, JSON.stringify({ url, painted: shown.painted, events }));
    await cdp.detach();
    await page.close();
    return { painted: shown.painted, breakdown: mainThread(events, url, shown.painted) };
  };
  const popup = await traced('popup.html', 'firstRooms');
  const empty = await traced(EMPTY_PAGE, 'firstParagraph');
  return { popup: popup.breakdown, empty: empty.breakdown, popupPaintedMs: popup.painted, emptyPaintedMs: empty.painted };
}

/** Where the first rooms came from: the stored first screen when there was one, else IndexedDB. */
function firstRoomsRead(timeline: { what: string; start: number; end?: number }[]) {
  return timeline.find((entry) => entry.what.includes('firstScreen')) ?? timeline.find((entry) => entry.what.includes('byActivity'));
}
