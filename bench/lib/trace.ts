import type { CDPSession } from '@playwright/test';

/**
 * One Chromium trace of a page load (CDP `Tracing`, devtools.timeline categories), reduced to
 * where its renderer's main thread spent the time until a moment: the top-level tasks by kind
 * (parse HTML, evaluate and compile modules, run JS, style, layout, paint) and the scripts run.
 */
export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { data?: { url?: string; frame?: string; stackTrace?: unknown }; name?: string };
}

export interface MainThreadBreakdown {
  /** Total ms per kind of work (nested events under a kind are not counted again). */
  byKind: Record<string, number>;
  /** Script URLs compiled or evaluated, with ms. */
  scripts: Record<string, number>;
  /** Main thread busy ms of the window (any top-level task), and the window's length. */
  busyMs: number;
  windowMs: number;
}

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink', 'loading', 'toplevel', 'disabled-by-default-v8.compile', ...(process.env.BENCH_TRACE_CPU ? ['disabled-by-default-v8.cpu_profiler'] : [])].join(',');

export async function startTrace(cdp: CDPSession): Promise<() => Promise<TraceEvent[]>> {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (data) => {
    events.push(...(data.value as unknown as TraceEvent[]));
  });
  await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' } as never);
  return async () => {
    const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
    await cdp.send('Tracing.end');
    await complete;
    return events;
  };
}

/** The main thread of the renderer that loaded `url`, from its navigation start to `untilMs` after it. */
export function mainThread(events: readonly TraceEvent[], url: string, untilMs: number): MainThreadBreakdown | undefined {
  // The navigation's request (the browser process) starts the clock; the renderer that parsed
  // the page's HTML is the one measured. Trace timestamps share one clock across processes.
  const requests = events.filter((e) => e.name === 'ResourceSendRequest' && e.args?.data?.url === url);
  const parse = events.find((e) => e.name === 'ParseHTML' && JSON.stringify(e.args ?? {}).includes(url));
  if (!requests.length || !parse) return undefined;
  const start = Math.min(...requests.map((e) => e.ts));
  // The probe's own mark of its measure (pages/popup-probe.ts) ends the window; `untilMs` is on
  // the page's clock, whose zero (navigation start) comes before the request, so it is the fallback.
  const mark = events.find((e) => e.name === 'TimeStamp' && e.pid === parse.pid && e.ts >= start && JSON.stringify(e.args ?? {}).includes('bench: shown and painted'));
  const end = mark?.ts ?? start + untilMs * 1000;
  const own = events.filter((e) => e.pid === parse.pid && e.tid === parse.tid && e.ph === 'X' && e.dur !== undefined && e.ts >= start && e.ts <= end).sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const byKind: Record<string, number> = {};
  const scripts: Record<string, number> = {};
  let busy = 0;
  let topEnd = 0;
  let kindEnd = 0;
  for (const e of own) {
    const eEnd = e.ts + e.dur!;
    if (e.name === 'RunTask' && e.ts >= topEnd) {
      busy += Math.min(eEnd, end) - e.ts;
      topEnd = eEnd;
    }
    const url = e.args?.data?.url?.replace(/^chrome-extension:\/\/[^/]+/, '');
    if (url && (e.name === 'v8.evaluateModule' || e.name === 'v8.compileModule' || e.name === 'FunctionCall')) scripts[url] = (scripts[url] ?? 0) + e.dur! / 1000;
    const kind = KINDS[e.name];
    if (!kind || e.ts < kindEnd) continue;
    byKind[kind] = (byKind[kind] ?? 0) + (Math.min(eEnd, end) - e.ts) / 1000;
    kindEnd = eEnd;
  }
  const round = (r: Record<string, number>) => Object.fromEntries(Object.entries(r).sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, Math.round(v * 10) / 10]));
  return { byKind: round(byKind), scripts: round(scripts), busyMs: Math.round(busy / 100) / 10, windowMs: Math.round((end - start) / 100) / 10 };
}

/** Top-level work on the main thread, by what it is (outermost wins: a kind's nested events are not counted again). */
const KINDS: Record<string, string> = {
  'DocumentLoader::CommitNavigation': 'commit the navigation',
  ParseHTML: 'parse HTML',
  'v8.compileModule': 'compile modules',
  'v8.evaluateModule': 'evaluate modules',
  RunMicrotasks: 'JS after a reply (microtasks: storage answers, render)',
  FunctionCall: 'JS (callbacks, timers)',
  TimerFire: 'JS (callbacks, timers)',
  EventDispatch: 'JS (events)',
  'WebFrameWidgetImpl::UpdateLifecycle': 'frame: style, layout, paint',
  'Document::UpdateStyleAndLayout': 'forced style and layout',
  'SVGImage::DataChanged': 'SVG avatars (data URIs) decoded',
  'Receive mojo message': 'IPC replies (storage, IndexedDB)',
  'Receive mojo reply': 'IPC replies (storage, IndexedDB)',
  MinorGC: 'GC',
  MajorGC: 'GC',
};
