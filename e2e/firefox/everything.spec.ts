import { control, DEMO, demoSettings, liveConnection, localCircle, type Simulator } from '../circle';
import { expect, test } from './fixtures';

/** What a Chrome user has works in Firefox too: popup, desktop alerts, options, sign out. */
let sim: Simulator;
test.beforeEach(async () => {
  sim = await localCircle();
});
test.afterEach(async () => {
  await sim.stop();
});

test('the popup lists the seeded rooms, an alert is raised, and sign-out forgets the member', async ({ firefox }) => {
  await firefox.setSettings(demoSettings(sim));
  await liveConnection(sim);
  await expect.poll(async () => ((await firefox.status()) as { sync?: { finishedAt?: number } } | undefined)?.sync?.finishedAt, { timeout: 20_000 }).toBeTruthy();

  // A room message from another member: a desktop notification, created (headless Firefox
  // closes it at once, so `notifications.getAll` cannot see it: the background's line can).
  const room = sim.community.roomsOf(DEMO.memberId).find((r) => r.kind !== 'direct')!;
  const sender = room.participants.find((p) => p.memberId !== DEMO.memberId)!.memberId;
  const raised = firefox.waitForLine(/alert raised|could not raise/, 10_000);
  await control(sim, 'messages', { chat_room_uuid: room.uuid, sender_member_id: sender, body: 'Hello from Firefox' });
  expect(await raised).toContain(`alert raised`);
  expect(await raised).toContain(`room:${room.uuid}`);
  const bridge = await firefox.bridge();

  // The popup, opened as a page of the extension, paints the cached rooms.
  // The list is windowed: the most recently active group rooms are the ones painted first.
  const groupNames = sim.community.roomsOf(DEMO.memberId).filter((r) => r.kind !== 'direct').slice(0, 2).map((r) => r.name);
  await bridge.evaluate(() => void (location.href = '/popup.html'));
  await bridge.waitForFunction((names: string[]) => names.every((name) => document.body.innerText.includes(name)), { polling: 100, timeout: 10_000 }, groupNames);

  // The options page, and sign-out from it.
  await bridge.evaluate(() => void (location.href = '/options.html'));
  await bridge.waitForFunction(() => document.querySelector('h1')?.textContent?.includes('Circle Live'), { polling: 100, timeout: 10_000 });
  await bridge.evaluate(() => browser.runtime.sendMessage({ to: 'brain', kind: 'sign-out' }));
  await expect.poll(async () => (await firefox.status())?.phase, { timeout: 10_000 }).toBe('not-set-up');
  expect(await firefox.badgeText()).toBe('?');
  const settings = (await firefox.storage('settings')).settings as Record<string, unknown>;
  expect(settings).not.toHaveProperty('auth');
});
