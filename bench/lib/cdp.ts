import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { until } from './clock';

/**
 * A raw Chrome DevTools Protocol connection to the whole browser (Chromium is launched with
 * `--remote-debugging-port=0` next to Playwright's pipe). Playwright gives no CDP session on a
 * service worker; this reaches any target (the background's heap, the offscreen document's
 * network frames, CPU profiles) through flat sessions.
 */
export interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
  attached: boolean;
}

type Listener = (params: Record<string, unknown>, sessionId?: string) => void;

export class Cdp {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private readonly listeners = new Map<string, Set<Listener>>();

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as { id?: number; result?: unknown; error?: { message: string }; method?: string; params?: Record<string, unknown>; sessionId?: string };
      if (message.id !== undefined) {
        const waiter = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.error) waiter?.reject(new Error(message.error.message));
        else waiter?.resolve(message.result);
      } else if (message.method) {
        for (const listener of this.listeners.get(message.method) ?? []) listener(message.params ?? {}, message.sessionId);
      }
    });
  }

  static async connect(userDataDir: string): Promise<Cdp> {
    const file = join(userDataDir, 'DevToolsActivePort');
    const [port, path] = await until('DevToolsActivePort', () => {
      try {
        const lines = readFileSync(file, 'utf8').trim().split('\n');
        return lines.length === 2 ? lines : undefined;
      } catch {
        return undefined;
      }
    });
    const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`, { perMessageDeflate: false, maxPayload: 1 << 30 });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new Cdp(ws);
  }

  send<T = Record<string, unknown>>(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<T> {
    const id = this.nextId++;
    this.ws.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    return new Promise<T>((resolve, reject) => this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject }));
  }

  on(method: string, listener: Listener): () => void {
    let set = this.listeners.get(method);
    if (!set) this.listeners.set(method, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  async targets(): Promise<TargetInfo[]> {
    return (await this.send<{ targetInfos: TargetInfo[] }>('Target.getTargets')).targetInfos;
  }

  /** A flat session on the first target matching; undefined when there is none (a stopped worker). */
  async attach(match: (target: TargetInfo) => boolean): Promise<string | undefined> {
    const target = (await this.targets()).find(match);
    if (!target) return undefined;
    return (await this.send<{ sessionId: string }>('Target.attachToTarget', { targetId: target.targetId, flatten: true })).sessionId;
  }

  async detach(sessionId: string): Promise<void> {
    await this.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
  }

  close(): void {
    this.ws.close();
  }
}
