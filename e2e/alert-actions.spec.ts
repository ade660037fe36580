import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { circleRooms, control, DEMO, demoSettings, liveConnection, localCircle, shownAlerts, signIn, storeDump, syncFinished, type Simulator } from './circle';
import { expect, test } from './fixtures';
import { chatRows, openPopup } from './popup-page';

let sim: Simulator;
test.afterEach(async () => {
  await sim?.stop();
});

/** What the worker logs about alerts, in order: ids and counts only, as logs never carry message text. */
function workerLog(context: BrowserContext, text: string) {
  const lines: Record<string, unknown>[] = [];
  context.on('console', async (line) => {
    if (line.text().includes(text)) lines.push((await line.args()[2]!.jsonValue()) as Record<string, unknown>);
  });
  return lines;
}

async function ready(worker: Worker, origin: string = DEMO.origin) {
  await signIn(worker, { ...demoSettings(sim), origin });
  await liveConnection(sim);
  await expect.poll(() => syncFinished(worker), { timeout: 20_000 }).toBe(true);
}

/** The member's rooms as seeded, before any message of the test moves them in Circle's order. */
const seededRooms = () => sim.community.roomsOf(DEMO.memberId).slice(0, 4);
type SimRoom = ReturnType<typeof seededRooms>[number];

/** A message from someone else, stored by the extension before the test goes on. */
async function deliver(worker: Worker, room: SimRoom, body: string) {
  const sender = room.participants.find((p) => p.memberId !== DEMO.memberId)!.memberId;
  const { id } = await control<{ id: number }>(sim, 'messages', { chat_room_uuid: room.uuid, sender_member_id: sender, body });
  await expect.poll(async () => (await storeDump(worker)).messages.some((m) => m.id === id)).toBe(true);
  return room;
}

/** A press of an alert's button, as the browser reports it (headless browsers show no notification to press). */
const pressButton = (worker: Worker, about: string, button: number) =>
  worker.evaluate(async ({ about, button }) => {
    const id = Object.keys(await chrome.notifications.getAll()).find((shown) => shown.endsWith(`/${about}`));
    if (!id) throw new Error(`no alert about ${about}`);
    await (globalThis as unknown as { circleLiveTest: { clickAlertButton(id: string, button: number): Promise<void> } }).circleLiveTest.clickAlertButton(id, button);
  }, { about, button });

const unreadAtCircle = async (uuid: string) => (await circleRooms(sim)).find((r) => r.uuid === uuid)?.unread_messages_count;

async function roomName(uuid: string): Promise<string> {
  const { access_token } = await control<{ access_token: string }>(sim, 'tokens', { community_member_id: DEMO.memberId });
  const response = await fetch(`${sim.url}/api/headless/v1/messages?page=1&per_page=100`, { headers: { Authorization: `Bearer ${access_token}` } });
  const room = ((await response.json()) as { records: { uuid: string; chat_room_name: string; other_participants_preview: { name: string }[] }[] }).records.find((r) => r.uuid === uuid)!;
  return room.chat_room_name || room.other_participants_preview.map((p) => p.name).join(', ');
}

const rowNamed = (page: Page, name: string) => chatRows(page).filter({ has: page.locator('.room-name', { hasText: new RegExp(`^${name}$`) }) });

test('a room alert has two buttons; "Mark as read" marks the room read at Circle, and the popup agrees', async ({ context, serviceWorker, extensionId }) => {
  sim = await localCircle();
  await ready(serviceWorker);
  const raised = workerLog(context, 'alert raised');
  const room = await deliver(serviceWorker, seededRooms()[0]!, 'Did you see the plan?');
  await expect.poll(() => shownAlerts(serviceWorker)).toEqual([`room:${room.uuid}`]);
  await expect.poll(() => raised.find((a) => a.id === `room:${room.uuid}`)?.buttons).toBe(2);
  expect(await unreadAtCircle(room.uuid)).toBeGreaterThan(0);

  await pressButton(serviceWorker, `room:${room.uuid}`, 0);
  await expect.poll(() => unreadAtCircle(room.uuid)).toBe(0);
  await expect.poll(() => shownAlerts(serviceWorker)).toEqual([]);
  const popup = await openPopup(context, extensionId);
  const row = rowNamed(popup, await roomName(room.uuid));
  await expect(row).toHaveCount(1);
  await expect(row.locator('.badge [aria-hidden]')).toHaveCount(0);
});

