import { createHash } from 'node:crypto';
import type { Page } from 'puppeteer-core';
import { startStack, type Stack } from '../../community-kit/test/harness';
import { DEMO, liveConnection } from '../circle';
import { expect, test } from './fixtures';
import { EXTENSION_ID } from './harness';

/**
 * The community sign-in in Firefox ESR: the same address, discovery document, sign-in window
 * and login as in Chromium (e2e/community.spec.ts), with Firefox's own redirect URL
 * (`https://<hash>.extensions.allizom.org/`), which the kit must allow.
 */
let stack: Stack | undefined;
test.afterEach(async () => {
  await stack?.stop();
  stack = undefined;
});

const text = (page: Page, selector: string) => page.evaluate((s: string) => document.querySelector(s)?.textContent ?? '', selector);

test('address, discovery, the community\u2019s login in Firefox\u2019s sign-in window, live; sign-out revokes through the kit', async ({ firefox }) => {
  const page = await firefox.bridge();
  const redirect = await page.evaluate(() => chrome.identity.getRedirectURL());
  // The SHA-1 of the gecko id: the same for every install, so an admin can allow it up front (community-kit README).
  expect(redirect).toBe(`https://${createHash('sha1').update(EXTENSION_ID).digest('hex')}.extensions.allizom.org/`);
  stack = await startStack({ sim: { pingIntervalMs: 1_000 }, env: { ALLOWED_REDIRECT_URIS: `${redirect}*`, COMMUNITY_ICON_URL: '' } });
  const { issuer, kitUrl, sim } = stack;

  await page.evaluate(() => void (location.href = '/options.html'));
  await page.waitForSelector('[id="community-address"]');
  await page.type('[id="community-address"]', kitUrl);
  await page.click('.community form button[type="submit"]');
  await page.waitForFunction((name: string) => document.querySelector('#community-name')?.textContent === name, { polling: 100, timeout: 10_000 }, DEMO.communityName);

  const window = firefox.browser.waitForTarget((target) => target.url().startsWith(issuer), { timeout: 15_000 });
  await page.click('.found button');
  const login = (await (await window).page())!;
  await login.waitForSelector('input[name="login"]');
  await login.type('input[name="login"]', 'sso-2400');
  await login.type('input[name="password"]', 'any');
  await Promise.all([login.waitForNavigation(), login.click('button[type="submit"]')]);
  await login.click('button[type="submit"]');

  await page.waitForFunction(() => document.querySelector('.notice[role="status"]')?.textContent?.startsWith('Signed in to'), { polling: 100, timeout: 15_000 });
  await liveConnection(sim);
  await expect.poll(async () => (await firefox.status())?.phase, { timeout: 20_000 }).toBe('live');
  const settings = (await firefox.storage('settings')).settings as { auth: { mode: string; accessToken: string; refreshToken: string } };
  expect(settings.auth.mode).toBe('community');
  expect(JSON.stringify(await firefox.storage(''))).not.toContain(DEMO.appToken);

  const stored = (Object.values(await firefox.storage('tokens:'))[0] as { set: { accessToken: string } }).set;
  await page.evaluate(() => [...document.querySelectorAll<HTMLButtonElement>('.account button')].find((b) => b.textContent === 'Sign out…')!.click());
  await page.waitForSelector('.account .confirm');
  await page.evaluate(() => document.querySelector<HTMLButtonElement>('.account .confirm button.danger')!.click());
  await page.waitForFunction(() => document.querySelector('.notice[role="status"]')?.textContent?.startsWith('Signed out'), { polling: 100, timeout: 15_000 });
  expect(stack.logs.some((line) => line.includes('"revoke.done"'))).toBe(true);
  expect(sim.tokens.verifyAccess(stored.accessToken)).toMatchObject({ ok: false, reason: 'revoked' });
  expect(sim.tokens.refresh(settings.auth.refreshToken)).toEqual({ ok: false, reason: 'not_found' });
  expect(await text(page, '#community-status')).toBe('');
});
