import { z } from 'zod';

/**
 * The discovery document a community publishes at `/.well-known/circle-live.json`. The
 * extension keeps a copy in lib/settings/discovery.ts (this kit is a package of its own):
 * change both together; lib/circle/community.test.ts checks that they agree. Pure: zod only.
 */

export const DISCOVERY_PATH = '/.well-known/circle-live.json';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

// Plain-text schemes only for a service on the member's own machine: anywhere else a code or
// token would cross the network in the clear.
function secureUrl(secure: string, plain: string) {
  return z.string().refine((value) => {
    if (!URL.canParse(value)) return false;
    const url = new URL(value);
    if (url.username || url.password) return false;
    return url.protocol === secure || (url.protocol === plain && LOOPBACK_HOSTS.has(url.hostname));
  }, `Must be a ${secure}// URL (${plain}// only for 127.0.0.1 and localhost)`);
}

const httpsUrl = secureUrl('https:', 'http:');

export const discoverySchema = z.object({
  version: z.literal(1),
  /** The community's name, as the sign-in screen shows it. */
  name: z.string().trim().min(1).max(100),
  iconUrl: httpsUrl.optional(),
  /** Circle's REST base, e.g. https://app.circle.so */
  circleUrl: httpsUrl,
  cableUrl: secureUrl('wss:', 'ws:'),
  /** The Origin Circle has whitelisted for this community's cable handshakes. */
  origin: httpsUrl.refine((value) => new URL(value).origin === value, 'Must be scheme and host only'),
  /** Opened with the browser's web-auth flow; answers with a one-time code. */
  authorizeUrl: httpsUrl,
  /** POST {code, code_verifier, redirect_uri}: the code for a token pair. */
  tokenUrl: httpsUrl,
  /** POST {refresh_token}: a new access token. */
  refreshUrl: httpsUrl,
  /** POST {access_token?, refresh_token?}: sign-out. */
  revokeUrl: httpsUrl,
});

export type Discovery = z.infer<typeof discoverySchema>;
