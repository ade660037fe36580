import type { Session } from './session';

/**
 * A target's V8 heap through the browser-wide CDP connection (Playwright offers no CDP
 * session on a service worker): `Runtime.getHeapUsage` as it stands, then again after a
 * forced garbage collection (`HeapProfiler.collectGarbage`), which is what stays.
 */
export interface Heap {
  usedBytes: number;
  totalBytes: number;
  afterGcBytes: number;
}

export async function heapOf(s: Session, target: 'background' | 'offscreen'): Promise<Heap | undefined> {
  const sessionId = await s.cdp.attach((t) => (target === 'background' ? t.type === 'service_worker' && t.url.includes(s.extensionId) : t.url.includes(`${s.extensionId}/offscreen.html`)));
  if (!sessionId) return undefined;
  try {
    const before = await s.cdp.send<{ usedSize: number; totalSize: number }>('Runtime.getHeapUsage', {}, sessionId);
    await s.cdp.send('HeapProfiler.collectGarbage', {}, sessionId);
    const after = await s.cdp.send<{ usedSize: number; totalSize: number }>('Runtime.getHeapUsage', {}, sessionId);
    return { usedBytes: before.usedSize, totalBytes: before.totalSize, afterGcBytes: after.usedSize };
  } finally {
    await s.cdp.detach(sessionId);
  }
}
