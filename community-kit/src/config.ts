import { z } from 'zod';
import type { Discovery } from './discovery.ts';
import { discoverySchema, DISCOVERY_PATH } from './discovery.ts';

/** The service's settings, read once from the environment (README.md lists every variable). */
export interface KitConfig {
  publicUrl: string;
  circleUrl: string;
  appToken: string;
  oidc: { issuer: string; clientId: string; clientSecret: string; scope: string };
  lookup: { by: 'email' } | { by: 'sso_user_id'; claim: string };
  allowedRedirectUris: string[];
  extensionOrigins: string[];
  codeTtlSeconds: number;
  rateLimit: { burst: number; perMinute: number };
  trustProxy: boolean;
  discovery: Discovery;
}

const list = z
  .string()
  .transform((value) => value.split(/[\s,]+/).filter(Boolean))
  .pipe(z.array(z.string()).min(1));

const flag = z.enum(['0', '1', 'true', 'false']).transform((value) => value === '1' || value === 'true');

const envSchema = z.object({
  PUBLIC_URL: z.url(),
  CIRCLE_URL: z.url(),
  CIRCLE_APP_TOKEN: z.string().min(1),
  CIRCLE_CABLE_URL: z.url().optional(),
  CIRCLE_ORIGIN: z.url(),
  COMMUNITY_NAME: z.string().min(1),
  COMMUNITY_ICON_URL: z.url().optional(),
  OIDC_ISSUER: z.url(),
  OIDC_CLIENT_ID: z.string().min(1),
  OIDC_CLIENT_SECRET: z.string().min(1),
  OIDC_SCOPE: z.string().default('openid email'),
  MEMBER_LOOKUP: z.enum(['email', 'sso_user_id']).default('email'),
  SSO_CLAIM: z.string().min(1).default('sub'),
  ALLOWED_REDIRECT_URIS: list,
  EXTENSION_ORIGINS: list.optional(),
  CODE_TTL_SECONDS: z.coerce.number().int().min(10).max(600).default(60),
  RATE_LIMIT_BURST: z.coerce.number().int().min(1).default(10),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  TRUST_PROXY: flag.default(false),
});


const trimSlash = (url: string) => url.replace(/\/+$/, '');

/**
 * The extension origins allowed to POST here: each Chrome redirect host names its extension;
 * Firefox's moz-extension:// origin is random per install, so any Firefox extension is allowed
 * when a Firefox redirect URI is. CORS is no authentication here: every call needs a secret.
 */
function originsFor(redirectUris: string[]): string[] {
  const origins = new Set<string>();
  for (const uri of redirectUris) {
    const host = URL.canParse(uri.replace(/\*$/, '')) ? new URL(uri.replace(/\*$/, '')).hostname : '';
    const chrome = /^([a-p]{32})\.chromiumapp\.org$/.exec(host);
    if (chrome) origins.add(`chrome-extension://${chrome[1]}`);
    if (host.endsWith('.extensions.allizom.org')) origins.add('moz-extension://*');
  }
  return [...origins];
}

/** Names the variables that are wrong, never their values: one may be the app token. */
export function loadConfig(env: Record<string, string | undefined>): KitConfig {
  const parsed = envSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0])))];
    throw new Error(`Invalid or missing environment variables: ${fields.join(', ')}`);
  }
  const e = parsed.data;
  const publicUrl = trimSlash(e.PUBLIC_URL);
  const circleUrl = trimSlash(e.CIRCLE_URL);
  const cableUrl = e.CIRCLE_CABLE_URL ?? `${circleUrl.replace(/^http/, 'ws')}/cable`;
  const discovery = discoverySchema.safeParse({
    version: 1,
    name: e.COMMUNITY_NAME,
    iconUrl: e.COMMUNITY_ICON_URL,
    circleUrl,
    cableUrl,
    origin: trimSlash(e.CIRCLE_ORIGIN),
    authorizeUrl: `${publicUrl}/authorize`,
    tokenUrl: `${publicUrl}/token`,
    refreshUrl: `${publicUrl}/refresh`,
    revokeUrl: `${publicUrl}/revoke`,
  });
  if (!discovery.success) {
    const fields = discovery.error.issues.map((issue) => String(issue.path[0]));
    throw new Error(`The discovery document would be invalid (${fields.join(', ')}); check PUBLIC_URL, CIRCLE_URL, CIRCLE_CABLE_URL, CIRCLE_ORIGIN, COMMUNITY_ICON_URL`);
  }
  return {
    publicUrl,
    circleUrl,
    appToken: e.CIRCLE_APP_TOKEN,
    oidc: { issuer: e.OIDC_ISSUER, clientId: e.OIDC_CLIENT_ID, clientSecret: e.OIDC_CLIENT_SECRET, scope: e.OIDC_SCOPE },
    lookup: e.MEMBER_LOOKUP === 'email' ? { by: 'email' } : { by: 'sso_user_id', claim: e.SSO_CLAIM },
    allowedRedirectUris: e.ALLOWED_REDIRECT_URIS,
    extensionOrigins: e.EXTENSION_ORIGINS ?? originsFor(e.ALLOWED_REDIRECT_URIS),
    codeTtlSeconds: e.CODE_TTL_SECONDS,
    rateLimit: { burst: e.RATE_LIMIT_BURST, perMinute: e.RATE_LIMIT_PER_MINUTE },
    trustProxy: e.TRUST_PROXY,
    discovery: discovery.data,
  };
}

export { DISCOVERY_PATH };
