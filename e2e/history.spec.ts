import type { Page } from '@playwright/test';
import { circleRooms, control, DEMO, localCircle, memberGet, notify, shownAlerts, storeDump, type Simulator } from './circle';
import { expect, test } from './fixtures';
import { chatRows, expectNoSeriousAxeViolations, openPopup, signedIn } from './popup-page';

/**
 * The popup as a chat client against the local Circle: history a room's cache does not hold,
 * older pages on scrolling up, mute, and mark all read, each checked against Circle's REST.
 */

let sim: Simulator;
/** Only the most recent room's messages are fetched at sign-in: the others start empty. */
const ONE_ROOM_FETCHED = { liveRooms: 1 };

test.beforeEach(async () => {
  sim = await localCircle();
});
test.afterEach(async () => {
  await sim.stop();
});

const rowNamed = (page: Page, name: string) => chatRows(page).filter({ has: page.locator('.room-name', { hasText: new RegExp(`^${name}$`) }) });
const shownIds = (page: Page) => page.locator('[role="log"] [data-id]').evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-id'))));

const timelineOf = (name: string) => {
  const room = sim.community.roomsOf(DEMO.memberId).find((r) => r.name === name)!;
  return { room, ids: sim.community.timeline(room).map((m) => m.id) };
};

test('a room with nothing cached shows Circle\'s messages within 1 s, older pages load on scrolling up without a jump, and mute silences it', async ({ context, serviceWorker, extensionId }) => {
  await signedIn(sim, serviceWorker, ONE_ROOM_FETCHED);
  const { room, ids } = timelineOf('Launch Crew');
  // Its threads' replies may be stored (the Threads tab); its timeline is not.
  const timeline = async () => (await storeDump(serviceWorker)).messages.filter((m) => m.roomUuid === room.uuid && !m.parentId);
  expect(await timeline()).toEqual([]);
  const page = await openPopup(context, extensionId);
  const newest = page.locator(`[role="log"] [data-id="${ids[ids.length - 1]}"]`);
  const clicked = Date.now();
  await rowNamed(page, 'Launch Crew').click();
  await expect(newest).toBeVisible({ timeout: 1_000 });
  const elapsed = Date.now() - clicked;
  expect(elapsed).toBeLessThan(1_000);
  test.info().annotations.push({ type: 'uncached room: click → Circle\'s newest message painted (ms)', description: String(elapsed) });
  expect(await shownIds(page)).toEqual(ids.slice(-30));
  await expect(page.getByText('No messages')).toHaveCount(0);
  // Kept within retention: the background stored the page it fetched.
  await expect.poll(async () => (await timeline()).length).toBe(30);

  // The oldest shown message is the anchor: after the page above it lands, it sits where it was.
  const log = page.getByRole('log');
  const anchor = page.locator(`[role="log"] [data-id="${ids[ids.length - 30]}"]`);
  const offset = () => anchor.evaluate((el) => el.getBoundingClientRect().top - el.closest('[role="log"]')!.getBoundingClientRect().top);
  // Scrolled and measured in one task: the scroll event (and the page it asks for) comes after.
  const atTop = await anchor.evaluate((el) => {
    const box = el.closest<HTMLElement>('[role="log"]')!;
    box.scrollTop = 0;
    return el.getBoundingClientRect().top - box.getBoundingClientRect().top;
  });
  await expect(page.locator('.log-top')).toHaveText('This is the beginning of the chat');
  expect(await shownIds(page)).toEqual(ids);
  expect(await log.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
  expect(Math.abs((await offset()) - atTop)).toBeLessThanOrEqual(1);
  await log.evaluate((el) => (el.scrollTop = 0));
  await expect(page.locator(`[role="log"] [data-id="${ids[0]}"]`)).toBeInViewport();

  // Mute by keyboard: the bell's menu, "Never"; the bell gets the focus back, shown pressed; the options page's list has the room.
  const bell = page.getByRole('button', { name: 'Alerts for this chat' });
  await bell.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menuitemradio', { name: 'Every message' })).toBeFocused();
  await expect(page.getByRole('menuitemradio', { name: 'Every message' })).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await expect(bell).toHaveClass(/pressed/);
  await expect(bell).toBeFocused();
  expect(await serviceWorker.evaluate(async () => ((await chrome.storage.local.get('preferences')).preferences as { mutedRooms: string[] }).mutedRooms)).toEqual([room.uuid]);
  await expectNoSeriousAxeViolations(page);

  const other = room.participants.find((p) => p.memberId !== DEMO.memberId)!.memberId;
  const { id } = await control<{ id: number }>(sim, 'messages', { chat_room_uuid: room.uuid, sender_member_id: other, body: 'muted room speaks' });
  await expect.poll(async () => (await storeDump(serviceWorker)).messages.some((m) => m.id === id)).toBe(true);
  const marker = sim.community.roomsOf(DEMO.memberId).find((r) => r.name === 'Design Crit')!;
  await control(sim, 'messages', { chat_room_uuid: marker.uuid, sender_member_id: marker.participants.find((p) => p.memberId !== DEMO.memberId)!.memberId, body: 'marker' });
  await expect.poll(() => shownAlerts(serviceWorker)).toEqual([`room:${marker.uuid}`]);
});

test('offline, a room with nothing cached says so', async ({ context, serviceWorker, extensionId }) => {
  await signedIn(sim, serviceWorker, ONE_ROOM_FETCHED);
  const page = await openPopup(context, extensionId);
  await context.setOffline(true);
  await rowNamed(page, 'Design Crit').click();
  await expect(page.getByText('Offline: showing the messages stored on this device.')).toBeVisible();
  await context.setOffline(false);
});

test('mark all as read: chats and notifications at once, and Circle agrees', async ({ context, serviceWorker, extensionId }) => {
  await signedIn(sim, serviceWorker, ONE_ROOM_FETCHED);
  await notify(sim);
  await expect.poll(async () => (await memberGet<{ records: unknown[] }>(sim, '/notifications?status=unread')).records.length).toBeGreaterThan(0);
  expect((await circleRooms(sim)).some((r) => r.unread_messages_count > 0)).toBe(true);
  const page = await openPopup(context, extensionId);
  await expect(page.locator('[role="option"] .badge').first()).toBeVisible();
  const all = page.getByRole('button', { name: 'Mark all as read' });
  await all.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('[role="option"] .badge')).toHaveCount(0);
  await expect(all).toBeFocused();
  await expect.poll(async () => (await circleRooms(sim)).filter((r) => r.unread_messages_count > 0)).toEqual([]);
  await expect.poll(async () => (await storeDump(serviceWorker)).rooms.filter((r) => r.unread > 0)).toEqual([]);

  await page.getByRole('tab', { name: /^Notifications/ }).click();
  await expect(page.locator('.notification.unread').first()).toBeVisible();
  await page.getByRole('button', { name: 'Mark all as read' }).click();
  await expect(page.locator('.notification.unread')).toHaveCount(0);
  await expect.poll(async () => (await memberGet<{ records: unknown[] }>(sim, '/notifications?status=unread')).records).toEqual([]);
  expect((await memberGet<{ new_notifications_count: number }>(sim, '/notifications/new_notifications_count')).new_notifications_count).toBe(0);
  await expect(page.getByRole('tab', { name: /^Notifications/ }).locator('.tab-count')).toHaveCount(0);
  await expectNoSeriousAxeViolations(page);
  await page.screenshot({ path: 'docs/screenshots/popup-light-notifications.png', animations: 'disabled', caret: 'hide' });
});

