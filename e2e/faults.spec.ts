import type { Worker } from '@playwright/test';
import { badgeText, connections, control, DEMO, demoSettings, extensionStatus, liveConnection, localCircle, signIn, storedTokens, syncFinished, type Simulator } from './circle';
import { expect, stopServiceWorkers, test } from './fixtures';
import { convergence, handshakes } from './truth';

/**
 * The fault matrix: each fault ends with the cache equal to Circle's truth (nothing lost,
 * nothing twice), the right badge, at most one socket, and a bounded number of attempts.
 */
let sim: Simulator | undefined;
test.afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});

async function start(worker: Worker, options: Parameters<typeof localCircle>[0] = {}) {
  sim = await localCircle(options);
  await signIn(worker, demoSettings(sim));
  await liveConnection(sim);
  await expect.poll(() => syncFinished(worker), { timeout: 20_000 }).toBe(true);
  return sim;
}

/** Other members write in the demo member's rooms, straight into the local Circle. */
function post(s: Simulator, count: number, tag: string) {
  const rooms = s.community.roomsOf(DEMO.memberId);
  for (let i = 0; i < count; i++) {
    const room = rooms[i % rooms.length]!;
    const sender = room.participants.find((p) => p.memberId !== DEMO.memberId)!.memberId;
    s.control.postMessage({ chatRoomUuid: room.uuid, senderMemberId: sender, body: `${tag} ${i}` });
  }
}

/** Backoff capped at 5 s with full jitter: a handful of handshakes in 15 s, where a loop would make hundreds. */
async function expectBackoff(s: Simulator) {
  const from = await handshakes(s);
  const started = Date.now();
  await expect.poll(() => Date.now() - started, { timeout: 25_000, intervals: [1_000] }).toBeGreaterThan(15_000);
  expect((await handshakes(s)) - from).toBeLessThanOrEqual(12);
}

const converged = (s: Simulator, worker: Worker, timeout = 20_000) => expect.poll(() => convergence(s, worker), { timeout, intervals: [500] }).toEqual([]);


test('server restart while messages arrive', async ({ serviceWorker }) => {
  const s = await start(serviceWorker);
  const before = await handshakes(s);
  await control(s, 'restart', {});
  post(s, 30, 'during restart');
  await liveConnection(s);
  await converged(s, serviceWorker);
  expect((await handshakes(s)) - before).toBeLessThanOrEqual(3);
});

test('process killed for 40 s, messages meanwhile', async ({ serviceWorker }) => {
  test.setTimeout(120_000);
  const s = await start(serviceWorker);
  const before = await handshakes(s);
  await control(s, 'kill', { ms: 40_000 });
  post(s, 60, 'while dead');
  await liveConnection(s, 50_000);
  await converged(s, serviceWorker);
  // Capped backoff: 5 s at most in the first minute, so about 8 to 16 attempts, never a storm.
  expect((await handshakes(s)) - before).toBeLessThanOrEqual(25);
});

test('half-open link, messages meanwhile', async ({ serviceWorker }) => {
  const s = await start(serviceWorker);
  const before = await liveConnection(s);
  await control(s, 'half-open', { ms: 30_000 });
  post(s, 30, 'unheard');
  await expect.poll(async () => (await connections(s)).some((c) => c.state === 'open' && c.opened_at !== before.opened_at), { timeout: 10_000 }).toBe(true);
  await converged(s, serviceWorker);
});

test('browser offline and back', async ({ context, serviceWorker }) => {
  const s = await start(serviceWorker);
  await context.setOffline(true);
  await control(s, 'restart', {});
  post(s, 20, 'while offline');
  await context.setOffline(false);
  await liveConnection(s);
  await converged(s, serviceWorker);
});

test('access token revoked: refreshed, then live', async ({ serviceWorker }) => {
  const s = await start(serviceWorker);
  const token = (await storedTokens(serviceWorker, s))!.accessToken;
  await control(s, 'revoke', { token });
  post(s, 10, 'after revoke');
  await expect.poll(async () => (await storedTokens(serviceWorker, s))?.accessToken, { timeout: 15_000 }).not.toBe(token);
  await expect.poll(async () => (await extensionStatus(serviceWorker))?.phase, { timeout: 15_000 }).toBe('live');
  await converged(s, serviceWorker);
});

test('one subscription rejected: the others keep working and the status says which', async ({ serviceWorker }) => {
  const s = await start(serviceWorker, { rejectChannels: ['Chats::CommunityMemberThreadsChannel'] });
  const subscriptions = async () =>
    ((await extensionStatus(serviceWorker)) as { cable?: { subscriptions: { channel: string; state: string }[] } } | undefined)?.cable?.subscriptions ?? [];
  await expect.poll(async () => (await subscriptions()).find((x) => x.channel === 'Chats::CommunityMemberThreadsChannel')?.state).toBe('rejected');
  expect((await subscriptions()).filter((x) => x.channel !== 'Chats::CommunityMemberThreadsChannel').every((x) => x.state === 'confirmed')).toBe(true);
  post(s, 10, 'still live');
  s.control.notify(DEMO.memberId);
  await converged(s, serviceWorker);
});

test('service worker stopped in the middle of a 1,000-event burst', async ({ context, serviceWorker }) => {
  const s = await start(serviceWorker);
  post(s, 300, 'burst a');
  await stopServiceWorkers(context);
  post(s, 700, 'burst b');
  await converged(s, serviceWorker, 40_000);
});

test('a server that answers without the subprotocol is a reported error, not a loop', async ({ serviceWorker }) => {
  // Browsers fail such a handshake before `open` (the client offered a subprotocol), so it
  // reads like any refused handshake: reported, and retried with the capped backoff.
  sim = await localCircle({ subprotocol: false });
  await signIn(serviceWorker, demoSettings(sim));
  await expect.poll(() => extensionStatus(serviceWorker), { timeout: 20_000 }).toMatchObject({ phase: 'reconnecting', reason: { code: 'origin_not_whitelisted' } });
  await expectBackoff(sim);
  expect(await badgeText(serviceWorker)).toBe('off');
});

test('an Origin the server refuses: the status says so and retries back off', async ({ serviceWorker }) => {
  sim = await localCircle({ origins: ['https://elsewhere.example'] });
  await signIn(serviceWorker, demoSettings(sim));
  await expect.poll(() => extensionStatus(serviceWorker), { timeout: 20_000 }).toMatchObject({ phase: 'reconnecting', reason: { code: 'origin_not_whitelisted' } });
  await expectBackoff(sim);
});
