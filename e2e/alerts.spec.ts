import type { BrowserContext, Worker } from '@playwright/test';
import { clickAlert, control, DEMO, demoSettings, liveConnection, localCircle, shownAlerts, signIn, storeDump, syncFinished, type Simulator } from './circle';
import { expect, test } from './fixtures';

let sim: Simulator;
test.beforeEach(async () => {
  sim = await localCircle();
});
test.afterEach(async () => {
  await sim.stop();
});


/** Alerts as the worker logs them when raised, in order: their ids only, as logs never carry message text. */
function raisedAlerts(context: BrowserContext) {
  const raised: { id: string }[] = [];
  context.on('console', async (line) => {
    if (line.text().includes('alert raised')) raised.push((await line.args()[2]!.jsonValue()) as { id: string });
  });
  return raised;
}

/** The community's site is not on this machine: answer for it, so opened tabs load. */
async function serveCommunity(context: BrowserContext) {
  await context.route(`${DEMO.origin}/**`, (route) => route.fulfill({ contentType: 'text/html', body: '<title>Community</title>' }));
}

const pageAt = (context: BrowserContext, url: string) => expect.poll(() => context.pages().some((p) => p.url() === url), { timeout: 10_000 }).toBe(true);

async function ready(worker: Worker) {
  await signIn(worker, demoSettings(sim));
  await liveConnection(sim);
  await expect.poll(() => syncFinished(worker), { timeout: 20_000 }).toBe(true);
}

function otherMember(roomIndex: number) {
  const room = sim.community.roomsOf(DEMO.memberId)[roomIndex]!;
  return { room, sender: room.participants.find((p) => p.memberId !== DEMO.memberId)!.memberId };
}

test('a message from another member raises exactly one alert, and clicking it opens the room in Circle', async ({ context, serviceWorker }) => {
  await ready(serviceWorker);
  const { room, sender } = otherMember(0);
  expect(await shownAlerts(serviceWorker)).toEqual([]);
  const raised = raisedAlerts(context);
  await control(sim, 'messages', { chat_room_uuid: room.uuid, sender_member_id: sender, body: 'Are you around?' });
  await expect.poll(() => shownAlerts(serviceWorker)).toEqual([`room:${room.uuid}`]);
  // Each message reached the member's room channel and the room's own channel; the second one
  // updates the room's alert in place rather than stacking another.
  await control(sim, 'messages', { chat_room_uuid: room.uuid, sender_member_id: sender, body: 'Second message' });
  await expect.poll(() => raised.filter((a) => a.id === `room:${room.uuid}`).length).toBe(2);
  expect(await shownAlerts(serviceWorker)).toEqual([`room:${room.uuid}`]);

  await serveCommunity(context);
  // Headless Chromium shows no notification to click: fire the same handler the click would.
  await clickAlert(serviceWorker, `room:${room.uuid}`);
  await pageAt(context, `${DEMO.origin}/messages/${room.uuid}`);
  await expect.poll(() => shownAlerts(serviceWorker)).toEqual([]);
});

test('a muted room, Do Not Disturb and the member own messages raise nothing', async ({ serviceWorker }) => {
  await ready(serviceWorker);
  // Each message is stored before the preferences change again, so each meets the one it is for.
  const deliver = async (room: { uuid: string }, sender: number, body: string) => {
    const { id } = await control<{ id: number }>(sim, 'messages', { chat_room_uuid: room.uuid, sender_member_id: sender, body });
    await expect.poll(async () => (await storeDump(serviceWorker)).messages.some((m) => m.id === id)).toBe(true);
  };
  const muted = otherMember(1);
  await serviceWorker.evaluate((uuid) => chrome.storage.local.set({ preferences: { mutedRooms: [uuid] } }), muted.room.uuid);
  await deliver(muted.room, muted.sender, 'muted');
  await deliver(muted.room, DEMO.memberId, 'my own');
  await serviceWorker.evaluate(() => chrome.storage.local.set({ preferences: { doNotDisturb: true } }));
  const other = otherMember(2);
  await deliver(other.room, other.sender, 'do not disturb');
  // Without the away summary: what Do Not Disturb held is e2e/quiet.spec.ts's to sum up.
  await serviceWorker.evaluate(() => chrome.storage.local.set({ preferences: { awaySummary: false } }));
  const marker = otherMember(3);
  await deliver(marker.room, marker.sender, 'marker');
  await expect.poll(() => shownAlerts(serviceWorker)).toEqual([`room:${marker.room.uuid}`]);
});

test('a new Circle notification raises an alert that opens its link', async ({ context, serviceWorker }) => {
  await ready(serviceWorker);
  const notification = await control<{ id: number; action_web_url: string }>(sim, 'notifications', { community_member_id: DEMO.memberId });
  await expect.poll(() => shownAlerts(serviceWorker)).toEqual([`notification:${notification.id}`]);
  await serveCommunity(context);
  await clickAlert(serviceWorker, `notification:${notification.id}`);
  await pageAt(context, notification.action_web_url);
});

test('an avatar that 404s, a host that refuses and a host the extension may not reach still raise their alerts, with our icon', async ({ context, serviceWorker }) => {
  await ready(serviceWorker);
  const raised = raisedAlerts(context);
  const avatars = [`${sim.url}/avatars/missing.png`, 'http://127.0.0.1:1/avatar.png', 'https://avatars.unreachable.invalid/a.png'];
  for (const [index, avatarUrl] of avatars.entries()) {
    const { room, sender } = otherMember(index);
    sim.community.members.get(sender)!.avatarUrl = avatarUrl;
    await control(sim, 'messages', { chat_room_uuid: room.uuid, sender_member_id: sender, body: `picture ${index}` });
    await expect.poll(() => shownAlerts(serviceWorker), { message: `the alert for an avatar at ${avatarUrl}` }).toContain(`room:${room.uuid}`);
  }
  await expect.poll(() => raised.map((a) => (a as { icon?: string }).icon)).toEqual(['own', 'own', 'own']);
});