test('a reply typed in the popup reaches Circle as TipTap, shows once; a refused one keeps its text and retries; a draft survives closing', async ({ context, serviceWorker, extensionId }) => {
  await signedIn(sim, serviceWorker, ONE_ROOM_FETCHED);
  const { room } = timelineOf('Design Crit');
  let page = await openPopup(context, extensionId);
  await rowNamed(page, 'Design Crit').click();
  const composer = page.getByRole('textbox', { name: 'Message Design Crit' });
  await composer.focus();
  await page.keyboard.type('Running late');
  await page.keyboard.press('Shift+Enter');
  await page.keyboard.type('start without me');
  await page.keyboard.press('Enter');
  await expect(composer).toHaveValue('');
  const mine = () => sim.community.timeline(room).filter((m) => m.senderId === DEMO.memberId && m.body.startsWith('Running late'));
  await expect.poll(() => mine().length).toBe(1);
  expect(mine()[0]!.body).toBe('Running late\nstart without me');
  const shown = page.getByRole('log').locator('.message', { hasText: 'Running late' });
  await expect(shown).toHaveCount(1);
  await expect(page.getByRole('log').locator(`[data-id="${mine()[0]!.id}"]`)).toBeVisible();
  await expect(page.locator('[data-pending]')).toHaveCount(0);
  // The echo on the room's channel, if it comes, is the same message: still shown once.
  await expect.poll(async () => (await storeDump(serviceWorker)).messages.filter((m) => m.id === mine()[0]!.id).length).toBe(1);
  await expect(shown).toHaveCount(1);

  await control(sim, 'config', { refuse_messages: true });
  await composer.fill('Not this one');
  await composer.press('Enter');
  const failed = page.locator('[data-pending].failed');
  await expect(failed).toContainText('Not sent: ');
  await expect(failed).toContainText('Not this one');
  // Circle's refusal by its code, in the member's language: Circle's own words are English.
  await expect(failed.getByRole('alert')).toContainText('Not sent: Circle refused the request.');
  await control(sim, 'config', { refuse_messages: false });
  await failed.getByRole('button', { name: 'Retry' }).click();
  await expect.poll(() => sim.community.timeline(room).filter((m) => m.body === 'Not this one').length).toBe(1);
  await expect(page.getByRole('log').locator('.message', { hasText: 'Not this one' })).toHaveCount(1);
  await expect(failed).toHaveCount(0);
  await expectNoSeriousAxeViolations(page);

  await composer.fill('A draft for later');
  await page.close();
  page = await openPopup(context, extensionId);
  await rowNamed(page, 'Design Crit').click();
  await expect(page.getByRole('textbox', { name: 'Message Design Crit' })).toHaveValue('A draft for later');
});

test('screenshots of a room with its history and its mute, light and dark', async ({ context, serviceWorker, extensionId }) => {
  await signedIn(sim, serviceWorker, ONE_ROOM_FETCHED);
  for (const scheme of ['light', 'dark'] as const) {
    const page = await openPopup(context, extensionId, scheme);
    await rowNamed(page, 'Launch Crew').click();
    await expect(page.getByRole('log').locator('.message').last()).toBeVisible();
    await page.getByRole('log').evaluate((el) => (el.scrollTop = 0));
    await expect(page.locator('.log-top')).toHaveText('This is the beginning of the chat');
    await page.getByRole('log').evaluate((el) => (el.scrollTop = 0));
    const bell = page.getByRole('button', { name: 'Alerts for this chat' });
    if (!/pressed/.test((await bell.getAttribute('class')) ?? '')) {
      await bell.click();
      await page.getByRole('menuitemradio', { name: 'Never' }).click();
    }
    await expect(bell).toHaveClass(/pressed/);
    await bell.blur();
    await page.screenshot({ path: `docs/screenshots/popup-${scheme}-history.png`, animations: 'disabled', caret: 'hide' });
    if (scheme === 'dark') await expectNoSeriousAxeViolations(page);
    await page.close();
  }
});
