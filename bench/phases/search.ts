import type { Page } from '@playwright/test';
import { EMPTY_PAGE, type Session } from '../lib/session';

/**
 * Search (issue 19; issue 20, goal 6): in the real popup over the seeded cache (500 rooms ×
 * 100 messages), the member opens search and types realistic queries letter by letter through
 * Chromium's own input pipeline (Playwright's keyboard: CDP key events, as a keyboard's).
 *
 * - Index build: the click on the header's search button → the view painted without its
 *   "reading stored messages" note, i.e. every stored message read from IndexedDB and indexed.
 * - Memory: the popup's V8 heap after a forced collection, before that click and after the build.
 * - Per keystroke: the keydown's timestamp → the end of the first frame painted after it (a task
 *   queued from a requestAnimationFrame callback armed at the keydown), so it holds the input
 *   handler, the query, Preact's render of up to 55 rows, style, layout and paint.
 * - Floor: the same keystrokes into a bare `<input>` on an empty extension page in the same
 *   browser: what any keystroke costs before the page does anything with it.
 */
export interface SearchRun {
  messages: number;
  buildMs: number;
  heapBeforeBytes: number;
  heapAfterBytes: number;
  keystrokes: { key: string; query: string; ms: number }[];
  floor: number[];
  /** What the last keystroke of each query listed: the results are real. */
  listed: { query: string; results: number; said: string }[];
}

/** A sender with a diacritic (Tomás) typed without it, then a word; a phrase; a room's name. */
export const QUERIES = ['tomas glaze', 'kiln free', 'sunday session', 'pottery photos'];
const VIEWPORT = { width: 380, height: 600 };

interface Probe {
  samples: { key: string; ms: number }[];
  /** Clicks the header's search button: ms until the view is painted with every message indexed. */
  openSearch(): Promise<number>;
}

/** Armed on the page before its scripts: each keydown's time to the next painted frame. A string: tsx would name its functions. */
const PROBE = `(() => {
  const probe = (globalThis.searchProbe = { samples: [] });
  probe.openSearch = () => new Promise((resolve) => {
    const started = performance.now();
    document.querySelector('.popup-header .search-button').click();
    const check = () => (document.querySelector('.search-view input') && !document.querySelector('.search-view .search-note') ? setTimeout(() => resolve(performance.now() - started)) : requestAnimationFrame(check));
    requestAnimationFrame(check);
  });
  addEventListener('keydown', (event) => {
    const at = event.timeStamp;
    requestAnimationFrame(() => setTimeout(() => probe.samples.push({ key: event.key, ms: performance.now() - at })));
  }, true);
})();`;

async function typeQueries(page: Page, field: string, rounds: number): Promise<{ key: string; query: string; ms: number }[]> {
  const out: { key: string; query: string; ms: number }[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const query of QUERIES) {
      await page.fill(field, '');
      await page.evaluate(() => ((globalThis as unknown as { searchProbe: Probe }).searchProbe.samples = []));
      for (const [i, key] of [...query].entries()) {
        await page.keyboard.press(key === ' ' ? 'Space' : key);
        // The next key once this one's frame is painted, as a fast typist's keys come (≥ a frame apart).
        const sample = await page.waitForFunction((n) => (globalThis as unknown as { searchProbe: Probe }).searchProbe.samples[n]?.ms, i, { polling: 'raf' });
        out.push({ key, query, ms: (await sample.jsonValue()) as number });
      }
    }
  }
  return out;
}

async function heap(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize;
}

export async function measureSearch(s: Session, messages: number, rounds: number): Promise<SearchRun> {
  const floorPage = await s.context.newPage();
  await floorPage.setViewportSize(VIEWPORT);
  await floorPage.addInitScript({ content: PROBE });
  await floorPage.goto(`chrome-extension://${s.extensionId}/${EMPTY_PAGE}`);
  await floorPage.evaluate(() => document.body.append(Object.assign(document.createElement('input'), { type: 'search', id: 'floor' })));
  await floorPage.focus('#floor');
  const floor = (await typeQueries(floorPage, '#floor', rounds)).map((sample) => sample.ms);
  await floorPage.close();

  const page = await s.context.newPage();
  await page.setViewportSize(VIEWPORT);
  await page.addInitScript({ content: PROBE });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(`chrome-extension://${s.extensionId}/popup.html`);
  await page.waitForSelector('.popup-header .search-button');
  const heapBeforeBytes = await heap(page);
  const buildMs = await page.evaluate(() => (globalThis as unknown as { searchProbe: Probe }).searchProbe.openSearch());
  const heapAfterBytes = await heap(page);
  const field = '.search-view input';
  await page.focus(field);
  const profiler = process.env.BENCH_SEARCH_PROFILE ? await page.context().newCDPSession(page) : undefined;
  if (profiler) {
    await profiler.send('Profiler.enable');
    await profiler.send('Profiler.start');
  }
  const keystrokes = await typeQueries(page, field, rounds);
  if (profiler) {
    const { profile } = await profiler.send('Profiler.stop');
    const self = new Map<string, number>();
    const dt = new Map<number, number>();
    profile.samples!.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas![i] ?? 0)));
    for (const node of profile.nodes) {
      const key = `${node.callFrame.functionName || '(anon)'} ${node.callFrame.url.split('/').pop()}:${node.callFrame.lineNumber}`;
      self.set(key, (self.get(key) ?? 0) + (dt.get(node.id) ?? 0) / 1000);
    }
    console.info([...self].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${v.toFixed(0).padStart(6)} ms ${k}`).join('\n'));
  }
  const listed: SearchRun['listed'] = [];
  for (const query of QUERIES) {
    await page.fill(field, query);
    await page.waitForFunction((q) => (document.querySelector<HTMLInputElement>('.search-view input')?.value === q), query);
    listed.push(await page.evaluate((q) => ({ query: q, results: document.querySelectorAll('#search-results [role="option"]').length, said: document.querySelector('.search-view [role="status"]')?.textContent ?? '' }), query));
  }
  if (errors.length) throw new Error(`popup errors: ${errors.join('; ')}`);
  await page.close();
  return { messages, buildMs, heapBeforeBytes, heapAfterBytes, keystrokes, floor, listed };
}
