import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { badgeText, connections, control, DEMO, demoSettings, extensionStatus, liveConnection, localCircle, signIn, storeDump, storedTokens, syncFinished, type Simulator } from './circle';
import { expect, test } from './fixtures';

let sim: Simulator | undefined;
test.afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});

async function openOptions(context: BrowserContext, extensionId: string, { manual = false } = {}): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(page.getByRole('heading', { name: 'Circle Live settings' })).toBeVisible();
  // A fresh install opens "Add a community", led by the community's address; the fields these tests fill are under "Set up by hand".
  if (manual) await page.getByText('Set up by hand', { exact: false }).click();
  return page;
}

async function noAxeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

const errorOf = (page: Page, id: string) => page.locator(`[id="${id}-error"]`);
const preferences = (worker: Worker) => worker.evaluate(async () => (await chrome.storage.local.get('preferences')).preferences as Record<string, unknown>);
const storedSettings = (worker: Worker) => worker.evaluate(async () => (await chrome.storage.local.get('settings')).settings as { communities: Record<string, unknown>[] } & Record<string, unknown>);
const save = (page: Page) => page.getByRole('button', { name: 'Save', exact: true });

async function fillAppToken(page: Page, circleUrl: string, appToken: string) {
  await page.getByLabel('Circle URL').fill(circleUrl);
  await page.getByLabel('Whitelisted Origin').fill(DEMO.origin);
  await page.getByRole('radio', { name: 'App token and e-mail' }).check();
  await page.getByLabel('App token', { exact: true }).fill(appToken);
  await page.getByLabel('Member e-mail').fill(DEMO.email);
}

/** Runs the test and waits for its verdict; the rows as "✓ title" / "✗ title: detail". */
async function testConnection(page: Page): Promise<string[]> {
  await page.getByRole('button', { name: 'Check connection' }).click();
  await expect(page.locator('.test .summary')).toBeVisible({ timeout: 25_000 });
  const rows = await page.locator('.step').evaluateAll((items) =>
    items.map((li) => `${li.querySelector('.icon')?.textContent} ${li.querySelector('.title')?.lastChild?.textContent}${li.querySelector('.detail') ? `: ${li.querySelector('.detail')!.textContent}` : ''}`),
  );
  return rows;
}

