/** The fields of a Circle member access token we read. The signature is Circle's to check. */
export interface AccessTokenClaims {
  communityMemberId?: number;
  communityId?: number;
  /** Milliseconds since the epoch. */
  expiresAt?: number;
}

function decodeBase64Url(part: string): string {
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
  const binary = atob(base64);
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

function positiveInt(value: unknown): number | undefined {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/** Reads the claims, or nothing for a token that is not JWT-shaped: never throws. */
export function readAccessToken(token: string): AccessTokenClaims {
  const payload = token.split('.')[1];
  if (!payload) return {};
  try {
    const claims = JSON.parse(decodeBase64Url(payload)) as Record<string, unknown>;
    const exp = positiveInt(claims.exp);
    return {
      communityMemberId: positiveInt(claims.community_member_id),
      communityId: positiveInt(claims.community_id),
      expiresAt: exp === undefined ? undefined : exp * 1000,
    };
  } catch {
    return {};
  }
}
