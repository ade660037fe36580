import { z } from 'zod';

/**
 * The settings contract: one object under the key `settings`, read from `storage.managed`
 * (a community's policy) and `storage.local`. Documented in the README; keep both in step.
 */

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname);
}

function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

// Plain-text schemes are only for the local Circle on this machine: anything else would send
// the member's token in the clear.
function secureUrl(secure: string, plain: string, what: string) {
  return z.string().trim().superRefine((value, ctx) => {
    const url = parseUrl(value);
    if (!url) {
      ctx.addIssue({ code: 'custom', message: `${what} is not a valid URL` });
    } else if (url.protocol === plain) {
      if (!isLoopbackHost(url.hostname)) {
        ctx.addIssue({ code: 'custom', message: `${what} must use ${secure}// (${plain}// is allowed only for 127.0.0.1 and localhost)` });
      }
    } else if (url.protocol !== secure) {
      ctx.addIssue({ code: 'custom', message: `${what} must start with ${secure}//` });
    } else if (url.username || url.password) {
      ctx.addIssue({ code: 'custom', message: `${what} must not contain a user name or password` });
    }
  });
}

const isoDate = z.iso.datetime({ offset: true, message: 'Must be an ISO-8601 date and time' });

export const tokensAuthSchema = z.object({
  mode: z.literal('tokens'),
  accessToken: z.string().trim().min(1, 'Access token is required'),
  refreshToken: z.string().trim().min(1, 'Refresh token is required'),
  accessTokenExpiresAt: isoDate.optional(),
  refreshTokenExpiresAt: isoDate.optional(),
});

export const appTokenAuthSchema = z.object({
  mode: z.literal('appToken'),
  appToken: z.string().trim().min(1, 'App token is required'),
  email: z.email('Enter an e-mail address like name@example.com'),
});

export const tokenUrlAuthSchema = z.object({
  mode: z.literal('tokenUrl'),
  tokenUrl: secureUrl('https:', 'http:', 'Token URL'),
});

/**
 * Signed in with the community's own login through its token service (community-kit): the
 * pair it handed over is the first token set, refreshed and revoked through that service, so
 * no app token is ever needed here. `address` is what the member typed, to find the service
 * again for the next sign-in.
 */
export const communityAuthSchema = z.object({
  mode: z.literal('community'),
  address: z.string().trim().min(1, 'Community address is required'),
  refreshUrl: secureUrl('https:', 'http:', 'Refresh URL'),
  revokeUrl: secureUrl('https:', 'http:', 'Revoke URL'),
  accessToken: z.string().trim().min(1, 'Access token is required'),
  refreshToken: z.string().trim().min(1, 'Refresh token is required'),
  accessTokenExpiresAt: isoDate.optional(),
  refreshTokenExpiresAt: isoDate.optional(),
});

export const authSchema = z.discriminatedUnion('mode', [tokensAuthSchema, appTokenAuthSchema, tokenUrlAuthSchema, communityAuthSchema], {
  error: 'Sign-in mode must be one of tokens, appToken, tokenUrl, community',
});

export const settingsSchema = z.object({
  circleUrl: secureUrl('https:', 'http:', 'Circle URL'),
  cableUrl: secureUrl('wss:', 'ws:', 'Cable URL').optional(),
  origin: secureUrl('https:', 'http:', 'Origin').refine((value) => {
    const url = parseUrl(value);
    return !url || url.origin === value.replace(/\/$/, '');
  }, 'Origin must be scheme and host only, like https://community.example.com'),
  auth: authSchema,
  /** How many of the most recently active rooms get a live `Chats::RoomChannel` subscription. */
  liveRooms: z.number().int().min(0).max(100).default(25),
  /** Retention of the cache: newest messages kept per room, and notifications kept. */
  keepMessagesPerRoom: z.number().int().min(10).max(1000).default(100),
  keepNotifications: z.number().int().min(10).max(2000).default(200),
});

export type Settings = z.output<typeof settingsSchema>;
export type SettingsInput = z.input<typeof settingsSchema>;
export type Auth = Settings['auth'];
export type AuthMode = Auth['mode'];

/** A field path such as `auth.email` and what is wrong with it, for the options form. */
export interface SettingsProblem {
  field: string;
  message: string;
}

export type SettingsResult =
  | { ok: true; settings: Settings }
  | { ok: false; problems: SettingsProblem[] };

export function parseSettings(input: unknown): SettingsResult {
  const result = settingsSchema.safeParse(input);
  if (result.success) return { ok: true, settings: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((issue) => ({
      field: issue.path.join('.') || '(settings)',
      message: issue.message,
    })),
  };
}

/** `wss://host/cable` for `https://host`, `ws://` for a loopback `http://` Circle. */
export function cableUrlOf(settings: Pick<Settings, 'circleUrl' | 'cableUrl'>): string {
  if (settings.cableUrl) return settings.cableUrl;
  const url = new URL(settings.circleUrl);
  url.protocol = url.protocol === 'http:' ? 'ws:' : 'wss:';
  url.pathname = '/cable';
  url.search = '';
  url.hash = '';
  return url.toString();
}
