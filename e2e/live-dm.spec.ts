import { control, DEMO, demoSettings, liveConnection, localCircle, signIn, storeDump, syncFinished, type Simulator } from './circle';
import { expect, test } from './fixtures';

let sim: Simulator;
test.beforeEach(async () => {
  sim = await localCircle();
});
test.afterEach(async () => {
  await sim.stop();
});

test('a live DM from a member never seen before becomes a room with their name within 2 s', async ({ context, serviceWorker, extensionId }) => {
  await signIn(serviceWorker, demoSettings(sim));
  await liveConnection(sim);
  await expect.poll(() => syncFinished(serviceWorker), { timeout: 20_000 }).toBe(true);
  // Olivia has no DM with the demo member; Circle tells of the new one by its first message only,
  // and answers the room itself wrapped in `chat_room`.
  const room = await control<{ uuid: string }>(sim, 'rooms', { kind: 'direct', community_member_ids: [2412, DEMO.memberId], announce: false });
  expect((await storeDump(serviceWorker)).rooms.some((r) => r.uuid === room.uuid)).toBe(false);

  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  const list = page.getByRole('listbox', { name: /^Chats/ });
  await expect(list.getByRole('option').first()).toBeVisible();
  const sentAt = Date.now();
  await control(sim, 'messages', { chat_room_uuid: room.uuid, sender_member_id: 2412, body: 'Hi Jordan, welcome to Northwind!' });
  const row = list.getByRole('option').filter({ has: page.locator('.room-name', { hasText: /^Olivia Grant$/ }) });
  await expect(row).toBeVisible({ timeout: 2_000 });
  console.info(`new DM named in the popup ${Date.now() - sentAt} ms after it was sent`);
  await expect(row).toContainText('Hi Jordan, welcome to Northwind!');
  const stored = (await storeDump(serviceWorker)).rooms.find((r) => r.uuid === room.uuid);
  expect(stored).toMatchObject({ name: 'Olivia Grant' });
  expect(stored?.stub).toBeUndefined();
});
