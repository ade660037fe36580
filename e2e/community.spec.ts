import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { startStack, type Stack } from '../community-kit/test/harness';
import { DEMO, extensionStatus, liveConnection, localCircle, storedTokens, type Simulator } from './circle';
import { expect, optionsPages, test } from './fixtures';

/**
 * A member's whole way in, as the issue puts it: the community's address, its discovery
 * document, the browser's sign-in window with the community's own login (a local OpenID
 * provider), live; then a refresh and the sign-out, both through the community's token
 * service (community-kit), with the local Circle behind it.
 */
const stops: (() => Promise<unknown>)[] = [];
test.afterEach(async () => {
  await Promise.all(stops.splice(0).map((stop) => stop()));
});

async function community(extensionId: string): Promise<Stack> {
  const stack = await startStack({
    // Short-lived access tokens: the extension refreshes through the kit within the test.
    sim: { pingIntervalMs: 1_000, accessTokenTtlSeconds: 20 },
    env: { ALLOWED_REDIRECT_URIS: `https://${extensionId}.chromiumapp.org/*`, COMMUNITY_ICON_URL: '' },
  });
  stops.push(() => stack.stop());
  return stack;
}

const storedSettings = (worker: Worker) => worker.evaluate(async () => (await chrome.storage.local.get('settings')).settings as { communities: Record<string, unknown>[] } | undefined);

async function find(page: Page, address: string) {
  await page.getByLabel("Your community's address").fill(address);
  await page.getByRole('button', { name: 'Find community' }).click();
}

/** The community's login page in the sign-in window: oidc-provider's development login and consent. */
async function logInAtCommunity(context: BrowserContext, page: Page, stack: Stack, account: string) {
  const window = context.waitForEvent('page', (opened) => opened.url().startsWith(stack.issuer));
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  const login = await window;
  await login.locator('input[name="login"]').fill(account);
  await login.locator('input[name="password"]').fill('any');
  await login.locator('button[type="submit"]').click();
  await login.locator('button[type="submit"]', { hasText: /continue/i }).click();
}

test('address, discovery, the community\u2019s login, live; refreshed and revoked through the kit', async ({ context, serviceWorker, extensionId }) => {
  const stack = await community(extensionId);
  const page = optionsPages(context)[0]!;
  await find(page, stack.kitUrl);
  const found = page.getByRole('group', { name: DEMO.communityName });
  await expect(found).toContainText(`Circle at ${new URL(stack.sim.url).host}`);

  await logInAtCommunity(context, page, stack, 'sso-2400');
  await expect(page.locator('.notice[role="status"]')).toHaveText(`Signed in to ${DEMO.communityName}.`);
  await liveConnection(stack.sim);
  await expect.poll(async () => (await extensionStatus(serviceWorker))?.phase, { timeout: 20_000 }).toBe('live');

  const { communities } = (await storedSettings(serviceWorker))!;
  expect(communities).toHaveLength(1);
  const settings = communities[0]!;
  const auth = settings.auth as { accessToken: string; refreshToken: string };
  // The community's own name from its discovery document labels it in the list.
  expect(settings).toMatchObject({ circleUrl: stack.sim.url, origin: DEMO.origin, cableUrl: stack.sim.cableUrl, name: DEMO.communityName });
  await expect(page.locator('.community-list .label')).toHaveText([DEMO.communityName]);
  expect(auth).toMatchObject({ mode: 'community', address: stack.kitUrl, refreshUrl: `${stack.kitUrl}/refresh`, revokeUrl: `${stack.kitUrl}/revoke` });
  expect(JSON.stringify(await serviceWorker.evaluate(() => chrome.storage.local.get(null)))).not.toContain(DEMO.appToken);

  // The pair lives 20 s: the extension refreshes it through the kit, and stays live on the new token.
  await expect.poll(async () => (await storedTokens(serviceWorker, stack.sim))?.accessToken, { timeout: 30_000 }).not.toBe(auth.accessToken);
  expect(stack.logs.some((line) => line.includes('"refresh.done"'))).toBe(true);
  const refreshed = (await storedTokens(serviceWorker, stack.sim))!.accessToken;
  await expect.poll(async () => (await extensionStatus(serviceWorker))?.phase).toBe('live');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('group').getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Signed out' })).toBeVisible();
  expect(stack.logs.some((line) => line.includes('"revoke.done"'))).toBe(true);
  expect(stack.sim.tokens.verifyAccess(refreshed)).toMatchObject({ ok: false, reason: 'revoked' });
  expect(stack.sim.tokens.refresh(auth.refreshToken)).toEqual({ ok: false, reason: 'not_found' });
  const logs = stack.logs.join('\n');
  for (const secret of [auth.accessToken, auth.refreshToken, refreshed, DEMO.appToken, DEMO.email]) expect(logs).not.toContain(secret);
});

test('a missing or malformed discovery document says so plainly and changes nothing', async ({ context, serviceWorker }) => {
  const sim: Simulator = await localCircle();
  stops.push(() => sim.stop());
  const junk = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ version: 1, name: 'Half a document', circleUrl: 'http://circle.example.com' }));
  });
  await new Promise<void>((resolve) => junk.listen(0, '127.0.0.1', resolve));
  stops.push(() => new Promise((resolve) => junk.close(resolve)));
  const junkUrl = `http://127.0.0.1:${(junk.address() as AddressInfo).port}`;
  const signIn = () =>
    serviceWorker.evaluate(async () => Object.entries(await chrome.storage.local.get(null)).filter(([key]) => key === 'settings' || key.startsWith('tokens:')));
  const before = await signIn();

  const page = optionsPages(context)[0]!;
  const status = page.locator('#community-status');
  await find(page, sim.url);
  await expect(status).toHaveText(`${new URL(sim.url).host} does not offer Circle Live sign-in. Check the address, ask your community's admin, or set up by hand below.`);
  await find(page, junkUrl);
  await expect(status).toHaveText(`${new URL(junkUrl).host} offers Circle Live sign-in, but its description cannot be read. Nothing was changed. Please tell your community's admin.`);
  await find(page, 'not a community');
  await expect(status).toHaveText('That is not a community address. Enter it like community.example.com.');
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toHaveCount(0);
  expect(await signIn()).toEqual(before);
});
