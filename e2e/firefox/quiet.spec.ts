import { control, DEMO, demoSettings, liveConnection, localCircle, type Simulator } from '../circle';
import { expect, test } from './fixtures';

/** Firefox's part of the quiet: its notifications take no `silent`, and the summary must still go out. */
let sim: Simulator;
test.beforeEach(async () => {
  sim = await localCircle();
});
test.afterEach(async () => {
  await sim.stop();
});

test('Do Not Disturb holds an alert, and turning it off raises the away summary', async ({ firefox }) => {
  await firefox.setSettings(demoSettings(sim));
  await liveConnection(sim);
  await expect.poll(async () => ((await firefox.status()) as { sync?: { finishedAt?: number } } | undefined)?.sync?.finishedAt, { timeout: 20_000 }).toBeTruthy();
  const bridge = await firefox.bridge();
  await bridge.evaluate(() => chrome.storage.local.set({ preferences: { doNotDisturb: true } }));

  const room = sim.community.roomsOf(DEMO.memberId).find((r) => r.kind !== 'direct')!;
  const sender = room.participants.find((p) => p.memberId !== DEMO.memberId)!.memberId;
  const held = firefox.waitForLine(/alerts held|alert raised/, 10_000);
  await control(sim, 'messages', { chat_room_uuid: room.uuid, sender_member_id: sender, body: 'While you sleep' });
  expect(await held).toContain('alerts held');

  // Headless Firefox closes a notification at once: the background's line is what shows it went out.
  const summary = firefox.waitForLine(/away summary raised|could not keep the tally/, 10_000);
  await bridge.evaluate(() => chrome.storage.local.set({ preferences: { doNotDisturb: false } }));
  expect(await summary).toMatch(/away summary raised.*messages\W+1\W+rooms\W+1\b/);
});
