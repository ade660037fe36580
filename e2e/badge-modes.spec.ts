import type { Worker } from '@playwright/test';
import { countText } from '../lib/badge/badge';
import { badgeText, control, DEMO, localCircle, memberGet, type Simulator } from './circle';
import { expect, optionsPages, test } from './fixtures';
import { expectNoSeriousAxeViolations, openPopup, signedIn } from './popup-page';

/**
 * The badge modes against what the simulator holds, and "Waiting on you" end to end: the
 * background's count, the popup's list, and an answer that ends the wait.
 */
let sim: Simulator;
test.beforeEach(async () => {
  sim = await localCircle();
});
test.afterEach(async () => {
  await sim.stop();
});

interface CircleRoom {
  uuid: string;
  chat_room_kind: string;
  chat_room_name: string;
  unread_messages_count: number;
  current_participant: { archived?: boolean };
}

const HOUR = 3_600_000;
/** Members of the seed with no DM with the demo member (simulator/seed.ts). */
const OLIVIA = 2412;
const NEWCOMER = 2410;

const badge = (worker: Worker) =>
  worker.evaluate(async () => ({ text: await chrome.action.getBadgeText({}), color: await chrome.action.getBadgeBackgroundColor({}), title: await chrome.action.getTitle({}) }));
const setPreferences = (worker: Worker, change: Record<string, unknown>) =>
  worker.evaluate(async (change) => {
    const { preferences } = await chrome.storage.local.get('preferences');
    await chrome.storage.local.set({ preferences: { ...(preferences as object | undefined), ...change } });
  }, change);
const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

/** What Circle holds for the demo member, counted as each mode counts it. */
async function expected(muted: readonly string[]) {
  const rooms = (await memberGet<{ records: CircleRoom[] }>(sim, '/messages?page=1&per_page=100')).records.filter((r) => !r.current_participant.archived && !muted.includes(r.uuid));
  const unread = (kind?: string) => rooms.filter((r) => !kind || r.chat_room_kind === kind).reduce((sum, r) => sum + r.unread_messages_count, 0);
  const { new_notifications_count: notifications } = await memberGet<{ new_notifications_count: number }>(sim, '/notifications/new_notifications_count');
  const unreadNotes = (await memberGet<{ records: { action: string; read_at: string | null }[] }>(sim, '/notifications?page=1&per_page=100&status=unread')).records;
  const mentions = unreadNotes.filter((n) => /mention/i.test(n.action)).length;
  return { notifications, chats: unread(), direct: unread('direct'), mentions, rooms };
}

test('each badge mode counts what Circle holds, muted rooms never in the chat modes, a DM or a mention in a look of its own', async ({ serviceWorker }) => {
  await signedIn(sim, serviceWorker);
  // What the simulator is made to hold: a new DM, a group chat's message, a muted room's message, a mention.
  const dm = await control<{ uuid: string }>(sim, 'rooms', { kind: 'direct', community_member_ids: [DEMO.memberId, OLIVIA] });
  const group = await control<{ uuid: string }>(sim, 'rooms', { kind: 'group_chat', community_member_ids: [DEMO.memberId, OLIVIA], name: 'Badge group' });
  const quiet = await control<{ uuid: string }>(sim, 'rooms', { kind: 'group_chat', community_member_ids: [DEMO.memberId, OLIVIA], name: 'Muted group' });
  await setPreferences(serviceWorker, { mutedRooms: [quiet.uuid] });
  for (const [room, body] of [[dm, 'A direct question'], [group, 'Hello group'], [quiet, 'One'], [quiet, 'Two'], [quiet, 'Three']] as const) {
    await control(sim, 'messages', { chat_room_uuid: room.uuid, sender_member_id: OLIVIA, body });
  }
  await control(sim, 'notifications', { community_member_id: DEMO.memberId, kind: 'mention' });

  const circle = await expected([quiet.uuid]);
  expect(circle.direct).toBeGreaterThan(0);
  expect(circle.mentions).toBeGreaterThan(0);
  const modes = {
    notifications: circle.notifications,
    'notifications-and-chats': circle.notifications + circle.chats,
    'dms-and-mentions': circle.direct + circle.mentions,
    chats: circle.chats,
  };
  // The muted room's three messages are Circle's unread, and counted nowhere.
  expect((await expected([])).chats).toBe(circle.chats + 3);
  for (const [mode, count] of Object.entries(modes)) {
    await setPreferences(serviceWorker, { badgeCounts: mode });
    await expect.poll(() => badgeText(serviceWorker), { message: mode }).toBe(countText(count));
    console.info(`badge mode ${mode}: ${countText(count)}`);
  }

  // With a DM among the chats the badge is blue, and its tooltip says why.
  const personal = await badge(serviceWorker);
  expect(personal.color.slice(0, 3)).toEqual(rgb('#1d4ed8'));
  expect(personal.title).toContain('Includes a direct message or a mention');
  // Every DM muted: the chats alone, in the usual colour.
  const dms = circle.rooms.filter((r) => r.chat_room_kind === 'direct').map((r) => r.uuid);
  await setPreferences(serviceWorker, { mutedRooms: [quiet.uuid, ...dms] });
  const groups = await expected([quiet.uuid, ...dms]);
  await expect.poll(() => badgeText(serviceWorker)).toBe(countText(groups.chats));
  const plain = await badge(serviceWorker);
  expect(plain.color.slice(0, 3)).toEqual(rgb('#d6336c'));
  expect(plain.title).not.toContain('Includes a direct message');
});

