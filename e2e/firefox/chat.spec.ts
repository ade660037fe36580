import { circleRooms, control, DEMO, demoSettings, liveConnection, localCircle, type Simulator } from '../circle';
import { expect, test } from './fixtures';

/** The popup's chat paths in Firefox: a room's history from Circle, a reply, mark all read, a thread. */
let sim: Simulator;
test.beforeEach(async () => {
  sim = await localCircle();
});
test.afterEach(async () => {
  await sim.stop();
});

test('an uncached room is fetched from Circle, a reply reaches it once, and mark all read empties Circle\'s unread list', async ({ firefox }) => {
  // Only the most recent room's messages come at sign-in: Launch Crew starts empty.
  await firefox.setSettings({ ...demoSettings(sim), liveRooms: 1 });
  await liveConnection(sim);
  await expect.poll(async () => ((await firefox.status()) as { sync?: { finishedAt?: number } } | undefined)?.sync?.finishedAt, { timeout: 20_000 }).toBeTruthy();
  const room = sim.community.roomsOf(DEMO.memberId).find((r) => r.name === 'Launch Crew')!;
  const newest = sim.community.timeline(room).at(-1)!.id;

  const popup = await firefox.bridge();
  await popup.evaluate(() => void (location.href = '/popup.html'));
  await popup.waitForFunction(() => [...document.querySelectorAll('.room-name')].some((el) => el.textContent === 'Launch Crew'), { polling: 100, timeout: 10_000 });
  await popup.evaluate(() => [...document.querySelectorAll<HTMLElement>('[role="option"]')].find((el) => el.querySelector('.room-name')?.textContent === 'Launch Crew')!.click());
  await popup.waitForFunction((id: number) => !!document.querySelector(`[role="log"] [data-id="${id}"]`), { polling: 50, timeout: 2_000 }, newest);

  await popup.focus('.composer textarea');
  await popup.keyboard.type('Hello from the Firefox popup');
  await popup.keyboard.press('Enter');
  await expect.poll(() => sim.community.timeline(room).filter((m) => m.senderId === DEMO.memberId && m.body === 'Hello from the Firefox popup').length).toBe(1);
  const sent = sim.community.timeline(room).at(-1)!.id;
  await popup.waitForFunction((id: number) => !!document.querySelector(`[role="log"] [data-id="${id}"]`) && !document.querySelector('[data-pending]'), { polling: 50, timeout: 5_000 }, sent);
  expect(await popup.evaluate(() => [...document.querySelectorAll('[role="log"] .message')].filter((el) => el.textContent?.includes('Hello from the Firefox popup')).length)).toBe(1);

  await popup.keyboard.press('Escape');
  await popup.waitForFunction(() => !!document.querySelector('.list-tools button'), { polling: 50, timeout: 5_000 });
  await popup.evaluate(() => document.querySelector<HTMLElement>('.list-tools button')!.click());
  await expect.poll(async () => (await circleRooms(sim)).filter((r) => r.unread_messages_count > 0), { timeout: 10_000 }).toEqual([]);
  await popup.waitForFunction(() => document.querySelectorAll('[role="option"] .badge').length === 0, { polling: 50, timeout: 5_000 });
});

test('a thread reply on the threads channel raises the Threads count and shows in the thread; Circle\'s chatThreadRead clears it', async ({ firefox }) => {
  await firefox.setSettings(demoSettings(sim));
  await liveConnection(sim);
  await expect.poll(async () => ((await firefox.status()) as { sync?: { finishedAt?: number } } | undefined)?.sync?.finishedAt, { timeout: 20_000 }).toBeTruthy();
  const thread = sim.community.threadsOf(DEMO.memberId)[0]!;
  const room = sim.community.rooms.get(thread.roomId)!;
  const other = sim.community.threadParticipantIds(thread).find((id) => id !== DEMO.memberId) ?? room.participants.find((p) => p.memberId !== DEMO.memberId)!.memberId;
  const reply = (body: string) => control<{ id: number }>(sim, 'messages', { chat_room_uuid: room.uuid, sender_member_id: other, body, parent_message_id: thread.parentId });
  // The Threads tab's count as shown ('' when there is none).
  const countIs = (value: string) => popup.waitForFunction((v: string) => (document.querySelector('#tab-threads .tab-count')?.textContent ?? '') === v, { polling: 50, timeout: 10_000 }, value);

  const popup = await firefox.bridge();
  await popup.evaluate(() => void (location.href = '/popup.html'));
  await popup.waitForFunction(() => !!document.querySelector('#tab-threads'), { polling: 100, timeout: 10_000 });
  for (const id of sim.community.threadsOf(DEMO.memberId).filter((t) => sim.community.threadUnreadCount(t, DEMO.memberId) > 0).map((t) => t.id)) await control(sim, `threads/${id}/read`, {});
  await countIs('');

  const first = await reply('Firefox hears threads');
  await countIs('1');
  await control(sim, `threads/${thread.id}/read`, {});
  await countIs('');

  await reply('And opens them');
  await countIs('1');
  await popup.evaluate(() => document.querySelector<HTMLElement>('#tab-threads')!.click());
  await popup.waitForFunction(() => !!document.querySelector('#threads [role="option"]'), { polling: 50, timeout: 10_000 });
  await popup.evaluate(() => document.querySelector<HTMLElement>('#threads [role="option"]')!.click());
  await popup.waitForFunction((id: number) => !!document.querySelector(`[role="log"] [data-id="${id}"]`), { polling: 50, timeout: 10_000 }, first.id);
  expect(await popup.evaluate(() => document.querySelector('[role="log"]')?.textContent ?? '')).toContain('And opens them');
});
