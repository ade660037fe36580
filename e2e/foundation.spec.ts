import { expect, optionsPages, test } from './fixtures';

test('the service worker starts and shows the not-set-up badge', async ({ serviceWorker }) => {
  expect(serviceWorker.url()).toMatch(/^chrome-extension:\/\/[a-p]{32}\/background\.js$/);
  await expect
    .poll(() => serviceWorker.evaluate(() => chrome.action.getBadgeText({})))
    .toBe('?');
  const title = await serviceWorker.evaluate(() => chrome.action.getTitle({}));
  expect(title).toContain('not set up');
});

test('the popup renders its first state and leads to the options page', async ({ context, extensionId }, testInfo) => {
  // Installing opened the options page (the fixture waits for it); close it so the button must open it again.
  await optionsPages(context)[0]!.close();
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(popup.getByRole('heading', { name: 'Not connected — set up your community' })).toBeVisible();
  await popup.screenshot({ path: testInfo.outputPath('popup-not-set-up.png') });

  await popup.getByRole('button', { name: 'Set up your community' }).click();
  await expect.poll(() => optionsPages(context).length).toBe(1);
  await expect(optionsPages(context)[0]!.getByRole('heading', { name: 'Circle Live settings' })).toBeVisible();
});

test('the options page validates and saves the settings contract', async ({ context, extensionId, serviceWorker }, testInfo) => {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await page.getByText('Set up by hand', { exact: false }).click();
  await page.getByLabel('Circle URL').fill('http://circle.example.com');
  await page.getByLabel('Whitelisted Origin').fill('https://community.example');
  await page.getByRole('radio', { name: /App token and e-mail/ }).check();
  await expect(page.getByText('an app token can act for every member')).toBeVisible();
  await page.getByLabel('Member e-mail').fill('not-an-email');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.locator('#circleUrl-error')).toContainText('only for 127.0.0.1 and localhost');
  await expect(page.locator('#auth\\.email-error')).toContainText('e-mail address');
  await expect(page.locator('#auth\\.appToken-error')).toContainText('Required for this way of signing in');
  await page.screenshot({ path: testInfo.outputPath('options-invalid.png'), fullPage: true });

  await page.getByLabel('Circle URL').fill('http://127.0.0.1:4400');
  await page.getByLabel('App token', { exact: true }).fill('demo-app-token');
  await page.getByLabel('Member e-mail').fill('demo@community.example');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.locator('#form-status')).toHaveText('Saved. Circle Live is connecting.');

  const stored = await serviceWorker.evaluate(() => chrome.storage.local.get('settings'));
  expect(stored.settings).toMatchObject({ communities: [{
    circleUrl: 'http://127.0.0.1:4400',
    origin: 'https://community.example',
    auth: { mode: 'appToken', email: 'demo@community.example' },
  }] });
  await expect.poll(() => serviceWorker.evaluate(() => chrome.action.getBadgeText({}))).not.toBe('?');
});

test('the manifest asks for the minimal permission set and a strict CSP', async ({ serviceWorker }) => {
  const manifest = await serviceWorker.evaluate(() => chrome.runtime.getManifest());
  expect([...(manifest.permissions ?? [])].sort()).toEqual(['alarms', 'declarativeNetRequestWithHostAccess', 'identity', 'notifications', 'offscreen', 'storage']);
  // The local flavour adds loopback hosts for the local Circle; the store build has Circle's only.
  expect([...(manifest.host_permissions ?? [])].sort()).toEqual(
    ['http://127.0.0.1/*', 'http://localhost/*', 'https://app.circle.so/*', 'ws://127.0.0.1/*', 'ws://localhost/*', 'wss://app.circle.so/*'].sort(),
  );
  expect(manifest.optional_host_permissions).toEqual(['https://*/*', 'wss://*/*']);
  expect(manifest.content_security_policy).toEqual({ extension_pages: "script-src 'self'; object-src 'self'" });
  expect(manifest).not.toHaveProperty('web_accessible_resources');
  // No web page and no other extension may message us; Chromium took the key as it is (this worker runs).
  expect(manifest.externally_connectable).toEqual({ ids: [], matches: [] });
});
