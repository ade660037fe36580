import type { Page } from '@playwright/test';
import type { Thread } from '../simulator/model';
import { control, DEMO, localCircle, memberGet, storeDump, type Simulator } from './circle';
import { expect, test } from './fixtures';
import { expectNoSeriousAxeViolations, openPopup, signedIn } from './popup-page';

/**
 * Threads in the popup against the local Circle: the Threads count follows the member's
 * threads channel (a reply raises it, Circle's chatThreadRead clears it), a thread opens with
 * its parent and replies and takes a reply, "N replies" in a room opens the thread, and a room
 * is muted from the list by keyboard.
 */

let sim: Simulator;
test.beforeEach(async () => {
  sim = await localCircle();
});
test.afterEach(async () => {
  await sim.stop();
});

const threadsTab = (page: Page) => page.getByRole('tab', { name: /^Threads/ });
const threadCount = (page: Page) => threadsTab(page).locator('.tab-count');
const threadRows = (page: Page) => page.getByRole('listbox', { name: /^Threads/ }).getByRole('option');

/** The member's newest thread, where it is, and someone else in it to reply. */
function newestThread(): { thread: Thread; roomUuid: string; other: number } {
  const thread = sim.community.threadsOf(DEMO.memberId)[0]!;
  const room = sim.community.rooms.get(thread.roomId)!;
  const other = sim.community.threadParticipantIds(thread).find((id) => id !== DEMO.memberId) ?? room.participants.find((p) => p.memberId !== DEMO.memberId)!.memberId;
  return { thread, roomUuid: room.uuid, other };
}

const replyFrom = (sender: number, roomUuid: string, thread: Thread, body: string) =>
  control<{ id: number }>(sim, 'messages', { chat_room_uuid: roomUuid, sender_member_id: sender, body, parent_message_id: thread.parentId });

