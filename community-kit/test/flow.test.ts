import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../simulator';
import { tokenPairSchema } from '../src/circle.ts';
import { discoverySchema } from '../src/discovery.ts';
import { CHROME_ID, CHROME_REDIRECT, FIREFOX_REDIRECT, memberStatus, post, signIn, startStack, type SignIn, type Stack } from './harness.ts';
import { expectNoSecretsLogged, secrets } from './secrets.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  expectNoSecretsLogged(stack.logs);
  await stack.stop();
});

async function redeem(signedIn: SignIn, overrides: Record<string, string> = {}) {
  const code = signedIn.returned?.searchParams.get('code');
  if (!code) throw new Error(`no code came back: ${signedIn.returned?.search ?? signedIn.page?.status}`);
  for (const value of [code, signedIn.verifier]) secrets.add(value);
  const response = await post(stack, '/token', { code, code_verifier: signedIn.verifier, redirect_uri: signedIn.redirectUri, ...overrides });
  const body = (await response.json()) as Record<string, unknown>;
  if (response.ok) for (const value of [body.access_token, body.refresh_token]) secrets.add(String(value));
  return { status: response.status, body };
}

describe('the discovery document', () => {
  it('describes the community, Circle and the kit, in the schema the extension reads', async () => {
    const response = await fetch(`${stack.kitUrl}/.well-known/circle-live.json`);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const doc = discoverySchema.parse(await response.json());
    expect(doc).toEqual({
      version: 1,
      name: DEMO.communityName,
      iconUrl: 'https://community.example/icon.png',
      circleUrl: stack.sim.url,
      cableUrl: stack.sim.cableUrl,
      origin: DEMO.origin,
      authorizeUrl: `${stack.kitUrl}/authorize`,
      tokenUrl: `${stack.kitUrl}/token`,
      refreshUrl: `${stack.kitUrl}/refresh`,
      revokeUrl: `${stack.kitUrl}/revoke`,
    });
  });
});

describe('signing in', () => {
  it('ends at the extension with a code and its state; the code buys tokens that work at Circle', async () => {
    const signedIn = await signIn(stack, 'sso-2400');
    expect(signedIn.returned?.origin).toBe(new URL(CHROME_REDIRECT).origin);
    expect(signedIn.returned?.searchParams.get('state')).toBe(signedIn.state);
    const { status, body } = await redeem(signedIn);
    expect(status).toBe(200);
    const pair = tokenPairSchema.strict().parse(body);
    expect(pair).toMatchObject({ community_member_id: DEMO.memberId, community_id: DEMO.communityId });
    expect(await memberStatus(stack, pair.access_token)).toBe(200);
  });
});
