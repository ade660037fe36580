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
  /** Total ms per event kind (nested events under a kind are not counted again). */
  byKind: Record<string, number>;
  /** Script URLs compiled or evaluated, with ms. */
  scripts: Record<string, number>;
  /** Main thread busy ms of the window (any top-level task), and the window's length. */
  busyMs: number;
  windowMs: number;
}

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink', 'loading', 'toplevel', 'disabled-by-default-v8.compile'].join(',');

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
  const nav = events.find((e) => e.name === 'navigationStart' && JSON.stringify(e.args ?? {}).includes(url)) ?? events.find((e) => e.name === 'ResourceSendRequest' && e.args?.data?.url === url);
  if (!nav) return undefined;
  const main = events.find((e) => e.name === 'thread_name' && e.pid === nav.pid && e.args?.name === 'CrRendererMain');
  const tid = main?.tid ?? nav.tid;
  const start = nav.ts;
  const end = start + untilMs * 1000;
  const own = events.filter((e) => e.pid === nav.pid && e.tid === tid && e.ph === 'X' && e.dur !== undefined && e.ts >= start && e.ts <= end).sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const KINDS = new Set(['ParseHTML', 'EvaluateScript', 'v8.compileModule', 'v8.evaluateModule', 'v8.compile', 'FunctionCall', 'TimerFire', 'FireAnimationFrame', 'EventDispatch', 'UpdateLayoutTree', 'Layout', 'Paint', 'PrePaint', 'Layerize', 'Commit', 'ParseAuthorStyleSheet', 'RunMicrotasks', 'v8.run', 'V8.GCScavenger', 'MajorGC', 'MinorGC', 'HitTest']);
  const byKind: Record<string, number> = {};
  const scripts: Record<string, number> = {};
  let busy = 0;
  let topEnd = 0;
  let kindEnd = 0;
  for (const e of own) {
    const eEnd = e.ts + e.dur!;
    if (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') {
      if (e.ts >= topEnd) {
        busy += Math.min(eEnd, end) - e.ts;
        topEnd = eEnd;
      }
      continue;
    }
    if (!KINDS.has(e.name)) continue;
    const url = e.args?.data?.url;
    if (url && (e.name.startsWith('v8.') || e.name === 'EvaluateScript')) scripts[url.replace(/^chrome-extension:\/\/[^/]+/, '')] = (scripts[url.replace(/^chrome-extension:\/\/[^/]+/, '')] ?? 0) + e.dur! / 1000;
    if (e.ts < kindEnd) continue;
    byKind[e.name] = (byKind[e.name] ?? 0) + (Math.min(eEnd, end) - e.ts) / 1000;
    kindEnd = eEnd;
  }
  const round = (r: Record<string, number>) => Object.fromEntries(Object.entries(r).sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, Math.round(v * 10) / 10]));
  return { byKind: round(byKind), scripts: round(scripts), busyMs: Math.round(busy / 100) / 10, windowMs: untilMs };
}
