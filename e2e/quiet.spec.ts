import type { BrowserContext, Page, Worker } from '@playwright/test';
import { badgeText, control, DEMO, localCircle, shownAlerts, storeDump, type Simulator } from './circle';
import { expect, test } from './fixtures';
import { expectNoSeriousAxeViolations, openPopup, signedIn } from './popup-page';

let sim: Simulator;
test.beforeEach(async () => {
  sim = await localCircle();
});
test.afterEach(async () => {
  await sim.stop();
});

/** What the worker logs about holding and summing up: counts only, as logs never carry text or names. */
function quietLog(context: BrowserContext) {
  const held: { rooms: number; notifications: number }[] = [];
  const summaries: { messages: number; rooms: number; notifications: number }[] = [];
  context.on('console', async (line) => {
    const text = line.text();
    if (text.includes('alerts held')) held.push((await line.args()[2]!.jsonValue()) as (typeof held)[number]);
    if (text.includes('away summary raised')) summaries.push((await line.args()[2]!.jsonValue()) as (typeof summaries)[number]);
  });
  return { held, summaries };
}

const otherMember = (roomIndex: number) => {
  const room = sim.community.roomsOf(DEMO.memberId)[roomIndex]!;
  return { room, sender: room.participants.find((p) => p.memberId !== DEMO.memberId)!.memberId };
};

const preferences = (worker: Worker) => worker.evaluate(async () => (await chrome.storage.local.get('preferences')).preferences as Record<string, unknown> | undefined);

/** A message from another member, stored by the extension (and so past its alert rules) before this returns. */
async function deliver(worker: Worker, roomIndex: number, body: string) {
  const { room, sender } = otherMember(roomIndex);
  const { id } = await control<{ id: number }>(sim, 'messages', { chat_room_uuid: room.uuid, sender_member_id: sender, body });
  await expect.poll(async () => (await storeDump(worker)).messages.some((m) => m.id === id)).toBe(true);
}

const badgeNumber = async (worker: Worker) => Number((await badgeText(worker)) || 0);

async function ready(worker: Worker) {
  await signedIn(sim, worker);
  // Chats count in this mode: the badge moving is what shows the message arrived while alerts wait.
  await worker.evaluate(() => chrome.storage.local.set({ preferences: { badgeCounts: 'notifications-and-chats' } }));
}

const snoozeButton = (page: Page) => page.locator('.snooze-button');

test('a snooze set from the popup in two clicks holds alerts while the badge counts, and ending it raises one summary', async ({ context, extensionId, serviceWorker }) => {
  await ready(serviceWorker);
  const log = quietLog(context);
  const popup = await openPopup(context, extensionId);
  await expect(snoozeButton(popup)).toHaveAccessibleName('Snooze alerts');
  await snoozeButton(popup).click();
  const menu = popup.getByRole('menu', { name: 'Snooze alerts for' });
  await expect(menu.getByRole('menuitem')).toHaveText(['30 minutes', '1 hour', '2 hours', /^Until tomorrow morning \(0?8:00(\sAM)?\)$/, 'Until I turn it off']);
  await expectNoSeriousAxeViolations(popup);
  await popup.screenshot({ path: 'docs/screenshots/popup-light-snooze.png' });
  await menu.getByRole('menuitem', { name: '30 minutes' }).click();
  await expect(menu).toHaveCount(0);
  await expect(snoozeButton(popup)).toHaveText('Snoozed · 30 min');
  await expect(snoozeButton(popup)).toBeFocused();
  const until = Number((await preferences(serviceWorker))?.snoozedUntil);
  expect(until - Date.now()).toBeGreaterThan(28 * 60_000);

  const before = await badgeNumber(serviceWorker);
  await deliver(serviceWorker, 0, 'one');
  await deliver(serviceWorker, 0, 'two');
  await deliver(serviceWorker, 1, 'three');
  await expect.poll(() => badgeNumber(serviceWorker)).toBe(before + 3);
  await expect.poll(() => log.held.reduce((sum, h) => sum + h.rooms, 0)).toBeGreaterThanOrEqual(2);
  expect(await shownAlerts(serviceWorker)).toEqual([]);
  expect(log.summaries).toEqual([]);

  // The way back: the same button, then the menu's first item.
  await snoozeButton(popup).click();
  await menu.getByRole('menuitem', { name: 'Turn alerts back on' }).click();
  await expect(snoozeButton(popup)).toHaveAccessibleName('Snooze alerts');
  await expect.poll(() => shownAlerts(serviceWorker)).toEqual(['quiet-summary']);
  await expect.poll(() => log.summaries).toEqual([{ messages: 3, rooms: 2, notifications: 0 }]);
  // The tally went with the summary: nothing is summed up twice. Where its click goes stays.
  expect(await serviceWorker.evaluate(async () => (await chrome.storage.local.get('quietHeld')).quietHeld)).toMatchObject({ rooms: {}, notifications: 0 });

  // Alerts flow again as before.
  await deliver(serviceWorker, 2, 'four');
  await expect.poll(async () => (await shownAlerts(serviceWorker)).length).toBe(2);

  // Its click opens the community's chats in Circle (two rooms were held), and the summary goes.
  await context.route(`${DEMO.origin}/**`, (route) => route.fulfill({ contentType: 'text/html', body: '<title>Circle</title>' }));
  await serviceWorker.evaluate(() => (globalThis as unknown as { circleLiveTest: { clickAlert(id: string): Promise<void> } }).circleLiveTest.clickAlert('quiet-summary'));
  await expect.poll(() => context.pages().map((page) => page.url())).toContain(`${DEMO.origin}/messages`);
  expect(await shownAlerts(serviceWorker)).not.toContain('quiet-summary');
});

