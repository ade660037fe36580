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

/** Retention of the cache: newest messages kept per room, and notifications kept. Shared by every community. */
export const retentionShape = {
  keepMessagesPerRoom: z.number().int().min(10).max(1000).default(100),
  keepNotifications: z.number().int().min(10).max(2000).default(200),
};

/** One community: where its Circle is, how the member signs in, what it is called here. */
export const communitySchema = z.object({
  circleUrl: secureUrl('https:', 'http:', 'Circle URL'),
  cableUrl: secureUrl('wss:', 'ws:', 'Cable URL').optional(),
  origin: secureUrl('https:', 'http:', 'Origin').refine((value) => {
    const url = parseUrl(value);
    return !url || url.origin === value.replace(/\/$/, '');
  }, 'Origin must be scheme and host only, like https://community.example.com'),
  /** None: signed out of this community (or never signed in), which leaves the others running. */
  auth: authSchema.optional(),
  /** The member's own label for it; the origin's host when unset. */
  name: z.string().trim().max(60, 'Name must be at most 60 characters').optional(),
  /** How many of the most recently active rooms get a live `Chats::RoomChannel` subscription. */
  liveRooms: z.number().int().min(0).max(100).default(25),
});

export const MAX_COMMUNITIES = 10;
/** Live room subscriptions over all communities: each community's share shrinks to fit. */
export const MAX_LIVE_ROOMS = 100;

const COMMUNITY_FIELDS = ['circleUrl', 'cableUrl', 'origin', 'auth', 'name', 'liveRooms'] as const;

/**
 * The settings as first released held one community at the top level; they stay valid, and
 * mean a list of one. Anything else passes as it is, for the schema to judge.
 */
export function asCommunityList(input: unknown): unknown {
  if (typeof input !== 'object' || input === null || Array.isArray(input) || 'communities' in input) return input;
  const record = input as Record<string, unknown>;
  if (!COMMUNITY_FIELDS.some((field) => field in record)) return input;
  const community: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) ((COMMUNITY_FIELDS as readonly string[]).includes(key) ? community : rest)[key] = value;
  return { ...rest, communities: [community] };
}

export const settingsSchema = z.preprocess(
  asCommunityList,
  z.object({
    communities: z
      .array(communitySchema, { error: 'Add a community' })
      .min(1, 'Add a community')
      .max(MAX_COMMUNITIES, `At most ${MAX_COMMUNITIES} communities`)
      .superRefine((communities, ctx) => {
        const seen = new Set<string>();
        communities.forEach((community, index) => {
          const key = communityKey(community.origin);
          if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [index, 'origin'], message: 'This community is in the list already' });
          seen.add(key);
        });
      }),
    ...retentionShape,
  }),
);

export type Settings = z.output<typeof settingsSchema>;
export type SettingsInput = z.input<typeof settingsSchema>;
export type Community = z.output<typeof communitySchema>;
export type Auth = z.output<typeof authSchema>;
export type AuthMode = Auth['mode'];

/** One community of the settings: its own entry, its key, its share of the live rooms and the retention every community shares. */
export type CommunityEntry = Community & {
  key: string;
  keepMessagesPerRoom: number;
  keepNotifications: number;
};

/** What one community's session runs on: an entry with a sign-in. */
export type CommunitySettings = CommunityEntry & { auth: Auth };

/** A field path such as `communities.0.auth.email` and what is wrong with it, for the options form. */
export interface SettingsProblem {
  field: string;
  message: string;
}

export type SettingsResult =
  | { ok: true; settings: Settings }
  | { ok: false; problems: SettingsProblem[] };

export type CommunitySettingsResult =
  | { ok: true; settings: CommunitySettings }
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

/**
 * A community's name in storage, header rules and alarms: derived from its origin, so it
 * stays while the list is reordered, and short and URL-safe, so it can mark its cable URL.
 * FNV-1a: not a secret, only a name.
 */
export function communityKey(origin: string): string {
  let hash = 0x811c9dc5;
  const text = origin.trim().replace(/\/$/, '').toLowerCase();
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/** Each community's settings, in the member's order, with the live rooms shared out to fit `MAX_LIVE_ROOMS`. */
export function communitiesOf(settings: Settings): CommunityEntry[] {
  const wanted = settings.communities.reduce((sum, c) => sum + c.liveRooms, 0);
  const scale = wanted > MAX_LIVE_ROOMS ? MAX_LIVE_ROOMS / wanted : 1;
  return settings.communities.map((community) => ({
    ...community,
    liveRooms: Math.floor(community.liveRooms * scale),
    key: communityKey(community.origin),
    keepMessagesPerRoom: settings.keepMessagesPerRoom,
    keepNotifications: settings.keepNotifications,
  }));
}

/** A community a session can run on: one with a sign-in. */
export function runnable(entry: CommunityEntry): CommunitySettingsResult {
  const { auth } = entry;
  return auth ? { ok: true, settings: { ...entry, auth } } : { ok: false, problems: [{ field: 'auth', message: 'Sign in to this community' }] };
}

/** One community's settings, as the connection check and the tests give them: a list of one, or the first released shape. */
export function parseCommunitySettings(input: unknown): CommunitySettingsResult {
  const result = parseSettings(input);
  if (!result.ok) return result;
  return runnable(communitiesOf(result.settings)[0]!);
}

/** What the member sees a community called: their label, or its origin's host. */
export function communityLabel(community: Pick<Community, 'name' | 'origin'>): string {
  if (community.name) return community.name;
  return parseUrl(community.origin)?.host ?? community.origin;
}

/**
 * The cable URL a community's socket opens, marked with its key: the header rule that carries
 * its token matches the mark, so two communities on one cable host each send their own
 * (a token never goes in a URL). Last in the URL, so a rule can anchor on it.
 */
export function markedCableUrl(settings: Pick<CommunitySettings, 'circleUrl' | 'cableUrl' | 'key'>): string {
  const url = new URL(cableUrlOf(settings));
  url.searchParams.delete(CABLE_MARK);
  url.searchParams.append(CABLE_MARK, settings.key);
  return url.toString();
}

export const CABLE_MARK = 'circle_live';

/** `wss://host/cable` for `https://host`, `ws://` for a loopback `http://` Circle. */
export function cableUrlOf(settings: Pick<Community, 'circleUrl' | 'cableUrl'>): string {
  if (settings.cableUrl) return settings.cableUrl;
  const url = new URL(settings.circleUrl);
  url.protocol = url.protocol === 'http:' ? 'ws:' : 'wss:';
  url.pathname = '/cable';
  url.search = '';
  url.hash = '';
  return url.toString();
}