test('waiting on you: a DM the member left unanswered is listed and counted, and an answer ends the wait', async ({ context, serviceWorker, extensionId }) => {
  await signedIn(sim, serviceWorker);
  await setPreferences(serviceWorker, { badgeCounts: 'waiting' });
  await expect.poll(async () => (await badge(serviceWorker)).title).toMatch(/waiting on you/);
  const before = Number((await badge(serviceWorker)).title.match(/(\d+) conversations waiting on you/)?.[1]);
  expect(await badgeText(serviceWorker)).toBe(countText(before));

  // A DM where the newcomer spoke six hours ago, past the four hours of the default; and one just now, not yet.
  const waiting = await control<{ uuid: string; chat_room_name: string }>(sim, 'rooms', { kind: 'direct', community_member_ids: [DEMO.memberId, NEWCOMER] });
  await control(sim, 'messages', { chat_room_uuid: waiting.uuid, sender_member_id: NEWCOMER, body: 'Could you look at my proposal?', sent_at: new Date(Date.now() - 6 * HOUR).toISOString() });
  const fresh = await control<{ uuid: string; chat_room_name: string }>(sim, 'rooms', { kind: 'direct', community_member_ids: [DEMO.memberId, OLIVIA] });
  await control(sim, 'messages', { chat_room_uuid: fresh.uuid, sender_member_id: OLIVIA, body: 'Just said this' });
  await expect.poll(() => badgeText(serviceWorker)).toBe(countText(before + 1));
  // A DM is among them: the badge has the DM look.
  expect((await badge(serviceWorker)).color.slice(0, 3)).toEqual(rgb('#1d4ed8'));

  const page = await openPopup(context, extensionId);
  const entry = page.getByRole('button', { name: /^Waiting on you/ });
  await expect(entry).toHaveAccessibleName(`Waiting on you: ${before + 1}`);
  await entry.click();
  const list = page.getByRole('list', { name: 'Conversations waiting on your answer' });
  await expect(list.getByRole('listitem')).toHaveCount(before + 1);
  const row = list.getByRole('button').filter({ hasText: 'Could you look at my proposal?' });
  await expect(row).toContainText(waiting.chat_room_name.split(' ')[0]!);
  await expect(list.getByRole('button').filter({ hasText: 'Just said this' })).toHaveCount(0);
  await expect(page.getByRole('tablist')).toBeHidden();
  await expectNoSeriousAxeViolations(page);
  await page.screenshot({ path: 'docs/screenshots/popup-light-waiting.png' });
  await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
  await expectNoSeriousAxeViolations(page);
  await page.screenshot({ path: 'docs/screenshots/popup-dark-waiting.png' });
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });

  // The row opens its room; back, the list is there again.
  await row.click();
  await expect(page.getByRole('log')).toContainText('Could you look at my proposal?');
  await expect(list).toBeHidden();
  await page.getByRole('button', { name: 'Back' }).click();
  await expect(list.getByRole('listitem')).toHaveCount(before + 1);

  // The member answers (anywhere: here from Circle's side): the wait is over, in the list and on the badge.
  await control(sim, 'messages', { chat_room_uuid: waiting.uuid, sender_member_id: DEMO.memberId, body: 'On it!' });
  await expect(list.getByRole('button').filter({ hasText: 'Could you look at my proposal?' })).toHaveCount(0);
  await expect.poll(() => badgeText(serviceWorker)).toBe(countText(before));
  await page.keyboard.press('Escape');
  await expect(page.getByRole('tablist')).toBeVisible();
});

test('the options offer every badge mode and the waiting time', async ({ context, serviceWorker }) => {
  await signedIn(sim, serviceWorker);
  const page = optionsPages(context)[0]!;
  await page.reload();
  const stored = () => serviceWorker.evaluate(async () => (await chrome.storage.local.get('preferences')).preferences as Record<string, unknown> | undefined);
  for (const [label, mode] of [['Direct messages and mentions only', 'dms-and-mentions'], ['Unread chats only', 'chats'], ['Conversations waiting on my answer', 'waiting']] as const) {
    await page.getByRole('radio', { name: label }).check();
    await expect.poll(async () => (await stored())?.badgeCounts).toBe(mode);
  }
  const select = page.getByRole('combobox', { name: 'A conversation waits on me after' });
  await expect(select).toHaveValue('4');
  await expect(select.getByRole('option')).toHaveText(['1 h', '2 h', '4 h', '8 h', '24 h']);
  await select.selectOption('8');
  await expect.poll(async () => (await stored())?.waitingAfterHours).toBe(8);
  await expectNoSeriousAxeViolations(page);
});
