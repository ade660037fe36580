import AxeBuilder from '@axe-core/playwright';
import { test } from '@playwright/test';
import type { Page, Worker } from '@playwright/test';
import { countText } from '../lib/badge/badge';
import { badgeText, circleRooms, control, DEMO, demoSettings, liveConnection, localCircle, memberGet, shownAlerts, signIn, storeDump, syncFinished, type Simulator } from './circle';
import { launchWithPolicy, type PolicyBrowser } from './chromium-policy';
import { expect, optionsPages } from './fixtures';
import { chatRows, POPUP_VIEWPORT } from './popup-page';

/**
 * A community's policy sets defaults for the member's preferences and locks some, through
 * Chromium's own policy files (a private mount per browser, e2e/chromium-policy.ts): the
 * extension reads them from `storage.managed` as a deployed one would.
 */
let sim: Simulator;
let browser: PolicyBrowser | undefined;
test.beforeEach(async () => {
  sim = await localCircle();
});
test.afterEach(async () => {
  await browser?.close();
  browser = undefined;
  await sim.stop();
});

const workerOf = async (b: PolicyBrowser): Promise<Worker> => b.context.serviceWorkers()[0] ?? (await b.context.waitForEvent('serviceworker'));
const newCount = async () => (await memberGet<{ new_notifications_count: number }>(sim, '/notifications/new_notifications_count')).new_notifications_count;
const unreadChats = async () => (await circleRooms(sim)).reduce((sum, room) => sum + room.unread_messages_count, 0);
const stored = (worker: Worker) => worker.evaluate(async () => (await chrome.storage.local.get('preferences')).preferences as Record<string, unknown> | undefined);

function otherMember(roomIndex: number) {
  const room = sim.community.roomsOf(DEMO.memberId)[roomIndex]!;
  return { room, sender: room.participants.find((p) => p.memberId !== DEMO.memberId)!.memberId };
}

/** A message from someone else, once the cache holds it: whatever the brain decided about it is decided. */
async function deliver(worker: Worker, roomIndex: number, body: string): Promise<string> {
  const { room, sender } = otherMember(roomIndex);
  const { id } = await control<{ id: number }>(sim, 'messages', { chat_room_uuid: room.uuid, sender_member_id: sender, body });
  await expect.poll(async () => (await storeDump(worker)).messages.some((m) => m.id === id)).toBe(true);
  return `room:${room.uuid}`;
}

/** axe finds nothing at all, as on the options page's own test (e2e/options.spec.ts). */
async function noAxeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

async function openOptions(b: PolicyBrowser): Promise<Page> {
  const page = optionsPages(b.context)[0]!;
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Circle Live settings' })).toBeVisible();
  return page;
}

