// The least a socket must offer. Both the browser WebSocket and the `ws` package's client fit
// it as they are, so the host passes `(url, protocols) => new WebSocket(url, protocols)`.

// Handlers are declared as methods of a helper type so their parameters are checked
// bivariantly: the DOM's `(this: WebSocket, ev: MessageEvent) => any` then fits.
type Handler<E> = { bivarianceHack(event: E): void }['bivarianceHack'];

export interface SocketMessageEvent {
  data: unknown;
}

export interface SocketCloseEvent {
  code: number;
  reason: string;
}

export interface SocketStaleEvent {
  silentMs: number;
  /** When the socket heard its last frame: the pings it kept to itself count. */
  lastFrameAt: number;
}

export interface WebSocketLike {
  readonly readyState: number;
  /** The subprotocol the server picked; empty when it picked none. */
  readonly protocol: string;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: Handler<unknown> | null;
  onmessage: Handler<SocketMessageEvent> | null;
  onclose: Handler<SocketCloseEvent> | null;
  onerror: Handler<unknown> | null;
  /**
   * Optional: a socket in another thread, which wakes for every frame anyway, watches its own
   * silence from this call on, keeps pings to itself and says `onstale` instead, so the
   * thread that owns the cable wakes only for frames it needs (lib/host/worker-socket.ts).
   */
  watchSilence?(staleAfterMs: number): void;
  onstale?: Handler<SocketStaleEvent> | null;
}

export type WebSocketFactory = (url: string, protocols: string[]) => WebSocketLike;

export const ReadyState = {
  connecting: 0,
  open: 1,
  closing: 2,
  closed: 3,
} as const;

export const CLOSE_NORMAL = 1000;

const ignore = (): void => {};

/**
 * Cuts a socket loose and closes it. Handlers are swapped for no-ops rather than nulled: `ws`
 * emits an `error` when a handshake is aborted, and an EventEmitter with no `error` listener
 * throws it as an uncaught exception.
 */
export function discard(socket: WebSocketLike): void {
  socket.onopen = ignore;
  socket.onmessage = ignore;
  socket.onclose = ignore;
  socket.onerror = ignore;
  if (socket.watchSilence) socket.onstale = ignore;
  if (socket.readyState === ReadyState.closing || socket.readyState === ReadyState.closed) return;
  try {
    socket.close(CLOSE_NORMAL);
  } catch {
    // Some implementations throw when closing mid-handshake; the socket is abandoned either way.
  }
}