test('the snooze menu follows the menu pattern by keyboard, and "until I turn it off" is Do Not Disturb', async ({ context, extensionId, serviceWorker }) => {
  await ready(serviceWorker);
  const popup = await openPopup(context, extensionId, 'dark');
  await snoozeButton(popup).focus();
  await popup.keyboard.press('ArrowDown');
  const items = popup.getByRole('menu', { name: 'Snooze alerts for' }).getByRole('menuitem');
  await expect(items.first()).toBeFocused();
  await popup.screenshot({ path: 'docs/screenshots/popup-dark-snooze.png' });
  await popup.keyboard.press('End');
  await expect(items.last()).toBeFocused();
  await popup.keyboard.press('ArrowDown');
  await expect(items.first()).toBeFocused();
  await popup.keyboard.press('Escape');
  await expect(items).toHaveCount(0);
  await expect(snoozeButton(popup)).toBeFocused();
  await expect(snoozeButton(popup)).toHaveAttribute('aria-expanded', 'false');

  await popup.keyboard.press('Enter');
  await popup.keyboard.press('ArrowUp');
  await expect(items.last()).toBeFocused();
  await popup.keyboard.press('Enter');
  await expect(snoozeButton(popup)).toHaveText('Snoozed · until you turn it off');
  await expect.poll(async () => (await preferences(serviceWorker))?.doNotDisturb).toBe(true);
  await expectNoSeriousAxeViolations(popup);
});

/** "HH:MM" in UTC, `minutes` from now. */
function utcClock(minutes: number): string {
  const at = new Date(Date.now() + minutes * 60_000);
  return `${String(at.getUTCHours()).padStart(2, '0')}:${String(at.getUTCMinutes()).padStart(2, '0')}`;
}

test('quiet hours set in the options to cover now hold alerts, and turning the schedule off raises the summary', async ({ context, extensionId, serviceWorker }) => {
  await ready(serviceWorker);
  const log = quietLog(context);
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const card = options.locator('section', { has: options.getByRole('heading', { name: 'Quiet hours' }) });
  await expect(card).toBeVisible();
  // The browser's own zone is the default, named; UTC is chosen so the span below is now wherever this runs.
  await expect(card.getByLabel('Time zone')).toHaveValue('');
  await card.getByLabel('Time zone').selectOption('UTC');
  await card.getByLabel('From').fill(utcClock(-60));
  await card.getByLabel('To').fill(utcClock(60));
  await expect(card.getByRole('group', { name: 'Days' }).getByRole('checkbox', { checked: true })).toHaveCount(7);
  await card.getByLabel('Quiet hours on this schedule').check();
  await expect.poll(async () => (await preferences(serviceWorker))?.quietHours).toEqual({ enabled: true, days: [0, 1, 2, 3, 4, 5, 6], from: utcClock(-60), to: utcClock(60), timeZone: 'UTC' });
  await expectNoSeriousAxeViolations(options);
  await card.screenshot({ path: 'docs/screenshots/options-light-quiet-hours.png' });
  await options.emulateMedia({ colorScheme: 'dark' });
  await expectNoSeriousAxeViolations(options);
  await card.screenshot({ path: 'docs/screenshots/options-dark-quiet-hours.png' });

  const before = await badgeNumber(serviceWorker);
  await deliver(serviceWorker, 0, 'during quiet hours');
  await expect.poll(() => badgeNumber(serviceWorker)).toBe(before + 1);
  await expect.poll(() => log.held.length).toBe(1);
  expect(await shownAlerts(serviceWorker)).toEqual([]);

  await card.getByLabel('Quiet hours on this schedule').uncheck();
  await expect.poll(() => shownAlerts(serviceWorker)).toEqual(['quiet-summary']);
  await expect.poll(() => log.summaries).toEqual([{ messages: 1, rooms: 1, notifications: 0 }]);
});

test('with the away summary off, the end of the quiet raises nothing', async ({ context, extensionId, serviceWorker }) => {
  await ready(serviceWorker);
  const log = quietLog(context);
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByLabel('Sum up what waited').uncheck();
  await options.getByLabel('Do Not Disturb').check();
  await expect.poll(async () => await preferences(serviceWorker)).toMatchObject({ awaySummary: false, doNotDisturb: true });
  await deliver(serviceWorker, 0, 'held');
  await expect.poll(() => log.held.length).toBe(1);
  await options.getByLabel('Do Not Disturb').uncheck();
  await expect.poll(async () => serviceWorker.evaluate(async () => (await chrome.storage.local.get('quietHeld')).quietHeld)).toBeUndefined();
  expect(await shownAlerts(serviceWorker)).toEqual([]);
  expect(log.summaries).toEqual([]);
});
