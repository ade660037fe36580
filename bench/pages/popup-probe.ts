/**
 * Injected into popup.html before any of its scripts run (Playwright addInitScript). Marks, on
 * the page's own clock (0 = navigation start), when the first room row is in the DOM and when
 * the frame that shows it has been painted; and measures opening a room the same way. The
 * selectors are the popup's roles (components/popup/VirtualList.tsx, MessageLog.tsx).
 */
const ROW = '[role="listbox"] [role="option"]';
const MESSAGE = '[role="log"] li.message';
const MEASURED = 'bench: shown and painted';

interface Shown {
  dom: number;
  painted: number;
  /** #app's markup in the frame that painted it (the markup floor puts it back: bench/pages/markup.js). */
  markup: string;
}

/** Resolves once `selector` matches: its DOM time, then the end of the frame that painted it. */
function whenShown(selector: string): Promise<Shown> {
  return new Promise((resolve) => {
    const check = () => {
      if (!document.querySelector(selector)) return false;
      const dom = performance.now();
      observer.disconnect();
      let markup = '';
      requestAnimationFrame(() => {
        // Only when asked (one open): serializing the DOM would add to the frame being measured.
        if ((globalThis as { benchKeepMarkup?: boolean }).benchKeepMarkup) markup = document.getElementById('app')?.innerHTML ?? '';
        setTimeout(() => {
          // The measure's moment in a trace too (lib/trace.ts ends its window here): a marker, not a log.
          // eslint-disable-next-line no-console
          console.timeStamp(MEASURED);
          resolve({ dom, painted: performance.now(), markup });
        });
      });
      return true;
    };
    const observer = new MutationObserver(() => void check());
    if (!check()) observer.observe(document, { childList: true, subtree: true });
  });
}

const firstRooms = whenShown(ROW);
/** The floor pages (bench/pages/empty.html, stored.html) are one paragraph: the same measure of their first frame. */
const firstParagraph = whenShown('body > p');

/** The browser's own first contentful paint, beside the frame-end measure above. */
const contentfulPaint = new Promise<number>((resolve) => {
  new PerformanceObserver((list, observer) => {
    const entry = list.getEntriesByName('first-contentful-paint')[0];
    if (!entry) return;
    observer.disconnect();
    resolve(entry.startTime);
  }).observe({ type: 'paint', buffered: true });
});

/**
 * A timeline of the browser calls the popup waits on, taken by wrapping the platform's own
 * methods (the product's code is untouched): IndexedDB open and getAll, storage reads, and
 * the first thing rendered into #app.
 */
const timeline: { what: string; start: number; end?: number }[] = [];
function track(what: string, request: IDBRequest) {
  const entry: { what: string; start: number; end?: number } = { what, start: performance.now() };
  timeline.push(entry);
  request.addEventListener('success', () => (entry.end = performance.now()));
}
const open = IDBFactory.prototype.open;
IDBFactory.prototype.open = function (this: IDBFactory, ...args: Parameters<IDBFactory['open']>) {
  const request = open.apply(this, args);
  track(`indexedDB.open`, request);
  return request;
};
for (const proto of [IDBObjectStore.prototype, IDBIndex.prototype]) {
  const getAll = proto.getAll;
  proto.getAll = function (this: IDBObjectStore | IDBIndex, ...args: Parameters<IDBObjectStore['getAll']>) {
    const request = getAll.apply(this, args);
    track(`getAll ${'objectStore' in this ? `${this.objectStore.name}.${this.name}` : this.name}`, request);
    return request;
  } as typeof proto.getAll;
}
for (const [area, storage] of [['local', chrome.storage.local], ['session', chrome.storage.session]] as const) {
  const storageGet = storage.get;
  storage.get = function (this: chrome.storage.StorageArea, ...args: unknown[]) {
    const entry: { what: string; start: number; end?: number } = { what: `storage.${area}.get ${JSON.stringify(args[0])}`, start: performance.now() };
    timeline.push(entry);
    const callback = args.find((arg) => typeof arg === 'function') as ((...r: unknown[]) => void) | undefined;
    if (callback) {
      const rest = args.filter((arg) => arg !== callback);
      return (storageGet as (...a: unknown[]) => unknown).call(this, ...rest, (...result: unknown[]) => {
        entry.end = performance.now();
        callback(...result);
      });
    }
    const result = (storageGet as (...a: unknown[]) => Promise<unknown>).apply(this, args);
    void result.then(() => (entry.end = performance.now()));
    return result;
  } as typeof storage.get;
}
let firstRender: number | undefined;
new MutationObserver((_, observer) => {
  if (document.getElementById('app')?.firstChild) {
    firstRender = performance.now();
    observer.disconnect();
  }
}).observe(document, { childList: true, subtree: true });

const popupBench = {
  firstParagraph: async () => ({ ...(await firstParagraph), fcp: await contentfulPaint }),
  firstContentfulPaint: () => contentfulPaint,
  firstRooms: async () => {
    const shown = await firstRooms;
    const row = document.querySelector(ROW);
    const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    const scripts = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((entry) => entry.name.endsWith('.js'));
    return {
      ...shown,
      fcp: await contentfulPaint,
      setSize: Number(row?.getAttribute('aria-setsize') ?? 0),
      phases: {
        scriptsLoaded: Math.max(0, ...scripts.map((entry) => entry.responseEnd)),
        domContentLoaded: navigation?.domContentLoadedEventEnd ?? Number.NaN,
        firstRender: firstRender ?? Number.NaN,
      },
      timeline: timeline.map((entry) => ({ ...entry })),
    };
  },
  /** Clicks the first room and waits for its messages: times from the click. */
  async openFirstRoom() {
    const row = document.querySelector<HTMLElement>(ROW);
    if (!row) throw new Error('no room row');
    const shown = whenShown(MESSAGE);
    const clickAt = performance.now();
    row.click();
    const { dom, painted } = await shown;
    return { dom: dom - clickAt, painted: painted - clickAt, messages: document.querySelectorAll(MESSAGE).length };
  },
};

Object.assign(globalThis, { popupBench });
export type PopupBench = typeof popupBench;