test('a policy locks the badge mode and gives alerts a default: the options page shows the lock, the badge and the alerts follow, the member\'s own choice wins, a changed policy is followed', async () => {
  browser = await launchWithPolicy({ preferences: { defaults: { badgeCounts: 'notifications-and-chats', alerts: false }, locked: ['badgeCounts'] } });
  const worker = await workerOf(browser);
  // The policy file names the extension by this id: were it another, no policy would reach it.
  expect(new URL(worker.url()).host).toBe(browser.extensionId);
  await signIn(worker, demoSettings(sim));
  await liveConnection(sim);
  await expect.poll(() => syncFinished(worker), { timeout: 20_000 }).toBe(true);

  // The locked mode counts unread chats too, though the member never chose it (nothing of theirs is stored).
  const chats = await unreadChats();
  expect(chats, 'the demo member has unread chats, so the two modes differ').toBeGreaterThan(0);
  await expect.poll(() => badgeText(worker), { timeout: 15_000 }).toBe(countText((await newCount()) + chats));
  expect(await stored(worker)).toBeUndefined();

  const page = await openOptions(browser);
  const both = page.getByRole('radio', { name: 'New notifications and unread chats' });
  await expect(both).toBeChecked();
  await expect(both).toBeDisabled();
  await expect(page.getByRole('radio', { name: 'New notifications', exact: true })).toBeDisabled();
  // The modes' own help first, then the lock.
  await expect(both).toHaveAccessibleDescription(/\. Set by your organisation$/);
  // A default, not a lock: shown as the policy gives it, and the member's to change.
  const alerts = page.getByRole('checkbox', { name: 'Show desktop alerts' });
  await expect(alerts).not.toBeChecked();
  await expect(alerts).toBeEnabled();
  await noAxeViolations(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await noAxeViolations(page);
  await page.emulateMedia({ colorScheme: 'light' });

  // Alerts off by the policy's default: a message raises none.
  const unalerted = await deliver(worker, 1, 'while alerts are off by default');
  await alerts.check();
  await expect.poll(() => stored(worker)).toEqual({ alerts: true, ownOnly: true });
  const alerted = await deliver(worker, 2, 'after the member turned alerts on');
  await expect.poll(() => shownAlerts(worker)).toEqual([alerted]);
  expect(unalerted).not.toBe(alerted);

  // The administrator changes the policy: Chromium reads the file again and the badge follows,
  // while the member's own choice still holds.
  browser.setPolicy({ preferences: { defaults: { badgeCounts: 'notifications', alerts: false }, locked: ['badgeCounts'] } });
  await expect(page.getByRole('radio', { name: 'New notifications', exact: true })).toBeChecked({ timeout: 30_000 });
  await expect.poll(() => badgeText(worker), { timeout: 15_000 }).toBe(countText(await newCount()));
  await expect(alerts).toBeChecked();
});

test('rooms the policy always alerts on show their choice locked in the popup, and the member\'s mute of one does not silence it', async () => {
  const rooms = sim.community.roomsOf(DEMO.memberId).map((room) => room.uuid);
  browser = await launchWithPolicy({ preferences: { defaults: { roomAlerts: Object.fromEntries(rooms.map((uuid) => [uuid, 'every'])) }, locked: ['roomAlerts'] } });
  const worker = await workerOf(browser);
  await signIn(worker, demoSettings(sim));
  await liveConnection(sim);
  await expect.poll(() => syncFinished(worker), { timeout: 20_000 }).toBe(true);
  // The popup reads the policy as the background remembered it (zod-free, no storage.managed wait).
  await expect.poll(() => worker.evaluate(async () => (await chrome.storage.local.get('preferencesPolicy')).preferencesPolicy), { timeout: 15_000 }).toBeDefined();

  const popup = await browser.context.newPage();
  await popup.setViewportSize(POPUP_VIEWPORT);
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
  await chatRows(popup).first().click();
  await popup.getByRole('button', { name: 'Alerts for this chat' }).click();
  const menu = popup.getByRole('menu', { name: /^Alerts for / });
  await expect(menu.getByRole('menuitemradio', { checked: true })).toHaveText('Every message');
  for (const item of await menu.getByRole('menuitemradio').all()) await expect(item).toHaveAttribute('aria-disabled', 'true');
  await expect(menu).toHaveAccessibleDescription('Set by your organisation');
  await noAxeViolations(popup);
  // Chosen by keyboard (Playwright will not click what says it is disabled): nothing changes.
  await expect(menu.getByRole('menuitemradio', { name: 'Every message' })).toBeFocused();
  await popup.keyboard.press('End');
  await expect(menu.getByRole('menuitemradio', { name: 'Never' })).toBeFocused();
  await popup.keyboard.press('Enter');
  await expect(menu.getByRole('menuitemradio', { checked: true })).toHaveText('Every message');
  expect(await stored(worker)).toBeUndefined();

  // A mute the member's storage holds anyway (an older version wrote it): the fixed room still alerts.
  await worker.evaluate((uuid) => chrome.storage.local.set({ preferences: { mutedRooms: [uuid], ownOnly: true } }), otherMember(1).room.uuid);
  const alerted = await deliver(worker, 1, 'in a room the policy keeps alerting');
  await expect.poll(() => shownAlerts(worker)).toEqual([alerted]);
});
