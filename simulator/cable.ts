/**
 * The ActionCable endpoint at /cable, with Rails' handshake rules (Origin, subprotocol,
 * Authorization checked at connect), one server-wide heartbeat like Rails', broadcasts by
 * stream, and the faults a real deployment shows: restart, crash, half-open sockets.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import type { ConnectionInfo, SubscribeOutcome } from './cable-connection';
import { CableConnection } from './cable-connection';
import { isChannelName, resolveStream } from './channels';
import type { SimConfig } from './config';
import type { Community } from './model';
import { CABLE_PATH, PAGE_NOT_FOUND, SUBPROTOCOL, UNSUPPORTED_SUBPROTOCOL, frames, railsJson } from './protocol';

export type CableAuth =
  | { ok: true; memberId: number; tokenId: string; tokenDigest: string }
  | { ok: false; token: 'none' | 'invalid' | 'expired' | 'revoked'; tokenDigest: string | null };

/**
 * A handshake the cable turned away, for tests to see what a client sent: the cable was
 * down (`kill`), another path, an Origin not allowed, or a token this Circle does not honour.
 */
export interface RefusedHandshake {
  at: string;
  reason: 'down' | 'path' | 'origin' | 'unauthorized';
  /** For `unauthorized`: no token, one never issued here (another Circle's), expired, revoked. */
  token?: 'none' | 'invalid' | 'expired' | 'revoked';
  token_digest: string | null;
  origin: string | null;
  cable_mark: string | null;
}

/** What the handshake URL says, never its values but the mark: a token in a URL shows as a parameter name. */
export interface HandshakeUrl {
  cable_mark: string | null;
  query_keys: string[];
}

/** The client's mark in the cable URL (`?circle_live=<community key>`), read only to report it. */
const CABLE_MARK = 'circle_live';
const REFUSALS_KEPT = 50;

export interface CableDeps {
  config: SimConfig;
  community: Community;
  authenticate(authorizationHeader: string | undefined): CableAuth;
}

const NOT_FOUND_RESPONSE =
  'HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\n' +
  `Content-Length: ${PAGE_NOT_FOUND.length}\r\nConnection: close\r\n\r\n${PAGE_NOT_FOUND}`;

export class CableServer {
  private readonly wss: WebSocketServer;
  private readonly open = new Set<CableConnection>();
  /** Sockets still connected but no longer part of the cable (half-open), until dropped. */
  private readonly limbo = new Set<CableConnection>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private pingTimer: NodeJS.Timeout | undefined;
  private pingEveryMs = 0;
  private refuseUntil = 0;
  private sequence = 0;

  constructor(private readonly deps: CableDeps) {
    this.wss = new WebSocketServer({
      noServer: true,
      clientTracking: false,
      // Rails' websocket-driver offers no compression.
      perMessageDeflate: false,
      handleProtocols: (offered) => this.pickProtocol(offered),
    });
    this.syncHeartbeat();
  }

  private pickProtocol(offered: Set<string>): string | false {
    if (!this.deps.config.subprotocol) return false;
    if (offered.has(SUBPROTOCOL)) return SUBPROTOCOL;
    return offered.has(UNSUPPORTED_SUBPROTOCOL) ? UNSUPPORTED_SUBPROTOCOL : false;
  }

  /** Rails' allowed_request_origins, plus its default allow_same_origin_as_host. */
  private originAllowed(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    if (!origin) return false;
    return this.deps.config.origins.includes(origin) || origin === `http://${req.headers.host ?? ''}`;
  }

  isCablePath(url: string | undefined): boolean {
    return new URL(url ?? '/', 'http://simulator').pathname === CABLE_PATH;
  }

  /** Every handshake attempt, served or not: how hard a client is retrying. */
  handshakes = 0;

  private readonly refusals: RefusedHandshake[] = [];