test('a thread reply broadcast on the threads channel raises the Threads count and appears in the thread; chatThreadRead clears it', async ({ context, serviceWorker, extensionId }) => {
  await signedIn(sim, serviceWorker);
  const page = await openPopup(context, extensionId);
  // The seeded community has a thread the member has not read: the count is Circle's.
  const unread = (await memberGet<{ chat_thread_ids: number[] }>(sim, '/chat_threads/unread_chat_threads')).chat_thread_ids;
  expect(unread.length).toBeGreaterThan(0);
  await expect(threadCount(page)).toHaveText(String(unread.length));
  for (const id of unread) await control(sim, `threads/${id}/read`, {});
  await expect(threadCount(page)).toHaveCount(0);

  const { thread, roomUuid, other } = newestThread();
  const first = await replyFrom(other, roomUuid, thread, 'Shipping it on Friday');
  await expect(threadCount(page)).toHaveText('1');
  await expect(threadsTab(page)).toHaveAccessibleName(/^Threads\s*, 1 thread with unread replies$/);
  await control(sim, `threads/${thread.id}/read`, {});
  await expect(threadCount(page)).toHaveCount(0);

  const second = await replyFrom(other, roomUuid, thread, 'Or Monday, to be safe');
  await expect(threadCount(page)).toHaveText('1');
  // Keyboard only: the tab by arrow, the row by Enter.
  await page.getByRole('tab', { name: /^Chats/ }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(threadsTab(page)).toBeFocused();
  const row = threadRows(page).first();
  await expect(row).toContainText('Or Monday, to be safe');
  await expect(row.locator('.dot')).toHaveCount(1);
  await expectNoSeriousAxeViolations(page);
  await page.keyboard.press('Tab');
  await expect(row).toBeFocused();
  await page.keyboard.press('Enter');

  const log = page.getByRole('log');
  await expect(log.locator(`[data-id="${thread.parentId}"]`)).toBeVisible();
  await expect(log.locator(`[data-id="${first.id}"]`)).toContainText('Shipping it on Friday');
  await expect(log.locator(`[data-id="${second.id}"]`)).toContainText('Or Monday, to be safe');
  await expect(log).toBeFocused();
  // Read here: the member API has no call for it, so the extension remembers.
  await expect.poll(async () => (await storeDump(serviceWorker)).threads.find((t) => t.id === thread.id)?.unread).toBe(0);

  // A reply while the thread is open appears in it.
  const third = await replyFrom(other, roomUuid, thread, 'Friday it is');
  await expect(log.locator(`[data-id="${third.id}"]`)).toContainText('Friday it is');

  // The composer replies in the thread: Circle has it under the parent, and it shows once.
  const composer = page.getByRole('textbox', { name: /^Reply in the thread/ });
  await composer.focus();
  await page.keyboard.type('See you Friday');
  await page.keyboard.press('Enter');
  const mine = () => sim.community.replies(thread).filter((m) => m.senderId === DEMO.memberId && m.body === 'See you Friday');
  await expect.poll(() => mine().length).toBe(1);
  await expect(log.locator(`[data-id="${mine()[0]!.id}"]`)).toBeVisible();
  await expect(log.locator('.message', { hasText: 'See you Friday' })).toHaveCount(1);
  await expectNoSeriousAxeViolations(page);

  await page.keyboard.press('Escape');
  await expect(row).toBeFocused();
  await expect(row).toContainText('See you Friday');
});

test('"N replies" on a room\'s message opens its thread, and Escape comes back to the room', async ({ context, serviceWorker, extensionId }) => {
  await signedIn(sim, serviceWorker);
  const { thread, roomUuid } = newestThread();
  const room = sim.community.rooms.get(thread.roomId)!;
  const replies = sim.community.replies(thread).length;
  const page = await openPopup(context, extensionId);
  const name = room.kind === 'direct' ? undefined : room.name;
  const option = page.getByRole('listbox', { name: /^Chats/ }).getByRole('option').filter({ has: page.locator(`.room-name`, { hasText: name ?? '' }) }).first();
  await option.click();
  const parent = page.getByRole('log').locator(`[data-id="${thread.parentId}"]`);
  await expect(parent).toBeVisible({ timeout: 10_000 });
  const link = parent.getByRole('button', { name: replies === 1 ? '1 reply' : `${replies} replies` });
  await link.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Thread' })).toBeVisible();
  const last = sim.community.replies(thread).at(-1)!;
  await expect(page.getByRole('log').locator(`[data-id="${last.id}"]`)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('log').locator(`[data-id="${thread.parentId}"]`)).toBeVisible();
  expect(roomUuid).toBe(room.uuid);
});

test('a room is muted and unmuted from the list by keyboard, M or its menu, and the focus stays on its row', async ({ context, serviceWorker, extensionId }) => {
  await signedIn(sim, serviceWorker);
  const page = await openPopup(context, extensionId);
  const row = page.getByRole('listbox', { name: /^Chats/ }).getByRole('option').first();
  const uuid = (await row.getAttribute('id'))!.replace(/^rooms-row-/, '');
  const muted = async () => ((await serviceWorker.evaluate(async () => (await chrome.storage.local.get('preferences')).preferences)) as { mutedRooms?: string[] } | undefined)?.mutedRooms ?? [];
  await row.focus();
  await expect(row).toHaveAttribute('aria-keyshortcuts', 'E M');
  await page.keyboard.press('m');
  await expect.poll(muted).toEqual([uuid]);
  await expect(row.locator('.room.muted')).toHaveCount(1);
  await expect(row).toBeFocused();
  await expect(page.getByRole('status').filter({ hasText: /^Alerts for .+ are off$/ })).toHaveCount(1);

  // The row's menu: the three alert choices, on the one in force.
  await page.keyboard.press('Shift+F10');
  const never = page.getByRole('menuitemradio', { name: 'Never' });
  await expect(never).toBeFocused();
  await expect(never).toHaveAttribute('aria-checked', 'true');
  await expectNoSeriousAxeViolations(page);
  await page.keyboard.press('ArrowUp');
  await expect(page.getByRole('menuitemradio', { name: 'Only mentions' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect.poll(muted).toEqual([]);
  await expect.poll(async () => ((await serviceWorker.evaluate(async () => (await chrome.storage.local.get('preferences')).preferences)) as { roomAlerts?: Record<string, string> }).roomAlerts).toEqual({ [uuid]: 'mentions' });
  await expect(row).toBeFocused();
  await expect(page.getByRole('menu')).toHaveCount(0);

  await page.keyboard.press('Shift+F10');
  await expect(page.getByRole('menuitemradio', { name: 'Only mentions' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toHaveCount(0);
  await expect(row).toBeFocused();
  expect(await muted()).toEqual([]);
});

test('screenshots of the Threads list and a thread, light and dark', async ({ context, serviceWorker, extensionId }) => {
  await signedIn(sim, serviceWorker);
  for (const scheme of ['light', 'dark'] as const) {
    const page = await openPopup(context, extensionId, scheme);
    await threadsTab(page).click();
    await expect(threadRows(page).first()).toBeVisible();
    await page.mouse.move(0, 0);
    await page.screenshot({ path: `docs/screenshots/popup-${scheme}-threads.png`, animations: 'disabled', caret: 'hide' });
    await threadRows(page).first().click();
    const { thread } = newestThread();
    await expect(page.getByRole('log').locator(`[data-id="${sim.community.replies(thread).at(-1)!.id}"]`)).toBeVisible();
    await page.getByRole('log').blur();
    await page.screenshot({ path: `docs/screenshots/popup-${scheme}-thread.png`, animations: 'disabled', caret: 'hide' });
    if (scheme === 'dark') await expectNoSeriousAxeViolations(page);
    await page.close();
  }
});
