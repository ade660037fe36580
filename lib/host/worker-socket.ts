import { systemClock } from '../cable/clock';
import { StaleMonitor } from '../cable/monitor';
import { ReadyState, type SocketCloseEvent, type SocketMessageEvent, type SocketStaleEvent, type WebSocketFactory, type WebSocketLike } from '../cable/socket';

/** From the offscreen document to its socket worker. */
export type ToSocketWorker =
  | { id: number; kind: 'open'; url: string; protocols: string[] }
  | { id: number; kind: 'send'; data: string }
  | { id: number; kind: 'watch'; staleAfterMs: number }
  | { id: number; kind: 'close'; code?: number; reason?: string };

/** From the socket worker: what its WebSocket said. */
export type FromSocketWorker =
  | { id: number; kind: 'open'; protocol: string }
  /** The frames that arrived since the last post, in order: a burst crosses in a few posts, not one per frame. */
  | { id: number; kind: 'messages'; data: unknown[] }
  | { id: number; kind: 'close'; code: number; reason: string }
  | { id: number; kind: 'error' }
  | { id: number; kind: 'stale'; silentMs: number; lastFrameAt: number };

export interface SocketWorkerPort {
  postMessage(message: ToSocketWorker): void;
  addEventListener(type: 'message', listener: (event: { data: FromSocketWorker }) => void): void;
}

/**
 * Sockets that live in a dedicated worker, driven from here as if they were local: the one
 * document Chrome lets us keep open has a true reason to exist (it runs a worker), and the
 * cable client does not know the difference.
 */
export function workerSocketFactory(worker: SocketWorkerPort): WebSocketFactory {
  const sockets = new Map<number, WorkerSocket>();
  let nextId = 1;
  worker.addEventListener('message', ({ data }) => {
    const socket = sockets.get(data.id);
    if (!socket) return;
    if (data.kind === 'close') sockets.delete(data.id);
    socket.heard(data);
  });
  return (url, protocols) => {
    const id = nextId++;
    const socket = new WorkerSocket(id, (message) => worker.postMessage(message));
    sockets.set(id, socket);
    worker.postMessage({ id, kind: 'open', url, protocols });
    return socket;
  };
}

class WorkerSocket implements WebSocketLike {
  readyState: number = ReadyState.connecting;
  protocol = '';
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: SocketMessageEvent) => void) | null = null;
  onclose: ((event: SocketCloseEvent) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  onstale: ((event: SocketStaleEvent) => void) | null = null;

  constructor(
    private readonly id: number,
    private readonly post: (message: ToSocketWorker) => void,
  ) {}

  send(data: string): void {
    if (this.readyState !== ReadyState.open) throw new Error('the socket is not open');
    this.post({ id: this.id, kind: 'send', data });
  }

  watchSilence(staleAfterMs: number): void {
    this.post({ id: this.id, kind: 'watch', staleAfterMs });
  }

  close(code?: number, reason?: string): void {
    if (this.readyState === ReadyState.closing || this.readyState === ReadyState.closed) return;
    this.readyState = ReadyState.closing;
    this.post({ id: this.id, kind: 'close', code, reason });
  }

  heard(event: FromSocketWorker): void {
    if (event.kind === 'open') {
      this.readyState = ReadyState.open;
      this.protocol = event.protocol;
      this.onopen?.({});
    } else if (event.kind === 'messages') {
      for (const data of event.data) this.onmessage?.({ data });
    } else if (event.kind === 'error') {
      this.onerror?.({});
    } else if (event.kind === 'stale') {
      this.onstale?.({ silentMs: event.silentMs, lastFrameAt: event.lastFrameAt });
    } else {
      this.readyState = ReadyState.closed;
      this.onclose?.({ code: event.code, reason: event.reason });
    }
  }
}

/** Rails' ping as it is written (`{"type":"ping","message":…}`); another spelling is passed on like any frame. */
const isPing = (data: unknown) => typeof data === 'string' && data.startsWith('{"type":"ping"');

/**
 * The worker's side: real WebSockets, each event passed on as it happens. Once the document
 * asks (`watch`, after `welcome`), the worker watches the socket's silence itself and keeps the
 * pings: it wakes for each of them anyway, and the document then wakes only for frames it needs.
 * Frames go on together, after the tasks already queued (in a burst, mostly more frames): a post
 * and its event cost the document a task each, which in a 5,000-frame burst was more than parsing them.
 */
export function serveSockets(scope: { postMessage(message: FromSocketWorker): void; addEventListener(type: 'message', listener: (event: { data: ToSocketWorker }) => void): void }): void {
  type Held = { socket: WebSocket; monitor?: StaleMonitor; pending: unknown[] };
  const sockets = new Map<number, Held>();
  scope.addEventListener('message', ({ data }) => {
    if (data.kind === 'open') {
      const socket = new WebSocket(data.url, data.protocols);
      const held: Held = { socket, pending: [] };
      // Anything but a frame goes after the frames heard before it.
      const flush = () => {
        if (!held.pending.length) return;
        scope.postMessage({ id: data.id, kind: 'messages', data: held.pending });
        held.pending = [];
      };
      const post = (message: FromSocketWorker) => {
        flush();
        scope.postMessage(message);
      };
      sockets.set(data.id, held);
      socket.onopen = () => post({ id: data.id, kind: 'open', protocol: socket.protocol });
      socket.onmessage = (event) => {
        if (held.monitor) {
          held.monitor.touch();
          if (isPing(event.data)) return;
        }
        if (!held.pending.length) setTimeout(flush, 0);
        held.pending.push(event.data);
      };
      socket.onerror = () => post({ id: data.id, kind: 'error' });
      socket.onclose = (event) => {
        held.monitor?.stop();
        sockets.delete(data.id);
        post({ id: data.id, kind: 'close', code: event.code, reason: event.reason });
      };
      return;
    }
    const held = sockets.get(data.id);
    if (!held) return;
    if (data.kind === 'send') {
      held.socket.send(data.data);
    } else if (data.kind === 'watch') {
      held.monitor?.stop();
      const monitor = new StaleMonitor(systemClock, data.staleAfterMs, (silentMs) => scope.postMessage({ id: data.id, kind: 'stale', silentMs, lastFrameAt: monitor.lastFrameAt ?? Date.now() - silentMs }));
      held.monitor = monitor;
      monitor.start();
    } else {
      held.monitor?.stop();
      held.socket.close(data.code, data.reason);
    }
  });
}
