/**
 * Circle's Headless auth endpoints (/api/v1/headless/...) and the bearer check of the member
 * API. Statuses, bodies and messages are the examples of Circle's OpenAPI files, verbatim
 * (docs/circle-api.md); a message Circle's files do not give is ours, in Circle's style.
 */
import { z } from 'zod';
import type { AuthForm } from './config';
import type { SimContext } from './context';
import { CircleError, notFound, unprocessable } from './errors';
import type { Route, RouteRequest } from './http';
import { json, noContent } from './http';
import type { Member } from './model';
import { bearerToken } from './tokens';

export const AUTH_MESSAGES = {
  invalid: 'The access token is invalid.',
  expired: 'The access token is expired.',
  revoked: 'The access token not found.',
  unauthenticated: 'Your account could not be authenticated.',
  refreshExpired: 'The refresh token is expired. Please generate/get new auth token.',
  refreshNotFound: 'Refresh token not found.',
  memberNotFound: 'Community member not found. Please provide a valid SSO User ID, community member ID, or email.',
  tokenNotCreated: 'There was an error creating the token. Please contact support.',
  missingParameter: 'Oops! Missing parameter. Please try again later.',
  /** The auth calls' 403. */
  notEligible: "Your community isn't eligible for headless API access. Please upgrade or contact support",
  /** The member API's 401, in Circle's own grammar. */
  memberNotEligible: 'Community does not eligible for headless API access.',
} as const;

const memberLookup = z.object({
  email: z.string().min(1).optional(),
  community_member_id: z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]).optional(),
  sso_user_id: z.union([z.string().min(1), z.number().transform(String)]).optional(),
});

function parse<T>(schema: z.ZodType<T>, body: unknown, message: string): T {
  const result = schema.safeParse(body);
  if (!result.success) throw unprocessable(message, z.flattenError(result.error).fieldErrors);
  return result.data;
}

/** The token a revoke or refresh is about; Circle's 404 names the missing one. */
function requiredToken(body: unknown, name: 'access_token' | 'refresh_token'): string {
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
  if (typeof value !== 'string' || value === '') throw new CircleError(404, AUTH_MESSAGES.missingParameter, { message: `Missing parameter: ${name}` });
  return value;
}

/** The member behind a member-API request, or Circle's 401. */
export function requireMember(ctx: SimContext, req: RouteRequest): Member {
  if (!ctx.config.communityEligible) throw new CircleError(401, AUTH_MESSAGES.memberNotEligible);
  const check = ctx.tokens.verifyAccess(bearerToken(req.headers.authorization));
  if (!check.ok) throw new CircleError(401, AUTH_MESSAGES[check.reason]);
  const member = ctx.community.members.get(check.claims.community_member_id);
  if (!member) throw new CircleError(401, AUTH_MESSAGES.invalid);
  return member;
}

function findMember(ctx: SimContext, lookup: z.infer<typeof memberLookup>): Member | undefined {
  if (lookup.community_member_id !== undefined) return ctx.community.members.get(lookup.community_member_id);
  if (lookup.email !== undefined) return ctx.community.memberByEmail(lookup.email);
  if (lookup.sso_user_id !== undefined) return ctx.community.memberBySsoId(lookup.sso_user_id);
  return undefined;
}

function requireEligible(ctx: SimContext): void {
  if (!ctx.config.communityEligible) throw new CircleError(403, AUTH_MESSAGES.notEligible);
}

/** Which of the configured forms a request used, or null for a bearer that is none of them. */
function formOf(ctx: SimContext, req: RouteRequest, own: string): AuthForm | null {
  const bearer = bearerToken(req.headers.authorization);
  if (bearer === null) return 'none';
  if (bearer === ctx.config.appToken) return 'app_token';
  return bearer === own ? 'own_token' : null;
}

/** Refresh and the revokes: the spec names `bearerAuth`, and the control API can narrow or widen what passes. */
function requireForm(ctx: SimContext, req: RouteRequest, own: string): void {
  const form = formOf(ctx, req, own);
  if (form === null || !ctx.config.authForms.includes(form)) throw new CircleError(401, AUTH_MESSAGES.unauthenticated);
}

export function authRoutes(ctx: SimContext): Route[] {
  const base = '/api/v1/headless';
  return [
    {
      method: 'POST',
      pattern: `${base}/auth_token`,
      handler: (req) => {
        if (bearerToken(req.headers.authorization) !== ctx.config.appToken) throw new CircleError(401, AUTH_MESSAGES.unauthenticated);
        requireEligible(ctx);
        const lookup = parse(memberLookup, req.body, AUTH_MESSAGES.tokenNotCreated);
        if (lookup.email === undefined && lookup.community_member_id === undefined && lookup.sso_user_id === undefined) {
          throw unprocessable(AUTH_MESSAGES.tokenNotCreated, { message: 'Record invalid' });
        }
        const member = findMember(ctx, lookup);
        if (!member) throw notFound(AUTH_MESSAGES.memberNotFound);
        return json(ctx.tokens.issue(member.id));
      },
    },
    {
      method: 'PATCH',
      pattern: `${base}/access_token/refresh`,
      handler: (req) => {
        const refreshToken = requiredToken(req.body, 'refresh_token');
        requireForm(ctx, req, refreshToken);
        requireEligible(ctx);
        const result = ctx.tokens.refresh(refreshToken);
        if (!result.ok && result.reason === 'expired') throw new CircleError(401, AUTH_MESSAGES.refreshExpired);
        if (!result.ok) throw notFound(AUTH_MESSAGES.refreshNotFound);
        return json(result.grant);
      },
    },
    {
      method: 'POST',
      pattern: `${base}/access_token/revoke`,
      handler: (req) => {
        const token = requiredToken(req.body, 'access_token');
        requireForm(ctx, req, token);
        requireEligible(ctx);
        const check = ctx.tokens.verifyAccess(token);
        // Circle answers a token it cannot revoke with 422 and the member API's words for it.
        if (!check.ok) throw unprocessable(AUTH_MESSAGES[check.reason]);
        revokeAccessToken(ctx, token);
        return noContent();
      },
    },
    {
      method: 'POST',
      pattern: `${base}/refresh_token/revoke`,
      handler: (req) => {
        const token = requiredToken(req.body, 'refresh_token');
        requireForm(ctx, req, token);
        requireEligible(ctx);
        if (!ctx.tokens.revokeRefresh(token)) throw notFound(AUTH_MESSAGES.refreshNotFound);
        return noContent();
      },
    },
  ];
}

/**
 * Revokes an access token and drops the sockets it opened, as a remote disconnect: a token
 * Circle no longer honours must not keep a live feed. Returns null for a token never issued here.
 */
export function revokeAccessToken(ctx: SimContext, token: string): { disconnected: number } | null {
  const claims = ctx.tokens.revokeAccess(token);
  return claims ? { disconnected: ctx.cable.disconnectToken(claims.jti) } : null;
}