test('every field is checked on blur and on save, with its own message; a valid form is saved', async ({ context, extensionId, serviceWorker }, testInfo) => {
  const page = await openOptions(context, extensionId, { manual: true });
  const blurWith = async (label: string, value: string) => {
    // "Token URL" names a sign-in mode too: the text field is the textbox of that name.
    const field = page.getByRole('textbox', { name: label, exact: true });
    await field.fill(value);
    await field.blur();
  };
  await blurWith('Circle URL', 'circle.example.com');
  await expect(errorOf(page, 'circleUrl')).toContainText('Not a complete address');
  await expect(page.getByLabel('Circle URL')).toHaveAttribute('aria-invalid', 'true');
  await blurWith('Circle URL', 'http://circle.example.com');
  await expect(errorOf(page, 'circleUrl')).toContainText('https:// — http:// is allowed only for 127.0.0.1 and localhost');
  await blurWith('Whitelisted Origin', 'https://community.example/login');
  await expect(errorOf(page, 'origin')).toContainText('Scheme and host only');
  await page.getByText('Advanced', { exact: true }).click();
  await blurWith('Cable URL', 'https://circle.example.com/cable');
  await expect(errorOf(page, 'cableUrl')).toContainText('Must start with wss://');
  await blurWith('Rooms followed live', '500');
  await expect(errorOf(page, 'liveRooms')).toContainText('whole number from 0 to 100');
  await blurWith('Messages kept per room', '5');
  await expect(errorOf(page, 'keepMessagesPerRoom')).toContainText('whole number from 10 to 1000');
  await blurWith('Notifications kept', '2.5');
  await expect(errorOf(page, 'keepNotifications')).toContainText('whole number from 10 to 2000');

  // Each sign-in mode's own fields, on save; focus lands on the first field that is wrong.
  await save(page).click();
  await expect(page.getByLabel('Circle URL')).toBeFocused();
  await expect(errorOf(page, 'auth.accessToken')).toHaveText(/Required for this way of signing in/);
  await expect(errorOf(page, 'auth.refreshToken')).toHaveText(/Required for this way of signing in/);
  await page.getByRole('radio', { name: 'App token and e-mail' }).check();
  await expect(page.getByText('an app token can act for every member')).toBeVisible();
  await blurWith('Member e-mail', 'not-an-email');
  await expect(errorOf(page, 'auth.email')).toContainText('Enter an e-mail address like name@example.com');
  await save(page).click();
  await expect(errorOf(page, 'auth.appToken')).toHaveText(/Required/);
  await expect(page.locator('#form-status')).toHaveText('Some fields need a look before saving.');
  await page.getByRole('radio', { name: 'Token URL' }).check();
  await blurWith('Token URL', 'http://tokens.example.com/circle');
  await expect(errorOf(page, 'auth.tokenUrl')).toContainText('https:// — http:// is allowed only');
  await noAxeViolations(page);
  await page.screenshot({ path: testInfo.outputPath('options-invalid.png'), fullPage: true });

  // Fixing a field clears its mark as it is typed; only the Advanced problems are left, so focus goes there.
  await page.getByLabel('Circle URL').fill('http://127.0.0.1:4400');
  await expect(errorOf(page, 'circleUrl')).toHaveCount(0);
  await page.getByLabel('Whitelisted Origin').fill(DEMO.origin);
  // A token service on loopback: one elsewhere would make Chromium ask for host access, which headless cannot answer.
  await page.getByRole('textbox', { name: 'Token URL' }).fill('http://127.0.0.1:4401/circle-token');
  // Collapsed again, Advanced opens itself to show its problems.
  await page.getByText('Advanced', { exact: true }).click();
  await expect(page.getByLabel('Cable URL')).toBeHidden();
  await save(page).click();
  await expect(page.getByLabel('Cable URL')).toBeFocused();
  await page.getByLabel('Cable URL').fill('');
  await page.getByLabel('Rooms followed live').fill('10');
  await save(page).click();
  await expect(page.locator('#form-status')).toHaveText('Saved. Circle Live is connecting.');
  const community = { circleUrl: 'http://127.0.0.1:4400', origin: DEMO.origin, auth: { mode: 'tokenUrl', tokenUrl: 'http://127.0.0.1:4401/circle-token' }, liveRooms: 10 };
  expect(await storedSettings(serviceWorker)).toEqual({ communities: [community] });
  // The community is in the list now, and its form edits it.
  await expect(page.locator('.community-list > li')).toHaveCount(1);
  await expect(page.locator('.community-list .label')).toHaveText(new URL(DEMO.origin).host);
  await expect(page.locator('.community-list > li')).toContainText('127.0.0.1:4400 · ');
  await expect(page.getByRole('heading', { name: `Settings for ${new URL(DEMO.origin).host}` })).toBeVisible();

  // What is kept is shared by every community: its own place, its own save, judged by itself.
  await page.getByRole('button', { name: 'Save what is kept' }).click();
  await expect(page.locator('#retention-status')).toHaveText('Some fields need a look before saving.');
  await expect(page.getByLabel('Messages kept per room')).toBeFocused();
  await page.getByLabel('Messages kept per room').fill('50');
  await page.getByLabel('Notifications kept').fill('300');
  await page.getByRole('button', { name: 'Save what is kept' }).click();
  await expect(page.locator('#retention-status')).toHaveText('Saved. It applies to every community.');
  expect(await storedSettings(serviceWorker)).toEqual({ communities: [community], keepMessagesPerRoom: 50, keepNotifications: 300 });
});

test('Check connection names the failing step: a refused Origin, a wrong app token, a rejected channel; then all pass', async ({ context, extensionId, serviceWorker }) => {
  sim = await localCircle({ origins: ['https://elsewhere.example'] });
  const page = await openOptions(context, extensionId, { manual: true });
  await fillAppToken(page, sim.url, DEMO.appToken);
  expect(await testConnection(page)).toEqual([
    '✓ Settings',
    '✓ Sign-in (Circle\'s REST API): Signed in as Jordan Avery (#2400).',
    `✗ Live connection (WebSocket handshake): Origin not whitelisted — ask your community admin to add ${DEMO.origin} to Circle's Headless whitelist.`,
  ]);
  await expect(page.locator('.test .summary')).toHaveText('The check stopped at “Live connection (WebSocket handshake)”: see that step for what to do.');

  await page.getByLabel('App token', { exact: true }).fill('not-the-app-token');
  const wrong = await testConnection(page);
  expect(wrong).toHaveLength(2);
  expect(wrong[1]).toBe("✗ Sign-in (Circle's REST API): Circle does not accept this sign-in. Sign in again. Check the sign-in fields above, or ask your community admin for a new token.");

  await control(sim, 'config', { origins: [DEMO.origin], reject_channels: ['ChatRoomChannel'] });
  await page.getByLabel('App token', { exact: true }).fill(DEMO.appToken);
  const rejected = await testConnection(page);
  expect(rejected).toContain('✗ Channel ChatRoomChannel: Circle rejected ChatRoomChannel: this member may not listen to it. Ask your community admin.');
  expect(rejected).toContain('✓ Channel NotificationChannel');

  await control(sim, 'config', { reject_channels: [] });
  expect(await testConnection(page)).toEqual([
    '✓ Settings',
    '✓ Sign-in (Circle\'s REST API): Signed in as Jordan Avery (#2400).',
    '✓ Live connection (WebSocket handshake)',
    '✓ ActionCable protocol',
    '✓ Welcome from Circle',
    '✓ Channel NotificationChannel',
    '✓ Channel ChatRoomChannel',
    '✓ Channel Chats::CommunityMemberThreadsChannel',
  ]);
  await expect(page.locator('.test .summary')).toHaveText('Every step passed.');
  // The test cleans up after itself: its socket is closed and its header rule removed; nothing was saved.
  await expect.poll(async () => (await connections(sim!)).length).toBe(0);
  expect(await serviceWorker.evaluate(() => chrome.declarativeNetRequest.getSessionRules())).toEqual([]);
  expect(await storedSettings(serviceWorker)).toBeUndefined();
});

