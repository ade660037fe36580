/**
 * A bare WebSocket client for cable tests: it records every frame as the exact string the
 * server sent, and how the handshake and the close went, so tests can compare servers byte
 * for byte. Shared by the simulator's tests and tests/conformance.
 */
import WebSocket from 'ws';
import { SUBPROTOCOL } from '../protocol';

export interface RawOptions {
  origin?: string;
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** Default: the Rails client's `actioncable-v1-json` and `actioncable-unsupported`. */
  protocols?: string[];
}

export type Handshake =
  | { kind: 'open'; client: RawClient }
  | { kind: 'http'; status: number; body: string }
  | { kind: 'error'; message: string };

export interface Closed {
  code: number;
  reason: string;
}

const isPing = (frame: string): boolean => frame.startsWith('{"type":"ping"');

export class RawClient {
  private readonly queue: string[] = [];
  private readonly pings: string[] = [];
  private waiter: (() => void) | undefined;
  readonly closed: Promise<Closed>;

  constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const frame = Buffer.isBuffer(data) ? data.toString('utf8') : String(data);
      (isPing(frame) ? this.pings : this.queue).push(frame);
      this.waiter?.();
    });
    this.closed = new Promise((resolve) => {
      socket.on('close', (code, reason) => {
        resolve({ code, reason: reason.toString('utf8') });
        this.waiter?.();
      });
    });
  }

  get protocol(): string {
    return this.socket.protocol;
  }

  get isOpen(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  send(data: string): void {
    this.socket.send(data);
  }

  subscribe(identifier: string): void {
    this.send(JSON.stringify({ command: 'subscribe', identifier }));
  }

  unsubscribe(identifier: string): void {
    this.send(JSON.stringify({ command: 'unsubscribe', identifier }));
  }

  private async until(ready: () => boolean, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!ready()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; frames so far: ${JSON.stringify(this.queue)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.waiter = undefined;
    }
  }

  /** The next `count` frames other than pings, in arrival order. */
  async take(count = 1, timeoutMs = 3000): Promise<string[]> {
    await this.until(() => this.queue.length >= count, timeoutMs, `${count} frame(s)`);
    return this.queue.splice(0, count);
  }

  async next(timeoutMs = 3000): Promise<string> {
    const [frame] = await this.take(1, timeoutMs);
    return frame ?? '';
  }

  /** The first frame (pings aside) that satisfies `match`; frames before it stay queued. */
  async waitFor(match: (frame: string) => boolean, timeoutMs = 3000): Promise<string> {
    await this.until(() => this.queue.some(match), timeoutMs, 'a matching frame');
    const [frame = ''] = this.queue.splice(this.queue.findIndex(match), 1);
    return frame;
  }

  async nextPing(timeoutMs = 3000): Promise<string> {
    this.pings.length = 0;
    await this.until(() => this.pings.length > 0, timeoutMs, 'a ping');
    return this.pings.shift() ?? '';
  }

  pingCount(): number {
    return this.pings.length;
  }

  /** Frames received so far and not yet taken, pings aside. */
  pending(): string[] {
    return [...this.queue];
  }

  /** Waits `ms` and returns whatever non-ping frames arrived meanwhile (and any left before). */
  async quiet(ms = 150): Promise<string[]> {
    await new Promise((resolve) => setTimeout(resolve, ms));
    return this.queue.splice(0, this.queue.length);
  }

  close(): void {
    if (this.socket.readyState === WebSocket.OPEN || this.socket.readyState === WebSocket.CONNECTING) this.socket.terminate();
  }
}

/** Opens a cable socket and reports how the handshake ended. */
export function openRaw(url: string, options: RawOptions = {}): Promise<Handshake> {
  const headers: Record<string, string> = {};
  if (options.origin !== undefined) headers.Origin = options.origin;
  if (options.token !== undefined) headers.Authorization = `Bearer ${options.token}`;
  const protocols = options.protocols ?? [SUBPROTOCOL, 'actioncable-unsupported'];
  return new Promise((resolve) => {
    const socket = new WebSocket(url, protocols, { headers, perMessageDeflate: false });
    const client = new RawClient(socket);
    socket.once('open', () => resolve({ kind: 'open', client }));
    socket.once('unexpected-response', (_req, res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        resolve({ kind: 'http', status: res.statusCode ?? 0, body });
        socket.terminate();
      });
    });
    socket.on('error', (error) => resolve({ kind: 'error', message: error.message }));
  });
}

/** Opens a socket that must succeed; fails the test otherwise. */
export async function connect(url: string, options: RawOptions = {}): Promise<RawClient> {
  const handshake = await openRaw(url, options);
  if (handshake.kind !== 'open') throw new Error(`expected an open socket, got ${JSON.stringify(handshake)}`);
  return handshake.client;
}

export const identifier = (params: Record<string, unknown>): string => JSON.stringify(params);
