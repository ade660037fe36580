import * as client from 'openid-client';
import type { KitConfig } from './config.ts';

/**
 * The community's identity provider, over OpenID Connect: authorization code with PKCE, the
 * member's claims from the ID token, completed from userinfo when the token leaves them out.
 */
export interface IdentityProvider {
  authorizationUrl(params: { redirectUri: string; state: string; nonce: string; codeChallenge: string }): Promise<URL>;
  /** The verified claims of the member the callback URL carries a code for. */
  complete(callbackUrl: URL, checks: { state: string; nonce: string; verifier: string }, wanted: string): Promise<Record<string, unknown>>;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function openIdProvider(oidc: KitConfig['oidc']): IdentityProvider {
  let configuration: Promise<client.Configuration> | undefined;
  const issuer = new URL(oidc.issuer);
  const discover = () => {
    // Discovery is retried on the next sign-in after a failure, so a provider that was down at
    // start does not need a restart of this service.
    configuration ??= client
      .discovery(issuer, oidc.clientId, oidc.clientSecret, undefined, {
        // Plain http only for a provider on this machine, as in the tests.
        execute: LOOPBACK_HOSTS.has(issuer.hostname) ? [client.allowInsecureRequests] : [],
      })
      .catch((error: unknown) => {
        configuration = undefined;
        throw error;
      });
    return configuration;
  };

  return {
    async authorizationUrl({ redirectUri, state, nonce, codeChallenge }) {
      return client.buildAuthorizationUrl(await discover(), {
        redirect_uri: redirectUri,
        scope: oidc.scope,
        state,
        nonce,
        code_challenge: codeChallenge,
        code_challenge_method: 'S256',
      });
    },
    async complete(callbackUrl, { state, nonce, verifier }, wanted) {
      const config = await discover();
      const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: verifier,
        expectedState: state,
        expectedNonce: nonce,
        idTokenExpected: true,
      });
      const claims: Record<string, unknown> = { ...tokens.claims() };
      if (claims[wanted] === undefined && config.serverMetadata().userinfo_endpoint) {
        Object.assign(claims, await client.fetchUserInfo(config, tokens.access_token, String(claims.sub)));
      }
      return claims;
    },
  };
}
