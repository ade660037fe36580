import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  badgeText,
  connections,
  control,
  DEMO,
  demoSettings,
  extensionStatus,
  liveConnection,
  localCircle,
  notify,
  signIn,
  storedTokens,
  type Simulator,
} from './circle';
import { expect, launchWithExtension, stopServiceWorkers, test } from './fixtures';

let sim: Simulator;
test.afterEach(async () => {
  await sim.stop();
});


test('a crashed server that comes back after 20 s is live again within 5 s', async ({ serviceWorker }) => {
  sim = await localCircle();
  await signIn(serviceWorker, demoSettings(sim));
  await liveConnection(sim);
  await control(sim, 'kill', { ms: 20_000 });
  await expect.poll(() => extensionStatus(serviceWorker), { timeout: 10_000 }).toMatchObject({ phase: 'reconnecting' });
  await expect.poll(async () => (await connections(sim)).length, { timeout: 19_000 }).toBe(0);
  // Back at 20 s; allow 5 s for the (capped) backoff plus the handshake.
  await liveConnection(sim, 27_000);
  const count = await notify(sim);
  await expect.poll(() => badgeText(serviceWorker)).toBe(String(count));
});

test('a half-open link is noticed and replaced within 7 s', async ({ serviceWorker }) => {
  sim = await localCircle();
  await signIn(serviceWorker, demoSettings(sim));
  const before = await liveConnection(sim);
  const silentAt = Date.now();
  await control(sim, 'half-open', { ms: 30_000 });
  await expect
    .poll(async () => (await connections(sim)).some((c) => c.state === 'open' && c.opened_at !== before.opened_at), { timeout: 9_000, intervals: [200] })
    .toBe(true);
  // The last frame came at most one ping (1 s) before the link went silent.
  expect(Date.now() - silentAt).toBeLessThan(8_000);
  const count = await notify(sim);
  await expect.poll(() => badgeText(serviceWorker)).toBe(String(count));
});

test('a stopped service worker still gets the next broadcast to the badge', async ({ context, serviceWorker }) => {
  sim = await localCircle();
  await signIn(serviceWorker, demoSettings(sim));
  await liveConnection(sim);
  await expect.poll(() => extensionStatus(serviceWorker)).toMatchObject({ phase: 'live' });
  const { startedAt } = (await extensionStatus(serviceWorker))!;
  await stopServiceWorkers(context);
  const count = await notify(sim);
  // The offscreen document woke the worker: a new background context wrote the count.
  await expect.poll(() => extensionStatus(serviceWorker), { timeout: 15_000 }).toMatchObject({ count });
  expect((await extensionStatus(serviceWorker))!.startedAt).toBeGreaterThan(startedAt);
  expect(await badgeText(serviceWorker)).toBe(String(count));
  expect(await connections(sim)).toHaveLength(1);
});

test('an access token that expires mid-session is refreshed with no user action', async ({ serviceWorker }) => {
  sim = await localCircle({ accessTokenTtlSeconds: 10 });
  await signIn(serviceWorker, demoSettings(sim));
  await liveConnection(sim);
  const first = (await storedTokens(serviceWorker, sim))!.accessToken;
  // The refresh alarm fires a fifth of the lifetime before expiry.
  await expect.poll(async () => (await storedTokens(serviceWorker, sim))?.accessToken, { timeout: 15_000 }).not.toBe(first);
  await expect.poll(() => extensionStatus(serviceWorker), { timeout: 5_000 }).toMatchObject({ phase: 'live' });
  // Past the first token's expiry, a reconnect must present the new one.
  await control(sim, 'restart', {});
  await liveConnection(sim);
  await expect.poll(() => extensionStatus(serviceWorker)).toMatchObject({ phase: 'live' });
});

test('a revoked refresh token ends in signed out, plainly said', async ({ context, serviceWorker, extensionId }) => {
  sim = await localCircle();
  const pair = await control<{ access_token: string; refresh_token: string }>(sim, 'tokens', { community_member_id: DEMO.memberId });
  await signIn(serviceWorker, demoSettings(sim, { mode: 'tokens', accessToken: pair.access_token, refreshToken: pair.refresh_token }));
  await liveConnection(sim);
  await control(sim, 'revoke', { token: pair.refresh_token });
  await control(sim, 'revoke', { token: pair.access_token });
  await expect.poll(() => extensionStatus(serviceWorker), { timeout: 15_000 }).toMatchObject({ phase: 'signed-out' });
  expect(await badgeText(serviceWorker)).toBe('!');
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  // The connection's status line; a list that the revocation left empty says so in its own.
  await expect(popup.getByRole('status').filter({ hasText: 'Signed out — sign in' })).toBeVisible();
  await expect(popup.getByRole('button', { name: 'Sign in' })).toBeVisible();
  expect(await connections(sim)).toHaveLength(0);
});

test('the connection comes back by itself after the browser restarts with the same profile', async () => {
  sim = await localCircle();
  const dir = mkdtempSync(join(tmpdir(), 'circle-live-restart-'));
  try {
    const first = await launchWithExtension(dir);
    const worker = first.serviceWorkers()[0] ?? (await first.waitForEvent('serviceworker'));
    await signIn(worker, demoSettings(sim));
    await liveConnection(sim);
    await first.close();
    await expect.poll(async () => (await connections(sim)).length).toBe(0);

    const second = await launchWithExtension(dir);
    try {
      const again = second.serviceWorkers()[0] ?? (await second.waitForEvent('serviceworker'));
      await liveConnection(sim);
      const count = await notify(sim);
      await expect.poll(() => badgeText(again)).toBe(String(count));
    } finally {
      await second.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
