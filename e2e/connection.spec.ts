import {
  badgeText,
  connections,
  control,
  countEvent,
  DEMO,
  demoSettings,
  extensionStatus,
  liveConnection as liveSocket,
  localCircle,
  notificationStream,
  notify,
  signIn,
  syncFinished,
  type Simulator,
} from './circle';
import { expect, test } from './fixtures';

let sim: Simulator;
test.beforeEach(async () => {
  sim = await localCircle();
});
test.afterEach(async () => {
  await sim.stop();
});

const liveConnection = () => liveSocket(sim);

test('one socket with the Origin and a token; a broadcast count reaches the badge', async ({ serviceWorker }) => {
  await signIn(serviceWorker, demoSettings(sim));
  const connection = await liveConnection();
  expect(connection).toMatchObject({ community_member_id: DEMO.memberId, origin: DEMO.origin, authorization_header: true });
  // Room channels follow once the rooms are synced: the demo member's 16 seeded rooms but the archived one.
  const channels = async () => ((await connections(sim))[0]?.subscriptions ?? []).map((s) => JSON.parse(s).channel as string);
  await expect.poll(async () => (await channels()).filter((c) => c === 'Chats::RoomChannel').length).toBe(15);
  expect(await channels()).toEqual(expect.arrayContaining(['NotificationChannel', 'ChatRoomChannel', 'Chats::CommunityMemberThreadsChannel']));
  await expect.poll(() => extensionStatus(serviceWorker)).toMatchObject({ phase: 'live' });
  // Raw counts below are not Circle's truth: let the sign-in sync read the real one first.
  await expect.poll(() => syncFinished(serviceWorker), { timeout: 20_000 }).toBe(true);

  await control(sim, 'broadcast', { stream: notificationStream, payload: countEvent(42) });
  await expect.poll(() => badgeText(serviceWorker)).toBe('42');
  await control(sim, 'broadcast', { stream: notificationStream, payload: countEvent(120) });
  await expect.poll(() => badgeText(serviceWorker)).toBe('99+');
  expect(await connections(sim)).toHaveLength(1);
});

test('a web page opening a socket to the same cable gets no Authorization', async ({ context, serviceWorker }) => {
  await signIn(serviceWorker, demoSettings(sim));
  await liveConnection();
  const page = await context.newPage();
  await page.goto(`${sim.url}/_sim/health`);
  await page.evaluate((url) => new Promise<void>((resolve) => {
    const socket = new WebSocket(url, ['actioncable-v1-json']);
    socket.onmessage = () => resolve();
    socket.onclose = () => resolve();
  }), sim.cableUrl);
  // The page's socket was told `unauthorized` and closed: only the extension's remains, with its header.
  const all = await connections(sim);
  expect(all).toHaveLength(1);
  expect(all[0]!.authorization_header).toBe(true);
});

test('a server restart is survived within 5 s', async ({ serviceWorker }) => {
  await signIn(serviceWorker, demoSettings(sim));
  const before = await liveConnection();
  await control(sim, 'restart', {});
  await expect.poll(async () => (await connections(sim)).find((c) => c.opened_at !== before.opened_at && c.state === 'open'), { timeout: 5_000 }).toBeTruthy();
  const count = await notify(sim);
  await expect.poll(() => badgeText(serviceWorker)).toBe(String(count));
});

test('settings that are not valid leave a clear not-set-up state', async ({ serviceWorker }) => {
  await signIn(serviceWorker, { ...demoSettings(sim), origin: 'not a url' });
  await expect.poll(() => extensionStatus(serviceWorker)).toMatchObject({ phase: 'not-set-up', reason: { code: 'settings_incomplete', detail: expect.stringContaining('origin') } });
  expect(await badgeText(serviceWorker)).toBe('?');
  expect(await connections(sim)).toHaveLength(0);
});