test('signed in: preferences are written as they change, muted rooms unmute, no axe violations; sign-out revokes and forgets', async ({ context, extensionId, serviceWorker }, testInfo) => {
  sim = await localCircle();
  await signIn(serviceWorker, demoSettings(sim));
  await liveConnection(sim);
  await expect.poll(() => syncFinished(serviceWorker), { timeout: 20_000 }).toBe(true);
  const community = `${new URL(sim.url).origin}/${DEMO.memberId}`;
  const rooms = (await storeDump(serviceWorker)).rooms as unknown as { uuid: string; name: string; community: string }[];
  const hikers = rooms.find((room) => room.name === 'Weekend Hikers')!;
  const other = rooms.find((room) => room !== hikers && room.name)!;
  await serviceWorker.evaluate((muted) => chrome.storage.local.set({ preferences: { mutedRooms: muted } }), [hikers.uuid, other.uuid]);
  const tokens = (await storedTokens(serviceWorker, sim)) as { accessToken: string; refreshToken: string };

  const page = await openOptions(context, extensionId);
  // One community: its row says where and how it is, and its form is open.
  await expect(page.locator('.community-list > li')).toContainText(`${new URL(sim.url).host} · Live`);
  await page.getByRole('checkbox', { name: 'Show desktop alerts' }).uncheck();
  await expect.poll(async () => (await preferences(serviceWorker)).alerts).toBe(false);
  await page.getByRole('checkbox', { name: 'Do Not Disturb' }).check();
  await page.getByRole('checkbox', { name: 'Only direct messages and mentions' }).check();
  await page.getByRole('radio', { name: 'New notifications and unread chats' }).check();
  await page.getByRole('checkbox', { name: 'Reset the new count when I open a notification' }).uncheck();
  await expect.poll(() => preferences(serviceWorker)).toMatchObject({
    alerts: false, doNotDisturb: true, onlyDmsAndMentions: true, badgeCounts: 'notifications-and-chats', resetCountOnOpen: false, mutedRooms: [hikers.uuid, other.uuid],
  });
  await expect(page.getByRole('button', { name: /^Unmute / })).toHaveCount(2);
  await page.getByRole('button', { name: 'Unmute Weekend Hikers' }).click();
  await expect(page.getByRole('button', { name: /^Unmute / })).toHaveCount(1);
  await expect.poll(async () => (await preferences(serviceWorker)).mutedRooms).toEqual([other.uuid]);
  // Back to the defaults, for the screenshot.
  await page.getByRole('checkbox', { name: 'Show desktop alerts' }).check();
  await page.getByRole('checkbox', { name: 'Do Not Disturb' }).uncheck();
  await page.getByRole('checkbox', { name: 'Only direct messages and mentions' }).uncheck();
  await page.getByRole('radio', { name: 'New notifications', exact: true }).check();
  await page.getByRole('checkbox', { name: 'Reset the new count when I open a notification' }).check();

  // The form starts from what is stored, so the test can run as it is.
  expect((await testConnection(page)).every((row) => row.startsWith('✓'))).toBe(true);
  await noAxeViolations(page);
  mkdirSync('docs/screenshots', { recursive: true });
  await page.setViewportSize({ width: 900, height: 900 });
  await page.screenshot({ path: 'docs/screenshots/options.png', fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await noAxeViolations(page);
  await page.screenshot({ path: testInfo.outputPath('options-dark.png'), fullPage: true });
  await page.emulateMedia({ colorScheme: 'light' });

  // By keyboard: the question takes focus, Tab reaches the confirming button.
  await page.getByRole('button', { name: 'Sign out…' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Sign out? Circle Live revokes its tokens')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Sign out', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Signed out of community.example.' })).toBeFocused();
  await expect(page.getByRole('button', { name: 'Sign out…' })).toHaveCount(0);
  await expect(page.getByRole('radio', { name: 'Access and refresh token' })).toBeChecked();
  await expect(page.getByLabel('Access token', { exact: true })).toHaveValue('');
  await expect(page.getByLabel('Refresh token', { exact: true })).toHaveValue('');
  await expect(page.getByLabel('Circle URL')).toHaveValue(sim.url);

  // Circle refuses the old tokens: revoked, not merely forgotten.
  const member = await fetch(`${sim.url}/api/headless/v1/community_member`, { headers: { Authorization: `Bearer ${tokens.accessToken}` } });
  expect(member.status).toBe(401);
  const refresh = await fetch(`${sim.url}/api/v1/headless/access_token/refresh`, {
    method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ refresh_token: tokens.refreshToken }),
  });
  expect(refresh.ok).toBe(false);
  const dump = await storeDump(serviceWorker);
  expect(dump.rooms.filter((r) => (r as unknown as { community: string }).community === community)).toEqual([]);
  expect(dump.messages.filter((m) => (m as unknown as { community: string }).community === community)).toEqual([]);
  await expect.poll(() => badgeText(serviceWorker)).toBe('?');
  await expect.poll(() => extensionStatus(serviceWorker)).toMatchObject({ phase: 'not-set-up' });
  const { communities } = await storedSettings(serviceWorker);
  expect(communities).toHaveLength(1);
  expect(communities[0]).toMatchObject({ circleUrl: sim.url, origin: DEMO.origin });
  expect(communities[0]).not.toHaveProperty('auth');
});

test('two communities: each in the list with its phase; reordered by keyboard; one signed out and removed while the other stays live', async ({ context, extensionId, serviceWorker }) => {
  sim = await localCircle();
  const second = await localCircle({ origins: ['https://second.example'] });
  try {
    const one = { ...demoSettings(sim), name: 'First' };
    const two = { ...demoSettings(second), origin: 'https://second.example' };
    await signIn(serviceWorker, { communities: [one, two] });
    await liveConnection(sim);
    await liveConnection(second);
    const page = await openOptions(context, extensionId);
    const rows = page.locator('.community-list > li');
    await expect(rows).toHaveText([/^First127\.0\.0\.1:\d+ · Live/, /^second\.example127\.0\.0\.1:\d+ · Live/]);
    // Two to choose between: no form is open until one is picked.
    await expect(page.locator('#community-editor')).toHaveCount(0);

    // By keyboard: the moved community's button keeps the focus; the order is stored.
    await page.getByRole('button', { name: 'Move up (second.example)' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('.community-list .label')).toHaveText(['second.example', 'First']);
    await expect(page.getByRole('button', { name: 'Move down (second.example)' })).toBeFocused();
    expect((await storedSettings(serviceWorker)).communities.map((c) => c.origin)).toEqual(['https://second.example', DEMO.origin]);
    await noAxeViolations(page);

    // Sign-out of the second community alone: its tokens revoked, the first untouched and live.
    const firstTokens = (await storedTokens(serviceWorker, sim))!;
    const secondTokens = (await storedTokens(serviceWorker, second))!;
    await page.getByRole('button', { name: 'Sign out… (second.example)' }).click();
    await page.getByRole('group', { name: /^Sign out\?/ }).getByRole('button', { name: 'Sign out', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Signed out of second.example.' })).toBeFocused();
    // Its sign-in is gone from the settings: it waits to be set up again.
    await expect(rows.first()).toContainText('· Not set up');
    expect(await storedTokens(serviceWorker, second)).toBeUndefined();
    const refused = await fetch(`${second.url}/api/headless/v1/community_member`, { headers: { Authorization: `Bearer ${secondTokens.accessToken}` } });
    expect(refused.status).toBe(401);
    expect((await storedTokens(serviceWorker, sim))!.accessToken).toBe(firstTokens.accessToken);
    await expect(rows.last()).toContainText('Live');
    expect((await connections(sim)).filter((c) => c.state === 'open')).toHaveLength(1);

    // Removed: off the list and out of the settings; the first stays as it was.
    await page.getByRole('button', { name: 'Remove… (second.example)' }).click();
    await page.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'second.example was removed.' })).toBeFocused();
    await expect(page.locator('.community-list .label')).toHaveText(['First']);
    expect(await storedSettings(serviceWorker)).toEqual({ communities: [one] });
    await expect(rows).toContainText(['Live']);
  } finally {
    await second.stop();
  }
});
