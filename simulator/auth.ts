/**
 * Circle's Headless auth endpoints (/api/v1/headless/...) and the bearer check of the member
 * API. Statuses and messages follow circle-api.md; where Circle's wording is unknown the
 * message is ours, in Circle's style.
 */
import { z } from 'zod';
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
  refreshExpired: 'The refresh token is expired. Please create a new one.',
  refreshNotFound: 'Refresh token not found.',
  notEligible: 'This community is not eligible for the Headless API.',
} as const;

const memberLookup = z.object({
  email: z.string().min(1).optional(),
  community_member_id: z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]).optional(),
  sso_user_id: z.union([z.string().min(1), z.number().transform(String)]).optional(),
});

const refreshBody = z.object({ refresh_token: z.string().min(1) });
const accessBody = z.object({ access_token: z.string().min(1) });

function parse<T>(schema: z.ZodType<T>, body: unknown, message: string): T {
  const result = schema.safeParse(body);
  if (!result.success) throw unprocessable(message, z.flattenError(result.error).fieldErrors);
  return result.data;
}

/** The member behind a member-API request, or Circle's 401. */
export function requireMember(ctx: SimContext, req: RouteRequest): Member {
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

export function authRoutes(ctx: SimContext): Route[] {
  const base = '/api/v1/headless';
  return [
    {
      method: 'POST',
      pattern: `${base}/auth_token`,
      handler: (req) => {
        if (bearerToken(req.headers.authorization) !== ctx.config.appToken) throw new CircleError(401, AUTH_MESSAGES.unauthenticated);
        requireEligible(ctx);
        const lookup = parse(memberLookup, req.body, 'Could not create the member token.');
        if (lookup.email === undefined && lookup.community_member_id === undefined && lookup.sso_user_id === undefined) {
          throw unprocessable('Could not create the member token.', { base: ['email, community_member_id or sso_user_id is required'] });
        }
        const member = findMember(ctx, lookup);
        if (!member) throw notFound('Community member not found.');
        return json(ctx.tokens.issue(member.id));
      },
    },
    {
      method: 'PATCH',
      pattern: `${base}/access_token/refresh`,
      handler: (req) => {
        const { refresh_token: refreshToken } = parse(refreshBody, req.body, 'The refresh token is missing.');
        // Decision: the bearer may be the app token, the refresh token itself, or absent.
        const bearer = bearerToken(req.headers.authorization);
        if (bearer !== null && bearer !== ctx.config.appToken && bearer !== refreshToken) {
          throw new CircleError(401, AUTH_MESSAGES.unauthenticated);
        }
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
        const { access_token: token } = parse(accessBody, req.body, 'The access token is missing.');
        revokeAccessToken(ctx, token);
        return noContent();
      },
    },
    {
      method: 'POST',
      pattern: `${base}/refresh_token/revoke`,
      handler: (req) => {
        const { refresh_token: token } = parse(refreshBody, req.body, 'The refresh token is missing.');
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
