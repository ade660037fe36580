/**
 * Headless member tokens: JWT-shaped access tokens (HS256, signed with a secret that lives
 * only as long as the simulator) and opaque refresh tokens, with revocation.
 */
import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

export interface AccessClaims {
  community_id: number;
  community_member_id: number;
  iat: number;
  exp: number;
  jti: string;
}

export type AccessCheck = { ok: true; claims: AccessClaims } | { ok: false; reason: 'invalid' | 'expired' | 'revoked' };

export interface AccessGrant {
  access_token: string;
  access_token_expires_at: string;
}

/** The body of Circle's `auth_token` answer. */
export interface TokenPair extends AccessGrant {
  refresh_token: string;
  refresh_token_expires_at: string;
  community_member_id: number;
  community_id: number;
}

export interface Lifetimes {
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
}

interface RefreshRecord {
  memberId: number;
  expiresAt: number;
}

const base64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');
const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

/** The token of an `Authorization: Bearer …` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1] ?? null;
}

/**
 * A short SHA-256 of a token: enough to tell which token a socket carried, too little (and
 * one-way) to use it. The control API shows this, never the token.
 */
export function tokenDigest(token: string): string {
  return createHash('sha256').update(token).digest('hex').slice(0, 16);
}

function isClaims(value: unknown): value is AccessClaims {
  if (typeof value !== 'object' || value === null) return false;
  const claims = value as Record<string, unknown>;
  return typeof claims.community_member_id === 'number' && typeof claims.exp === 'number' && typeof claims.jti === 'string';
}

export class TokenService {
  private readonly secret = randomBytes(32);
  private readonly revokedJtis = new Set<string>();
  private readonly refreshTokens = new Map<string, RefreshRecord>();

  constructor(
    private readonly communityId: number,
    /** Read at each issue, so the control API can change lifetimes at run time. */
    private readonly lifetimes: () => Lifetimes,
  ) {}

  private sign(input: string): string {
    return base64url(createHmac('sha256', this.secret).update(input).digest());
  }

  issueAccess(memberId: number, ttlSeconds = this.lifetimes().accessTokenTtlSeconds): AccessGrant {
    const iat = Math.floor(Date.now() / 1000);
    const claims: AccessClaims = {
      community_id: this.communityId,
      community_member_id: memberId,
      iat,
      exp: iat + ttlSeconds,
      jti: randomUUID(),
    };
    const unsigned = `${HEADER}.${base64url(JSON.stringify(claims))}`;
    return {
      access_token: `${unsigned}.${this.sign(unsigned)}`,
      access_token_expires_at: new Date(claims.exp * 1000).toISOString(),
    };
  }

  issue(memberId: number, ttl: Partial<Lifetimes> = {}): TokenPair {
    const refreshTtl = ttl.refreshTokenTtlSeconds ?? this.lifetimes().refreshTokenTtlSeconds;
    const refreshToken = randomBytes(32).toString('base64url');
    const expiresAt = Date.now() + refreshTtl * 1000;
    this.refreshTokens.set(refreshToken, { memberId, expiresAt });
    return {
      ...this.issueAccess(memberId, ttl.accessTokenTtlSeconds),
      refresh_token: refreshToken,
      refresh_token_expires_at: new Date(expiresAt).toISOString(),
      community_member_id: memberId,
      community_id: this.communityId,
    };
  }

  /** The claims of a well-signed token, expired or revoked or not. */
  private decode(token: string): AccessClaims | null {
    const [header, payload, signature, ...rest] = token.split('.');
    if (header !== HEADER || !payload || !signature || rest.length > 0) return null;
    const expected = Buffer.from(this.sign(`${header}.${payload}`));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    try {
      const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      return isClaims(claims) ? claims : null;
    } catch {
      return null;
    }
  }

  verifyAccess(token: string | null): AccessCheck {
    const claims = token ? this.decode(token) : null;
    if (!claims) return { ok: false, reason: 'invalid' };
    if (this.revokedJtis.has(claims.jti)) return { ok: false, reason: 'revoked' };
    if (claims.exp <= Date.now() / 1000) return { ok: false, reason: 'expired' };
    return { ok: true, claims };
  }

  refresh(refreshToken: string): { ok: true; grant: AccessGrant } | { ok: false; reason: 'not_found' | 'expired' } {
    const record = this.refreshTokens.get(refreshToken);
    if (!record) return { ok: false, reason: 'not_found' };
    if (record.expiresAt <= Date.now()) return { ok: false, reason: 'expired' };
    return { ok: true, grant: this.issueAccess(record.memberId) };
  }

  /** Revokes a well-signed access token; returns its claims, or null for a token never issued here. */
  revokeAccess(token: string): AccessClaims | null {
    const claims = this.decode(token);
    if (claims) this.revokedJtis.add(claims.jti);
    return claims;
  }

  revokeRefresh(token: string): boolean {
    return this.refreshTokens.delete(token);
  }
}
