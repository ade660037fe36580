import { z } from 'zod';
import type { ErrorCode } from './log.ts';

/**
 * Circle's Headless auth calls, made with the community's app token, which never leaves this
 * service. Answers are mapped to the few outcomes the extension acts on.
 */

export const tokenPairSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  access_token_expires_at: z.string(),
  refresh_token_expires_at: z.string(),
  community_member_id: z.number().int(),
  community_id: z.number().int(),
});
export type TokenPair = z.infer<typeof tokenPairSchema>;

export const accessGrantSchema = z.object({ access_token: z.string().min(1), access_token_expires_at: z.string() });
export type AccessGrant = z.infer<typeof accessGrantSchema>;

export type MemberLookup = { email: string } | { sso_user_id: string };

export type CircleResult<T> = { ok: true; value: T } | { ok: false; error: ErrorCode; circleStatus?: number };

const circleErrorSchema = z.object({ message: z.string() }).partial();

export class CircleAuth {
  constructor(
    private readonly circleUrl: string,
    private readonly appToken: string,
  ) {}

  memberToken(lookup: MemberLookup): Promise<CircleResult<TokenPair>> {
    return this.call('POST', 'auth_token', lookup, tokenPairSchema, (status) => {
      if (status === 404) return 'unknown_member';
      if (status === 401) return 'service_misconfigured';
      return undefined;
    });
  }

  refresh(refreshToken: string): Promise<CircleResult<AccessGrant>> {
    return this.call('PATCH', 'access_token/refresh', { refresh_token: refreshToken }, accessGrantSchema, (status, message) => {
      // Circle's 401 says either the refresh token expired (the session is over) or the app
      // token was refused (our fault, not the member's): only its text tells them apart.
      if (status === 404 || (status === 401 && /refresh token/i.test(message))) return 'invalid_grant';
      if (status === 401) return 'service_misconfigured';
      return undefined;
    });
  }

  /** Revocation is idempotent: a token Circle does not know (404) counts as revoked. */
  async revoke(kind: 'access_token' | 'refresh_token', token: string): Promise<CircleResult<null>> {
    const result = await this.call('POST', `${kind}/revoke`, { [kind]: token }, z.unknown(), () => undefined);
    return result.ok || result.circleStatus === 404 ? { ok: true, value: null } : result;
  }

  private async call<T>(
    method: string,
    path: string,
    body: object,
    schema: z.ZodType<T>,
    mapStatus: (status: number, message: string) => ErrorCode | undefined,
  ): Promise<CircleResult<T>> {
    let response: Response;
    try {
      response = await fetch(`${this.circleUrl}/api/v1/headless/${path}`, {
        method,
        headers: { Authorization: `Bearer ${this.appToken}`, 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });
    } catch {
      return { ok: false, error: 'circle_unavailable' };
    }
    const text = await response.text().catch(() => '');
    if (response.ok) {
      const parsed = schema.safeParse(text === '' ? null : safeJson(text));
      return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: 'circle_unavailable', circleStatus: response.status };
    }
    const message = circleErrorSchema.safeParse(safeJson(text)).data?.message ?? '';
    // 403 is Circle's "Your community isn't eligible for headless API access."
    const mapped = response.status === 403 ? 'not_eligible' : mapStatus(response.status, message);
    return { ok: false, error: mapped ?? 'circle_unavailable', circleStatus: response.status };
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
