import type { Worker } from '@playwright/test';
import { railsTarget } from '../tests/conformance/targets';
import { badgeText, DEMO, demoSettings, extensionStatus, localCircle, signIn, storeDump, storedTokens, syncFinished, type Simulator } from './circle';
import { expect, test } from './fixtures';

/**
 * The extension against a real Rails ActionCable server (Debian's ruby-actioncable, our
 * fixture app under tests/fixtures/rails): Circle's REST stays the local Circle's, the cable
 * is Rails'. Fails, never skips, when Puma is missing.
 */
let sim: Simulator;
let rails: Awaited<ReturnType<typeof railsTarget>>;
test.beforeAll(async () => {
  rails = await railsTarget({ CABLE_TRUST_JWT: '1' });
});
test.afterAll(async () => {
  await rails?.stop();
});
test.beforeEach(async () => {
  sim = await localCircle();
});
test.afterEach(async () => {
  await sim.stop();
});

interface CableSubscription {
  channel: string;
  state: string;
}

const subscriptions = async (worker: Worker) =>
  ((await extensionStatus(worker)) as { cable?: { subscriptions: CableSubscription[]; reconnects: number } } | undefined)?.cable;

async function liveOnRails(worker: Worker) {
  await signIn(worker, { ...demoSettings(sim), cableUrl: rails.cableUrl });
  await expect.poll(() => extensionStatus(worker), { timeout: 20_000 }).toMatchObject({ phase: 'live' });
  // The member's three channels and a room channel for each of the member's 16 rooms but the archived one.
  await expect
    .poll(async () => (await subscriptions(worker))?.subscriptions.filter((s) => s.state === 'confirmed').map((s) => s.channel).sort().join())
    .toBe(['ChatRoomChannel', 'Chats::CommunityMemberThreadsChannel', 'NotificationChannel', ...Array(15).fill('Chats::RoomChannel')].sort().join());
}

test('connects to real Rails with its headers, subscribes the four channels, hears live events and survives a restart', async ({ serviceWorker }) => {
  await liveOnRails(serviceWorker);
  // A raw count is not Circle's truth: let the sign-in sync read the real one first.
  await expect.poll(() => syncFinished(serviceWorker), { timeout: 20_000 }).toBe(true);
  await rails.broadcast(`notification-channel-${DEMO.memberId}`, { event: 'updateNewNotificationCount', new_notifications_count: 77 });
  await expect.poll(() => badgeText(serviceWorker)).toBe('77');

  const before = (await subscriptions(serviceWorker))!.reconnects;
  await rails.restart();
  await expect.poll(async () => (await subscriptions(serviceWorker))?.reconnects, { timeout: 10_000 }).toBeGreaterThan(before);
  await expect.poll(() => extensionStatus(serviceWorker)).toMatchObject({ phase: 'live' });

  const room = sim.community.roomsOf(DEMO.memberId)[0]!;
  await rails.broadcast(`chat-room-channel-${DEMO.memberId}`, {
    event: 'newMessage',
    id: 8_800_001,
    chat_room_uuid: room.uuid,
    body: 'from real Rails',
    sent_at: new Date().toISOString(),
    sender: { id: 1, community_member_id: room.participants.find((p) => p.memberId !== DEMO.memberId)!.memberId, name: 'Rails' },
  });
  await expect.poll(async () => (await storeDump(serviceWorker)).messages.some((m) => m.id === 8_800_001 && m.body === 'from real Rails')).toBe(true);
});

test('a token Rails refuses is refreshed once and the connection is live again', async ({ serviceWorker }) => {
  await liveOnRails(serviceWorker);
  const refused = (await storedTokens(serviceWorker, sim))!.accessToken;
  await rails.deny(refused);
  await rails.restart();
  await expect.poll(async () => (await storedTokens(serviceWorker, sim))?.accessToken, { timeout: 15_000 }).not.toBe(refused);
  await expect.poll(() => extensionStatus(serviceWorker), { timeout: 15_000 }).toMatchObject({ phase: 'live' });
});
