import { circleRooms, DEMO, demoSettings, liveConnection, localCircle, type Simulator } from '../circle';
import { expect, test } from './fixtures';

/** The popup's chat paths in Firefox: a room's history from Circle, a reply, mark all read. */
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
