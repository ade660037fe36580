/**
 * A local Circle: Headless auth, the member REST API and the ActionCable feed over one seeded
 * community, plus a control API for tests and demos. `startSimulator` is the entry point.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CommunityActions } from './actions';
import { Activity } from './activity';
import { authRoutes } from './auth';
import { CableServer } from './cable';
import type { SimConfig, SimulatorOptions } from './config';
import { DEFAULT_SEED, resolveConfig } from './config';
import type { SimContext } from './context';
import { Control } from './control';
import { controlRoutes } from './control-routes';
import { wrapEvent } from './envelope';
import { createRequestHandler } from './http';
import type { Community } from './model';
import { PAGE_NOT_FOUND } from './protocol';
import { Records } from './records';
import { chatRoutes } from './rest-chat';
import { notificationRoutes } from './rest-notifications';
import { seedCommunity } from './seed';
import { bearerToken, tokenDigest, TokenService } from './tokens';

export { DEMO } from './seed';
export { streams } from './channels';
export { ENVELOPE_VARIANTS, wrapEvent } from './envelope';
export type { CircleEvent, EnvelopeVariant } from './envelope';
export type { SimConfig, SimulatorOptions } from './config';
export type { ConnectionInfo } from './cable-connection';
export type { RefusedHandshake } from './cable';
export { tokenDigest } from './tokens';
export type { TokenPair } from './tokens';
export type { Control } from './control';

export interface Simulator {
  /** http://HOST:PORT */
  url: string;
  /** ws://HOST:PORT/cable */
  cableUrl: string;
  port: number;
  community: Community;
  /** The live settings; change them through `control.configure` so timers follow. */
  config: SimConfig;
  control: Control;
  actions: CommunityActions;
  records: Records;
  tokens: TokenService;
  /** A token pair for a member, as `POST /_sim/tokens` gives. */
  issueTokens: Control['issueTokens'];
  /**
   * Every REST request a client made (not the control API, not CORS preflights, not the cable's
   * upgrade), in arrival order: what a client costs Circle, against its published rate limit.
   */
  requests: SimRequest[];
  stop(): Promise<void>;
}

export interface SimRequest {
  method: string;
  /** Without the query string. */
  path: string;
  at: number;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const config = resolveConfig(options);
  const seed = options.seed ?? DEFAULT_SEED;
  const community = seedCommunity(seed, options.now ?? new Date());
  const records = new Records(community);
  const tokens = new TokenService(community.id, () => config);
  const cable = new CableServer({
    config,
    community,
    authenticate: (header) => {
      const token = bearerToken(header);
      if (token === null) return { ok: false, token: 'none', tokenDigest: null };
      const digest = tokenDigest(token);
      const check = tokens.verifyAccess(token);
      return check.ok
        ? { ok: true, memberId: check.claims.community_member_id, tokenId: check.claims.jti, tokenDigest: digest }
        : { ok: false, token: check.reason, tokenDigest: digest };
    },
  });
  const actions = new CommunityActions(community, records, (stream, event) => {
    cable.broadcast(stream, wrapEvent(config.envelope, event));
  });
  const ctx: SimContext = { config, community, records, actions, tokens, cable };
  const activity = new Activity(community, actions, seed);
  const control = new Control(ctx, activity);

  const handler = createRequestHandler(
    [...authRoutes(ctx), ...chatRoutes(ctx), ...notificationRoutes(ctx), ...controlRoutes(control)],
    (req, res) => {
      // Rails answers a plain (non-upgrade) request to the cable like a refused Origin.
      if (!cable.isCablePath(req.url)) return false;
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end(PAGE_NOT_FOUND);
      return true;
    },
  );
  const requests: SimRequest[] = [];
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (req.method !== 'OPTIONS' && !path.startsWith('/_sim')) requests.push({ method: req.method ?? 'GET', path, at: Date.now() });
    void handler(req, res);
  });
  server.on('upgrade', (req, socket, head) => cable.handleUpgrade(req, socket, head));

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const hostForUrl = host.includes(':') ? `[${host}]` : host;
  if (options.activityPerMinute) activity.set(options.activityPerMinute);

  let stopped: Promise<void> | undefined;
  return {
    url: `http://${hostForUrl}:${port}`,
    cableUrl: `ws://${hostForUrl}:${port}/cable`,
    port,
    community,
    config,
    control,
    actions,
    records,
    tokens,
    issueTokens: (memberId, ttl) => control.issueTokens(memberId, ttl),
    requests,
    stop: () => {
      stopped ??= new Promise<void>((resolve) => {
        activity.stop();
        cable.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return stopped;
    },
  };
}
