import { ReadyState, type SocketCloseEvent, type SocketMessageEvent, type WebSocketFactory, type WebSocketLike } from '../cable/socket';

/** From the offscreen document to its socket worker. */
export type ToSocketWorker =
  | { id: number; kind: 'open'; url: string; protocols: string[] }
  | { id: number; kind: 'send'; data: string }
  | { id: number; kind: 'close'; code?: number; reason?: string };

/** From the socket worker: what its WebSocket said. */
export type FromSocketWorker =
  | { id: number; kind: 'open'; protocol: string }
  | { id: number; kind: 'message'; data: unknown }
  | { id: number; kind: 'close'; code: number; reason: string }
  | { id: number; kind: 'error' };

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

  constructor(
    private readonly id: number,
    private readonly post: (message: ToSocketWorker) => void,
  ) {}

  send(data: string): void {
    if (this.readyState !== ReadyState.open) throw new Error('the socket is not open');
    this.post({ id: this.id, kind: 'send', data });
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
    } else if (event.kind === 'message') {
      this.onmessage?.({ data: event.data });
    } else if (event.kind === 'error') {
      this.onerror?.({});
    } else {
      this.readyState = ReadyState.closed;
      this.onclose?.({ code: event.code, reason: event.reason });
    }
  }
}

/** The worker's side: real WebSockets, each event passed on as it happens. */
export function serveSockets(scope: { postMessage(message: FromSocketWorker): void; addEventListener(type: 'message', listener: (event: { data: ToSocketWorker }) => void): void }): void {
  const sockets = new Map<number, WebSocket>();
  scope.addEventListener('message', ({ data }) => {
    if (data.kind === 'open') {
      const socket = new WebSocket(data.url, data.protocols);
      sockets.set(data.id, socket);
      socket.onopen = () => scope.postMessage({ id: data.id, kind: 'open', protocol: socket.protocol });
      socket.onmessage = (event) => scope.postMessage({ id: data.id, kind: 'message', data: event.data });
      socket.onerror = () => scope.postMessage({ id: data.id, kind: 'error' });
      socket.onclose = (event) => {
        sockets.delete(data.id);
        scope.postMessage({ id: data.id, kind: 'close', code: event.code, reason: event.reason });
      };
      return;
    }
    const socket = sockets.get(data.id);
    if (data.kind === 'send') socket?.send(data.data);
    else socket?.close(data.code, data.reason);
  });
}
