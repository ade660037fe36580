import { Timer } from './clock.ts';
import type { Clock } from './clock.ts';
import { DisconnectReason, FrameType, identifierFor, parseFrame, PROTOCOLS, SUBPROTOCOL, subscribeCommand } from './protocol.ts';
import type { ChannelParams, Frame } from './protocol.ts';
import { discard } from './socket.ts';
import type { WebSocketFactory, WebSocketLike } from './socket.ts';

/**
 * "Check connection", the cable half: one socket walked through each step a live connection
 * needs, reporting each as it starts and ends, so the options page can say which one failed.
 * Unlike the Cable it never retries: a test that hides a failure behind a retry tests nothing.
 */

export type ProbeStep = 'handshake' | 'subprotocol' | 'welcome' | 'subscription';

export type ProbeFailure =
  /** Closed before open: with REST working, Circle refused the upgrade (the Origin, mostly). */
  | 'refused'
  | 'timeout'
  | 'no_subprotocol'
  | 'unauthorized'
  /** Any other `disconnect` frame; `detail` holds its reason. */
  | 'disconnected'
  | 'closed'
  | 'rejected';

export interface ProbeEvent {
  step: ProbeStep;
  state: 'running' | 'ok' | 'failed';
  /** For `subscription`: the channel's name, and its identifier to tell equal names apart. */
  channel?: string;
  identifier?: string;
  failure?: ProbeFailure;
  detail?: string;
}

export interface ProbeOptions {
  url: string;
  channels: readonly ChannelParams[];
  createWebSocket: WebSocketFactory;
  clock: Clock;
  /** For each step that waits on the server: open, welcome, every subscription's answer. */
  timeoutMs?: number;
  onStep(event: ProbeEvent): void;
}

export interface ProbeResult {
  ok: boolean;
  /** The first step that failed. */
  failed?: ProbeEvent;
}

export const PROBE_TIMEOUT_MS = 10_000;

export function probeCable(options: ProbeOptions): Promise<ProbeResult> {
  return new Promise((resolve) => new Probe(options, resolve).start());
}

class Probe {
  private socket: WebSocketLike | undefined;
  private step: ProbeStep = 'handshake';
  private readonly stepTimer: Timer;
  /** Subscriptions not answered yet, by identifier, each with its own timer. */
  private readonly pending = new Map<string, { channel: string; timer: Timer }>();
  private failed: ProbeEvent | undefined;
  private finished = false;

  constructor(
    private readonly options: ProbeOptions,
    private readonly resolve: (result: ProbeResult) => void,
  ) {
    this.stepTimer = new Timer(options.clock);
  }

  private get timeoutMs(): number {
    return this.options.timeoutMs ?? PROBE_TIMEOUT_MS;
  }

  start(): void {
    this.emit({ step: 'handshake', state: 'running' });
    try {
      this.socket = this.options.createWebSocket(this.options.url, [...PROTOCOLS]);
    } catch (error) {
      this.fail({ step: 'handshake', state: 'failed', failure: 'refused', detail: error instanceof Error ? error.message : String(error) });
      return;
    }
    const socket = this.socket;
    socket.onopen = () => this.opened(socket);
    socket.onmessage = (event) => this.frame(event.data);
    socket.onclose = (event) => this.closed(event.code);
    // The `close` that follows every `error` carries what there is to know.
    socket.onerror = () => undefined;
    this.stepTimer.set(this.timeoutMs, () => this.fail({ step: 'handshake', state: 'failed', failure: 'timeout' }));
  }

  private opened(socket: WebSocketLike): void {
    this.emit({ step: 'handshake', state: 'ok' });
    this.emit({ step: 'subprotocol', state: 'running' });
    if (socket.protocol !== SUBPROTOCOL) {
      this.fail({ step: 'subprotocol', state: 'failed', failure: 'no_subprotocol', detail: socket.protocol });
      return;
    }
    this.emit({ step: 'subprotocol', state: 'ok' });
    this.step = 'welcome';
    this.emit({ step: 'welcome', state: 'running' });
    this.stepTimer.set(this.timeoutMs, () => this.fail({ step: 'welcome', state: 'failed', failure: 'timeout' }));
  }

  private frame(data: unknown): void {
    const parsed = parseFrame(data);
    if (!parsed.ok) return;
    const frame: Frame = parsed.frame;
    if (frame.type === FrameType.welcome && this.step === 'welcome') this.welcomed();
    else if (frame.type === FrameType.disconnect) this.disconnected(frame.reason);
    else if (frame.type === FrameType.confirm || frame.type === FrameType.reject) this.answered(frame.identifier, frame.type === FrameType.confirm);
  }

  private welcomed(): void {
    this.stepTimer.clear();
    this.emit({ step: 'welcome', state: 'ok' });
    this.step = 'subscription';
    if (!this.options.channels.length) return this.finish();
    for (const params of this.options.channels) {
      const identifier = identifierFor(params);
      if (this.pending.has(identifier)) continue;
      const timer = new Timer(this.options.clock);
      this.pending.set(identifier, { channel: params.channel, timer });
      this.emit({ step: 'subscription', state: 'running', channel: params.channel, identifier });
      timer.set(this.timeoutMs, () => this.settle(identifier, { failure: 'timeout' }));
      this.socket?.send(subscribeCommand(identifier));
    }
  }

  private answered(identifier: string, confirmed: boolean): void {
    this.settle(identifier, confirmed ? undefined : { failure: 'rejected' });
  }

  /** One subscription's outcome; the probe ends when the last one is in. */
  private settle(identifier: string, failure?: Pick<ProbeEvent, 'failure' | 'detail'>): void {
    const entry = this.pending.get(identifier);
    if (!entry || this.finished) return;
    entry.timer.clear();
    this.pending.delete(identifier);
    const event: ProbeEvent = { step: 'subscription', state: failure ? 'failed' : 'ok', channel: entry.channel, identifier, ...failure };
    this.emit(event);
    if (failure) this.failed ??= event;
    if (!this.pending.size) this.finish();
  }

  private disconnected(reason: string): void {
    if (this.step === 'subscription') return this.abandonSubscriptions({ failure: 'disconnected', detail: reason });
    const failure: ProbeFailure = reason === DisconnectReason.unauthorized ? 'unauthorized' : 'disconnected';
    this.fail({ step: this.step, state: 'failed', failure, detail: reason });
  }

  private closed(code: number): void {
    if (this.finished) return;
    if (this.step === 'subscription') return this.abandonSubscriptions({ failure: 'closed', detail: String(code) });
    this.fail({ step: this.step, state: 'failed', failure: this.step === 'handshake' ? 'refused' : 'closed', detail: String(code) });
  }

  private abandonSubscriptions(failure: Pick<ProbeEvent, 'failure' | 'detail'>): void {
    for (const identifier of [...this.pending.keys()]) this.settle(identifier, failure);
  }

  private fail(event: ProbeEvent): void {
    if (this.finished) return;
    this.emit(event);
    this.failed ??= event;
    this.finish();
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.stepTimer.clear();
    for (const { timer } of this.pending.values()) timer.clear();
    this.pending.clear();
    if (this.socket) discard(this.socket);
    this.resolve({ ok: !this.failed, failed: this.failed });
  }

  private emit(event: ProbeEvent): void {
    try {
      this.options.onStep(event);
    } catch {
      // A listener's bug must not leave the socket open or the promise pending.
    }
  }
}
