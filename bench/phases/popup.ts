import { join } from 'node:path';
import type { PopupBench } from '../pages/popup-probe';
import { mainThread, startTrace, type MainThreadBreakdown } from '../lib/trace';
import { bundle, EMPTY_PAGE, MARKUP_KEY, MARKUP_PAGE, STORED_PAGE, type ExtWindow, type Session } from '../lib/session';

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
  /**
   * The second floor, opened the same way: an extension page that shows one stored value
   * (bench/pages/stored.html: a module script, a storage.session read, a `<p>`), the least any
   * page whose content is stored can do under MV3's content security policy (no inline script).
   */
  stored: number[];
  /**
   * The third floor: popup.html with its stylesheet and none of its components, the markup the
   * popup painted first put back with one innerHTML (bench/pages/markup.js), measured as the
   * popup is. The popup above it is what loading and running its own JS costs.
   */
  markup: number[];
  /** Click on the first room → its messages painted (ms). */
  openRoom: number[];
  /** What the popup said it listed (aria-setsize) and how many messages the room showed. */
  listed: number;
  messagesShown: number;
  /** Per open: DOMContentLoaded, first render into #app, and the IndexedDB/storage calls waited on (ms from navigation start). */
  phases: { domContentLoaded: number; firstRender: number; scriptsLoaded: number; roomsQuery?: { start: number; end?: number } }[];
  timelines: { what: string; start: number; end?: number }[][];
  /** One more open of each, traced: where the renderer's main thread spent the time until the first rooms (the paragraph) painted. */
  trace?: { popup?: MainThreadBreakdown; empty?: MainThreadBreakdown; stored?: MainThreadBreakdown; markup?: MainThreadBreakdown; popupPaintedMs: number; emptyPaintedMs: number; storedPaintedMs: number; markupPaintedMs: number };
}

export async function measurePopup(s: Session, opens: number): Promise<PopupRun> {
  const script = bundle(join(import.meta.dirname, '..', 'pages', 'popup-probe.ts'));
  const run: PopupRun = { firstRooms: [], firstRoomsDom: [], popupFcp: [], empty: [], emptyFcp: [], stored: [], markup: [], openRoom: [], listed: 0, messagesShown: 0, phases: [], timelines: [] };
  const openFloor = async (path: string, wait: 'firstParagraph' | 'firstRooms' = 'firstParagraph') => {
    const page = await s.context.newPage();
    await page.setViewportSize(VIEWPORT);
    await page.addInitScript({ content: script });
    await page.goto(`chrome-extension://${s.extensionId}/${path}`);
    const shown = await page.evaluate((w) => (globalThis as unknown as PopupWindow).popupBench[w](), wait);
    await page.close();
    return shown;
  };
  const openMarkup = async () => run.markup.push((await openFloor(MARKUP_PAGE, 'firstRooms')).painted);
  const openEmpty = async () => {
    const shown = await openFloor(EMPTY_PAGE);
    run.empty.push(shown.painted);
    run.emptyFcp.push(shown.fcp);
  };
  for (let i = 0; i < opens; i++) {
    // Alternate which goes first, so none always follows an idle moment.
    if (i % 2 === 0) {
      await openEmpty();
      run.stored.push((await openFloor(STORED_PAGE)).painted);
    } else await openMarkup();
    const page = await s.context.newPage();
    await page.setViewportSize(VIEWPORT);
    // The first open keeps the markup it painted first, for the markup floor.
    if (i === 0) await page.addInitScript({ content: 'globalThis.benchKeepMarkup = true;' });
    await page.addInitScript({ content: script });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(`chrome-extension://${s.extensionId}/popup.html`);
    const first = await page.evaluate(() => (globalThis as unknown as PopupWindow).popupBench.firstRooms());
    run.firstRooms.push(first.painted);
    if (i === 0) await s.page.evaluate(([key, markup]) => chrome.storage.session.set({ [key]: markup }), [MARKUP_KEY, first.markup] as const);
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
    if (i % 2 === 0) await openMarkup();
    else {
      run.stored.push((await openFloor(STORED_PAGE)).painted);
      await openEmpty();
    }
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
    if (process.env.BENCH_TRACE_DUMP) (await import('node:fs')).writeFileSync(`${process.env.BENCH_TRACE_DUMP}-${path.replace('.html', '')}.json`, JSON.stringify({ url, painted: shown.painted, events }));
    await cdp.detach();
    await page.close();
    return { painted: shown.painted, breakdown: mainThread(events, url, shown.painted) };
  };
  const popup = await traced('popup.html', 'firstRooms');
  const empty = await traced(EMPTY_PAGE, 'firstParagraph');
  const stored = await traced(STORED_PAGE, 'firstParagraph');
  const markup = await traced(MARKUP_PAGE, 'firstRooms');
  return { popup: popup.breakdown, empty: empty.breakdown, stored: stored.breakdown, markup: markup.breakdown, popupPaintedMs: popup.painted, emptyPaintedMs: empty.painted, storedPaintedMs: stored.painted, markupPaintedMs: markup.painted };
}

/** Where the first rooms came from: the stored first screen when there was one, else IndexedDB. */
function firstRoomsRead(timeline: { what: string; start: number; end?: number }[]) {
  return timeline.find((entry) => entry.what.includes('firstScreen')) ?? timeline.find((entry) => entry.what.includes('byActivity'));
}
