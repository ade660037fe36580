import { Timer } from './clock.ts';
import type { Clock } from './clock.ts';
import type { Reporter } from './diagnostics.ts';
import { CableError } from './errors.ts';
import type { FailureReason } from './errors.ts';
import { StaleMonitor } from './monitor.ts';
import { parseFrame, PROTOCOLS, SUBPROTOCOL } from './protocol.ts';
import type { Frame } from './protocol.ts';
import { discard, ReadyState } from './socket.ts';
import type { SocketCloseEvent, WebSocketFactory, WebSocketLike } from './socket.ts';
import type { Tunables } from './tunables.ts';

/** What a link tells its owner. Each is called at most once per socket, except `frame`. */
export interface LinkHandlers {
  welcome(): void;
  /** Every well-formed frame except `welcome`, which the link consumes. */
  frame(frame: Exclude<Frame, { type: 'welcome' }>): void;
  /** The socket is gone (already closed and cut loose); the owner decides what next. */
  failed(reason: FailureReason, error: CableError): void;
}

export interface LinkDeps {
  url: string;
  createWebSocket: WebSocketFactory;
  /** Its timers must fire through `run` too. */
  clock: Clock;
  tunables: Pick<Tunables, 'handshakeTimeoutMs' | 'welcomeTimeoutMs' | 'staleAfterMs'>;
  report: Reporter;
  /** Wraps each socket event, so the owner can treat it as one operation. */
  run(work: () => void): void;
  handlers: LinkHandlers;
}

/**
 * One socket at a time, from the factory call to `welcome` and on: it times the handshake and
 * the welcome, checks the subprotocol, parses frames and notices silence. Policy (retry or not,
 * how long to wait) is the owner's.
 */
export class Link {
  private socket: WebSocketLike | null = null;
  private opened = false;
  private welcomed = false;
  private refusedCount = 0;
  private readonly stepTimer: Timer;
  private readonly monitor: StaleMonitor;

  constructor(private readonly deps: LinkDeps) {
    this.stepTimer = new Timer(deps.clock);
    this.monitor = new StaleMonitor(deps.clock, deps.tunables.staleAfterMs, (silentMs) =>
      this.fail('stale', `no frame for ${silentMs} ms`),
    );
  }

  get lastFrameAt(): number | null {
    return this.monitor.lastFrameAt;
  }

  /** Sockets closed before `open`: what a refused Origin (HTTP 404) looks like from here. */
  get closedBeforeOpen(): number {
    return this.refusedCount;
  }

  open(): void {
    this.close();
    let socket: WebSocketLike;
    try {
      socket = this.deps.createWebSocket(this.deps.url, [...PROTOCOLS]);
    } catch (error) {
      this.fail('socket_failed', 'the socket factory threw', error);
      return;
    }
    this.socket = socket;
    const { run } = this.deps;
    socket.onopen = () => run(() => this.handleOpen(socket));
    socket.onmessage = (event) => run(() => this.handleMessage(event.data));
    socket.onclose = (event) => run(() => this.handleClose(event));
    if (socket.watchSilence) socket.onstale = ({ silentMs, lastFrameAt }) => run(() => this.handleStale(silentMs, lastFrameAt));
    // Browsers say nothing useful in `error`; the `close` that always follows carries the code.
    socket.onerror = () => this.deps.report.log('debug', 'socket error');
    this.stepTimer.set(this.deps.tunables.handshakeTimeoutMs, () => this.fail('handshake_timeout', 'no open'));
  }

  send(frame: string): void {
    const { socket } = this;
    if (!socket || socket.readyState !== ReadyState.open) {
      this.deps.report.diagnose('send_failed', 'socket not open');
      return;
    }
    try {
      socket.send(frame);
    } catch (error) {
      this.deps.report.diagnose('send_failed', error instanceof Error ? error.name : typeof error);
    }
  }

  /** Cuts the socket loose and stops every timer watching it. Idempotent. */
  close(): void {
    this.stepTimer.clear();
    this.monitor.stop();
    if (this.socket) discard(this.socket);
    this.socket = null;
    this.opened = false;
    this.welcomed = false;
  }

  private handleOpen(socket: WebSocketLike): void {
    this.opened = true;
    if (socket.protocol !== SUBPROTOCOL) {
      const picked = socket.protocol ? `server chose "${socket.protocol}"` : 'server chose no subprotocol';
      this.fail('protocol_unsupported', picked);
      return;
    }
    this.stepTimer.set(this.deps.tunables.welcomeTimeoutMs, () => this.fail('welcome_timeout', 'no welcome'));
  }

  private handleMessage(data: unknown): void {
    this.monitor.touch();
    const result = parseFrame(data);
    if (!result.ok) {
      this.deps.report.diagnose(result.reason, result.detail);
      return;
    }
    const { frame } = result;
    if (frame.type !== 'welcome') {
      this.deps.handlers.frame(frame);
      return;
    }
    // A repeated welcome on a live socket changes nothing.
    if (this.welcomed) return;
    this.welcomed = true;
    this.stepTimer.clear();
    if (this.socket?.watchSilence) {
      this.monitor.touch();
      this.socket.watchSilence(this.deps.tunables.staleAfterMs);
    } else {
      this.monitor.start();
    }
    this.deps.handlers.welcome();
  }

  private handleStale(silentMs: number, lastFrameAt: number): void {
    this.monitor.touch(lastFrameAt);
    this.fail('stale', `no frame for ${silentMs} ms`);
  }

  private handleClose(event: SocketCloseEvent): void {
    if (this.opened) {
      this.fail('closed', `close ${event.code}`);
      return;
    }
    this.refusedCount += 1;
    this.fail('closed_before_open', `close ${event.code}`);
  }

  private fail(reason: FailureReason, message: string, cause?: unknown): void {
    this.close();
    this.deps.handlers.failed(reason, new CableError(reason, message, cause === undefined ? undefined : { cause }));
  }
}
