import type { Launched } from './session';

/**
 * A target's V8 heap through the browser-wide CDP connection (Playwright offers no CDP
 * session on a service worker): `Runtime.getHeapUsage` as it stands, then again after a
 * forced garbage collection (`HeapProfiler.collectGarbage`), which is what stays.
 *
 * The offscreen document shares its renderer's main-thread heap with every other page of the
 * extension that is open (the bench's measuring page, an options tab): its figure includes
 * theirs. The socket worker (Chrome's cable sockets, a dedicated worker of the offscreen
 * document) has a heap of its own, reached through the document's session.
 */
export interface Heap {
  usedBytes: number;
  totalBytes: number;
  afterGcBytes: number;
}

type Cdp = Launched['cdp'];

async function measure(cdp: Cdp, sessionId: string): Promise<Heap> {
  const before = await cdp.send<{ usedSize: number; totalSize: number }>('Runtime.getHeapUsage', {}, sessionId);
  await cdp.send('HeapProfiler.collectGarbage', {}, sessionId);
  const after = await cdp.send<{ usedSize: number; totalSize: number }>('Runtime.getHeapUsage', {}, sessionId);
  return { usedBytes: before.usedSize, totalBytes: before.totalSize, afterGcBytes: after.usedSize };
}

/** The document's dedicated worker at `path`, attached through the document's own session (workers are no browser-wide targets). */
async function workerSession(cdp: Cdp, documentSession: string, path: string): Promise<string | undefined> {
  let found: string | undefined;
  const off = cdp.on('Target.attachedToTarget', (params, parent) => {
    const info = params.targetInfo as { type: string; url: string };
    if (parent === documentSession && info.type === 'worker' && info.url.endsWith(path)) found = params.sessionId as string;
  });
  try {
    // Attached workers are announced before this answers.
    await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: true }, documentSession);
    return found;
  } finally {
    off();
  }
}

export async function heapOf(s: Pick<Launched, 'cdp' | 'extensionId'>, target: 'background' | 'offscreen' | 'socket-worker'): Promise<Heap | undefined> {
  const sessionId = await s.cdp.attach((t) => (target === 'background' ? t.type === 'service_worker' && t.url.includes(s.extensionId) : t.url.includes(`${s.extensionId}/offscreen.html`)));
  if (!sessionId) return undefined;
  try {
    if (target !== 'socket-worker') return await measure(s.cdp, sessionId);
    const worker = await workerSession(s.cdp, sessionId, '/socket-worker.js');
    return worker ? await measure(s.cdp, worker) : undefined;
  } finally {
    await s.cdp.detach(sessionId);
  }
}
