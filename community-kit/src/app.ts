import type { Context } from 'hono';
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { z } from 'zod';
import { browserRoutes, errorName, PKCE_VALUE } from './authorize.ts';
import { CircleAuth } from './circle.ts';
import { OneTimeCodes, PendingLogins } from './codes.ts';
import type { KitConfig } from './config.ts';
import { DISCOVERY_PATH } from './discovery.ts';
import { errorJson, errorPage } from './errors.ts';
import type { LogSink, RouteName } from './log.ts';
import { createLogger } from './log.ts';
import type { IdentityProvider } from './oidc.ts';
import { openIdProvider } from './oidc.ts';
import { RateLimiter } from './rate-limit.ts';
import { originAllowed } from './redirect.ts';

export interface KitDeps {
  /** The connection's peer address; the runtime adapter knows it (main.ts for Node). */
  clientIp: (c: Context) => string;
  now?: () => number;
  logSink?: LogSink;
  idp?: IdentityProvider;
}

const tokenBody = z.object({ code: z.string().min(1).max(200), code_verifier: z.string().regex(PKCE_VALUE), redirect_uri: z.string().min(1) });
const refreshBody = z.object({ refresh_token: z.string().min(1).max(4096) });
const revokeBody = z
  .object({ access_token: z.string().min(1).max(8192), refresh_token: z.string().min(1).max(4096) })
  .partial()
  .refine((body) => body.access_token !== undefined || body.refresh_token !== undefined);

async function jsonBody<T>(c: Context, schema: z.ZodType<T>): Promise<T | undefined> {
  const body: unknown = await c.req.json().catch(() => undefined);
  const parsed = schema.safeParse(body);
  return parsed.success ? parsed.data : undefined;
}

function lastForwardedFor(c: Context): string | undefined {
  return c.req.header('x-forwarded-for')?.split(',').pop()?.trim() || undefined;
}

export function createApp(config: KitConfig, deps: KitDeps) {
  const now = deps.now ?? Date.now;
  const logger = createLogger(deps.logSink ?? ((line) => console.info(line)), now);
  const circle = new CircleAuth(config.circleUrl, config.appToken);
  const codes = new OneTimeCodes(now, config.codeTtlSeconds * 1000);
  const logins = new PendingLogins(now);
  const idp = deps.idp ?? openIdProvider(config.oidc);
  const limiter = new RateLimiter(config.rateLimit.burst, config.rateLimit.perMinute, now);
  const app = new Hono();

  // First, so preflights cost no rate-limit token and a 429 is readable by the extension.
  const extensionCors = cors({
    origin: (origin) => (originAllowed(origin, config.extensionOrigins) ? origin : null),
    allowMethods: ['POST'],
    allowHeaders: ['Content-Type'],
    maxAge: 600,
  });
  for (const route of ['/token', '/refresh', '/revoke']) app.use(route, extensionCors);

  // The proxy in front appends the peer it saw; anything left of that is the client's claim.
  const clientIp = (c: Context) => (config.trustProxy ? lastForwardedFor(c) : undefined) ?? deps.clientIp(c);
  for (const route of ['/authorize', '/token', '/refresh'] satisfies RouteName[]) {
    app.use(route, async (c, next) => {
      const verdict = limiter.take(`${route} ${clientIp(c)}`);
      if (verdict.ok) return next();
      logger.log('rejected', { route, reason: 'rate_limited' });
      c.header('Retry-After', String(verdict.retryAfterSeconds));
      return route === '/authorize' ? errorPage(c, 'rate_limited') : errorJson(c, 'rate_limited');
    });
  }

  app.get(DISCOVERY_PATH, (c) => c.json(config.discovery, 200, { 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'public, max-age=300' }));
  app.get('/healthz', (c) => c.json({ ok: true, rejections: logger.counts() }));

  browserRoutes(app, { config, logger, logins, codes, circle, idp });

  app.post('/token', async (c) => {
    const body = await jsonBody(c, tokenBody);
    if (!body || !URL.canParse(body.redirect_uri)) {
      logger.log('rejected', { route: '/token', reason: 'invalid_request' });
      return errorJson(c, 'invalid_request');
    }
    const redemption = await codes.redeem(body.code, body.code_verifier, new URL(body.redirect_uri).href);
    if (!redemption.ok) {
      if (redemption.burn) {
        const { access_token: access, refresh_token: refresh } = redemption.burn;
        await Promise.all([circle.revoke('access_token', access), circle.revoke('refresh_token', refresh)]);
        logger.log('token.reuse_revoked', { route: '/token' });
      }
      logger.log('rejected', { route: '/token', reason: 'invalid_grant' });
      return errorJson(c, 'invalid_grant');
    }
    logger.log('token.issued', { route: '/token', status: 200 });
    return c.json(redemption.pair, 200, { 'Cache-Control': 'no-store' });
  });

  app.post('/refresh', async (c) => {
    const body = await jsonBody(c, refreshBody);
    if (!body) {
      logger.log('rejected', { route: '/refresh', reason: 'invalid_request' });
      return errorJson(c, 'invalid_request');
    }
    const result = await circle.refresh(body.refresh_token);
    if (!result.ok) {
      logger.log(result.error === 'circle_unavailable' ? 'circle.failed' : 'rejected', { route: '/refresh', reason: result.error, circleStatus: result.circleStatus });
      return errorJson(c, result.error);
    }
    logger.log('refresh.done', { route: '/refresh', status: 200 });
    return c.json(result.value, 200, { 'Cache-Control': 'no-store' });
  });

  app.post('/revoke', async (c) => {
    const body = await jsonBody(c, revokeBody);
    if (!body) {
      logger.log('rejected', { route: '/revoke', reason: 'invalid_request' });
      return errorJson(c, 'invalid_request');
    }
    const results = await Promise.all([
      body.access_token === undefined ? null : circle.revoke('access_token', body.access_token),
      body.refresh_token === undefined ? null : circle.revoke('refresh_token', body.refresh_token),
    ]);
    const failed = results.find((result) => result && !result.ok);
    if (failed && !failed.ok) {
      logger.log('circle.failed', { route: '/revoke', reason: failed.error, circleStatus: failed.circleStatus });
      return errorJson(c, failed.error);
    }
    logger.log('revoke.done', { route: '/revoke', status: 204 });
    return c.body(null, 204);
  });

  app.onError((error, c) => {
    logger.log('rejected', { reason: 'service_misconfigured', errorName: errorName(error) });
    return errorJson(c, 'service_misconfigured');
  });

  return app;
}