test('"Mute room" mutes the room: its next message raises nothing, another room still alerts', async ({ context, serviceWorker }) => {
  sim = await localCircle();
  await ready(serviceWorker);
  const raised = workerLog(context, 'alert raised');
  const [room, other] = seededRooms() as [SimRoom, SimRoom];
  await deliver(serviceWorker, room, 'first');
  await expect.poll(() => shownAlerts(serviceWorker)).toEqual([`room:${room.uuid}`]);
  await pressButton(serviceWorker, `room:${room.uuid}`, 1);
  await expect.poll(() => serviceWorker.evaluate(async () => ((await chrome.storage.local.get('preferences')).preferences as { mutedRooms?: string[] } | undefined)?.mutedRooms)).toEqual([room.uuid]);
  await expect.poll(() => shownAlerts(serviceWorker)).toEqual([]);

  await deliver(serviceWorker, room, 'second, muted');
  const marker = await deliver(serviceWorker, other, 'marker');
  await expect.poll(() => shownAlerts(serviceWorker)).toEqual([`room:${marker.uuid}`]);
  await expect.poll(() => raised.map((a) => a.id)).toEqual([`room:${room.uuid}`, `room:${marker.uuid}`]);
});

test('a room open in the focused tab raises no alert; the same room in a tab behind does', async ({ context, serviceWorker }) => {
  // A community origin on loopback, which the local flavour may read tabs of (the store build: the hosts the member granted).
  const origin = 'http://localhost:4399';
  sim = await localCircle({ origins: [origin] });
  await context.route(`${origin}/**`, (route) => route.fulfill({ contentType: 'text/html', body: '<title>Community</title>' }));
  await ready(serviceWorker, origin);
  const raised = workerLog(context, 'alert raised');
  const [room, other] = seededRooms() as [SimRoom, SimRoom];
  const tab = await context.newPage();
  await tab.goto(`${origin}/messages/${room.uuid}`);
  await tab.bringToFront();
  await expect.poll(() => serviceWorker.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.url)).toBe(`${origin}/messages/${room.uuid}`);

  await deliver(serviceWorker, room, 'you are looking at this');
  const marker = await deliver(serviceWorker, other, 'marker');
  await expect.poll(() => shownAlerts(serviceWorker)).toEqual([`room:${marker.uuid}`]);
  await expect.poll(() => raised.map((a) => a.id)).toEqual([`room:${marker.uuid}`]);

  // Another tab in front: the member is no longer looking at the room.
  await (await context.newPage()).bringToFront();
  await deliver(serviceWorker, room, 'now you are not');
  await expect.poll(() => shownAlerts(serviceWorker)).toContain(`room:${room.uuid}`);
});

test('with the sound on, a batch of alerts plays our chime once, from the offscreen document', async ({ context, serviceWorker }) => {
  sim = await localCircle();
  await ready(serviceWorker);
  const sounds = workerLog(context, 'alert sound');
  const raised = workerLog(context, 'alert raised');
  const [first, second] = seededRooms() as [SimRoom, SimRoom];
  await deliver(serviceWorker, first, 'no sound yet');
  await expect.poll(() => raised.length).toBe(1);
  expect(sounds).toEqual([]);

  await serviceWorker.evaluate(() => chrome.storage.local.set({ preferences: { sound: true } }));
  await deliver(serviceWorker, second, 'with a sound');
  await expect.poll(() => sounds).toEqual([{ played: 'offscreen' }]);
  const contexts = await serviceWorker.evaluate(async () => (await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT' as chrome.runtime.ContextType] })).length);
  expect(contexts).toBe(1);
});

test('options: the sound is off by default and its toggle writes it; rooms with their own alert choice are listed, reset one by one, in both themes without an axe finding', async ({ context, serviceWorker, extensionId }) => {
  sim = await localCircle();
  await ready(serviceWorker);
  // Group rooms: they carry their own names (a DM is named after the other member).
  const [first, second] = sim.community.roomsOf(DEMO.memberId).filter((r) => r.kind !== 'direct' && r.name) as [SimRoom, SimRoom];
  await serviceWorker.evaluate((choices) => chrome.storage.local.set({ preferences: { roomAlerts: choices } }), { [first.uuid]: 'every', [second.uuid]: 'mentions' });
  const stored = async () => (await serviceWorker.evaluate(async () => (await chrome.storage.local.get('preferences')).preferences)) as { sound?: boolean; roomAlerts?: Record<string, string> };

  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  const sound = page.getByRole('checkbox', { name: 'Play a sound with alerts' });
  await expect(sound).not.toBeChecked();
  await sound.check();
  await expect.poll(async () => (await stored()).sound).toBe(true);
  await expect(page.getByRole('button', { name: 'Play the sound' })).toBeVisible();

  const list = page.getByRole('group', { name: 'Chats with their own choice' });
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expect(list.getByRole('listitem').filter({ hasText: first.name })).toContainText('Every message');
  await expect(list.getByRole('listitem').filter({ hasText: second.name })).toContainText('Only mentions');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const { violations } = await new AxeBuilder({ page }).analyze();
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  }
  await list.getByRole('button', { name: `Reset ${first.name} to the general setting` }).click();
  await expect.poll(async () => (await stored()).roomAlerts).toEqual({ [second.uuid]: 'mentions' });
  await expect(list.getByRole('listitem')).toHaveCount(1);
});