  private refuse(req: IncomingMessage, reason: RefusedHandshake['reason'], auth?: CableAuth): void {
    const refusal: RefusedHandshake = {
      at: new Date().toISOString(),
      reason,
      ...(auth && !auth.ok ? { token: auth.token } : {}),
      token_digest: auth?.tokenDigest ?? null,
      origin: req.headers.origin ?? null,
      cable_mark: handshakeUrl(req).cable_mark,
    };
    this.refusals.push(refusal);
    if (this.refusals.length > REFUSALS_KEPT) this.refusals.shift();
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.handshakes += 1;
    if (Date.now() < this.refuseUntil) {
      this.refuse(req, 'down');
      socket.destroy();
      return;
    }
    if (!this.isCablePath(req.url) || !this.originAllowed(req)) {
      this.refuse(req, this.isCablePath(req.url) ? 'origin' : 'path');
      socket.end(NOT_FOUND_RESPONSE);
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, req));
  }

  private accept(ws: WebSocket, req: IncomingMessage): void {
    const header = req.headers.authorization;
    const auth = this.deps.authenticate(header);
    if (!auth.ok) {
      this.refuse(req, 'unauthorized', auth);
      ws.send(frames.disconnect('unauthorized', false));
      ws.close(1000);
      return;
    }
    this.sequence += 1;
    const connection = new CableConnection(
      ws,
      {
        id: `c${this.sequence}`,
        memberId: auth.memberId,
        origin: req.headers.origin ?? null,
        hasAuthorization: header !== undefined,
        tokenId: auth.tokenId,
        tokenDigest: auth.tokenDigest,
        ...handshakeUrl(req),
        openedAt: new Date(),
      },
      (channel, params) => this.subscribeOutcome(channel, params, auth.memberId),
    );
    this.open.add(connection);
    connection.onClose(() => {
      this.open.delete(connection);
      this.limbo.delete(connection);
    });
    connection.transmit(frames.welcome());
  }

  private subscribeOutcome(channel: string, params: Record<string, unknown>, memberId: number): SubscribeOutcome {
    if (!isChannelName(channel)) return { kind: 'ignore' };
    if (this.deps.config.rejectChannels.includes(channel)) return { kind: 'reject' };
    const stream = resolveStream(channel, params, memberId, this.deps.community);
    return stream ? { kind: 'stream', stream } : { kind: 'reject' };
  }

  /** As `ActionCable.server.broadcast`: `payload` goes verbatim as `message`. Returns deliveries. */
  broadcast(stream: string, payload: unknown): number {
    const encoded = railsJson(payload);
    let delivered = 0;
    for (const connection of this.open) delivered += connection.deliver(stream, encoded);
    return delivered;
  }

  /** Starts, restarts or keeps the heartbeat so it follows the live config. */
  syncHeartbeat(): void {
    const every = this.deps.config.pingIntervalMs;
    if (this.pingTimer && every === this.pingEveryMs) return;
    clearInterval(this.pingTimer);
    this.pingEveryMs = every;
    this.pingTimer = setInterval(() => {
      const frame = frames.ping(Math.floor(Date.now() / 1000));
      for (const connection of this.open) connection.transmit(frame);
    }, every);
    this.pingTimer.unref();
  }

  private take(filter: (connection: CableConnection) => boolean): CableConnection[] {
    const taken = [...this.open].filter(filter);
    for (const connection of taken) this.open.delete(connection);
    return taken;
  }

  private later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    this.timers.add(timer);
  }

  /** Rails' `ActionCable.server.restart`. */
  restart(): number {
    const taken = this.take(() => true);
    for (const connection of taken) connection.close({ reason: 'server_restart', reconnect: true });
    return taken.length;
  }

  /** Rails' remote disconnect (`remote_connections.where(...).disconnect`), frame per compat. */
  private remoteDisconnect(filter: (connection: CableConnection) => boolean): number {
    const taken = this.take(filter);
    const frame = this.deps.config.compat === 'rails61' ? undefined : { reason: 'remote' as const, reconnect: true };
    for (const connection of taken) connection.close(frame);
    return taken.length;
  }

  disconnectMember(memberId: number): number {
    return this.remoteDisconnect((connection) => connection.meta.memberId === memberId);
  }

  disconnectToken(tokenId: string): number {
    return this.remoteDisconnect((connection) => connection.meta.tokenId === tokenId);
  }

  /** A crash: every socket dies without a frame, and upgrades are refused for `ms`. */
  kill(ms: number): number {
    const taken = [...this.take(() => true), ...this.limbo];
    this.limbo.clear();
    for (const connection of taken) connection.terminate();
    this.refuseUntil = Date.now() + ms;
    return taken.length;
  }

  /** The matching sockets go silent for `ms`, then are dropped; new sockets are served normally. */
  halfOpen(memberId: number | undefined, ms: number): number {
    const taken = this.take((connection) => memberId === undefined || connection.meta.memberId === memberId);
    for (const connection of taken) {
      connection.silence();
      this.limbo.add(connection);
    }
    this.later(ms, () => {
      for (const connection of taken) {
        this.limbo.delete(connection);
        connection.terminate();
      }
    });
    return taken.length;
  }

  connections(): ConnectionInfo[] {
    return [...this.open, ...this.limbo].map((connection) => connection.info());
  }

  /** The last handshakes turned away, oldest first. */
  refused(): RefusedHandshake[] {
    return [...this.refusals];
  }

  close(): void {
    clearInterval(this.pingTimer);
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const connection of [...this.open, ...this.limbo]) connection.terminate();
    this.open.clear();
    this.limbo.clear();
    this.wss.close();
  }
}

function handshakeUrl(req: IncomingMessage): HandshakeUrl {
  const { searchParams } = new URL(req.url ?? '/', 'http://simulator');
  return { cable_mark: searchParams.get(CABLE_MARK), query_keys: [...new Set(searchParams.keys())] };
}
