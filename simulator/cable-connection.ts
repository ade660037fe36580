/**
 * One cable socket, handled the way Rails' ActionCable::Connection does: commands decoded from
 * JSON, subscriptions keyed by the identifier string byte for byte, and silence (never an
 * error frame) for anything Rails would only log.
 */
import type { RawData, WebSocket } from 'ws';
import type { DisconnectReason } from './protocol';
import { frames } from './protocol';

/** What a subscribe turns into: `ignore` is an unknown channel (Rails logs it and says nothing). */
export type SubscribeOutcome = { kind: 'ignore' } | { kind: 'reject' } | { kind: 'stream'; stream: string };

export type SubscribeResolver = (channel: string, params: Record<string, unknown>) => SubscribeOutcome;

export interface ConnectionMeta {
  id: string;
  memberId: number;
  origin: string | null;
  hasAuthorization: boolean;
  /** The access token's jti, so a revocation can find the socket; never the token itself. */
  tokenId: string;
  /** `tokenDigest` of the access token: which token the handshake carried. */
  tokenDigest: string;
  /** The handshake URL's `circle_live` parameter: which community's socket the client says this is. */
  cable_mark: string | null;
  /** The names of the handshake URL's parameters (never their values). */
  query_keys: string[];
  openedAt: Date;
}

export interface ConnectionInfo {
  id: string;
  community_member_id: number;
  origin: string | null;
  authorization_header: boolean;
  token_digest: string;
  cable_mark: string | null;
  query_keys: string[];
  subscriptions: string[];
  opened_at: string;
  state: 'open' | 'silent';
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function text(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data instanceof ArrayBuffer ? new Uint8Array(data) : data).toString('utf8');
}

export class CableConnection {
  /** identifier string → stream */
  private readonly subscriptions = new Map<string, string>();
  private silent = false;

  constructor(
    private readonly socket: WebSocket,
    readonly meta: ConnectionMeta,
    private readonly resolve: SubscribeResolver,
  ) {
    socket.on('message', (data, isBinary) => {
      if (!isBinary) this.receive(text(data));
    });
  }

  get isSilent(): boolean {
    return this.silent;
  }

  private receive(raw: string): void {
    if (this.silent) return;
    let command: unknown;
    try {
      command = JSON.parse(raw);
    } catch {
      return;
    }
    if (!isRecord(command)) return;
    if (command.command === 'subscribe') this.subscribe(command.identifier);
    else if (command.command === 'unsubscribe' && typeof command.identifier === 'string') {
      this.subscriptions.delete(command.identifier);
    }
    // "message" performs a channel action: Circle's channels have none, and Rails answers an
    // unknown action, like an unknown command, with nothing.
  }

  private subscribe(identifier: unknown): void {
    if (typeof identifier !== 'string') return;
    let params: unknown;
    try {
      params = JSON.parse(identifier);
    } catch {
      return;
    }
    if (!isRecord(params) || typeof params.channel !== 'string') return;
    if (this.subscriptions.has(identifier)) return;
    const outcome = this.resolve(params.channel, params);
    if (outcome.kind === 'ignore') return;
    if (outcome.kind === 'reject') {
      this.transmit(frames.reject(identifier));
      return;
    }
    this.subscriptions.set(identifier, outcome.stream);
    this.transmit(frames.confirm(identifier));
  }

  transmit(frame: string): void {
    if (!this.silent && this.socket.readyState === this.socket.OPEN) this.socket.send(frame);
  }

  /** Sends an already-encoded broadcast to every subscription on `stream`; returns how many. */
  deliver(stream: string, encodedMessage: string): number {
    let delivered = 0;
    for (const [identifier, subscribed] of this.subscriptions) {
      if (subscribed !== stream) continue;
      this.transmit(frames.message(identifier, encodedMessage));
      delivered += 1;
    }
    return delivered;
  }

  /** A disconnect frame when a reason is given (Rails' `close(reason:)`), then close 1000. */
  close(disconnect?: { reason: DisconnectReason; reconnect: boolean }): void {
    if (disconnect) this.transmit(frames.disconnect(disconnect.reason, disconnect.reconnect));
    if (this.socket.readyState === this.socket.OPEN) this.socket.close(1000);
  }

  /** As a crashed server: the TCP socket goes, with no frame and no close handshake. */
  terminate(): void {
    this.socket.terminate();
  }

  /**
   * Half-open: stop reading and writing altogether, so the peer sees a live TCP connection
   * that never answers — not even a pong or a close frame.
   */
  silence(): void {
    this.silent = true;
    this.socket.pause();
  }

  onClose(listener: () => void): void {
    this.socket.on('close', listener);
  }

  info(): ConnectionInfo {
    return {
      id: this.meta.id,
      community_member_id: this.meta.memberId,
      origin: this.meta.origin,
      authorization_header: this.meta.hasAuthorization,
      token_digest: this.meta.tokenDigest,
      cable_mark: this.meta.cable_mark,
      query_keys: this.meta.query_keys,
      subscriptions: [...this.subscriptions.keys()],
      opened_at: this.meta.openedAt.toISOString(),
      state: this.silent ? 'silent' : 'open',
    };
  }
}
