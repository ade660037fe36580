import { control, DEMO, demoSettings, liveConnection, localCircle, type Simulator } from '../circle';
import { expect, test } from './fixtures';

/** Alerts where Firefox differs from Chrome: no buttons on them, and the sound plays in the background page (no offscreen document). */
let sim: Simulator;
test.beforeEach(async () => {
  sim = await localCircle();
});
test.afterEach(async () => {
  await sim.stop();
});

test('an alert goes out without buttons, and with the sound on the background page plays our chime once', async ({ firefox }) => {
  await firefox.setSettings(demoSettings(sim));
  await liveConnection(sim);
  await expect.poll(async () => ((await firefox.status()) as { sync?: { finishedAt?: number } } | undefined)?.sync?.finishedAt, { timeout: 20_000 }).toBeTruthy();
  const bridge = await firefox.bridge();
  await bridge.evaluate(() => browser.storage.local.set({ preferences: { sound: true } }));

  const room = sim.community.roomsOf(DEMO.memberId).find((r) => r.kind !== 'direct')!;
  const sender = room.participants.find((p) => p.memberId !== DEMO.memberId)!.memberId;
  // Headless Firefox closes a notification at once, so the background's lines are what can be seen.
  const raised = firefox.waitForLine(/alert raised|could not raise/, 10_000);
  const sound = firefox.waitForLine(/alert sound/, 10_000);
  await control(sim, 'messages', { chat_room_uuid: room.uuid, sender_member_id: sender, body: 'Hello with a chime' });
  const line = await raised;
  expect(line).toContain(`room:${room.uuid}`);
  expect(line).toMatch(/buttons\W+0\b/);
  expect(await sound).toMatch(/played\W+background\b/);
});
