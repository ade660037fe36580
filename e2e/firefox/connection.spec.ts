import { connections, control, countEvent, DEMO, demoSettings, keyOf, liveConnection, localCircle, notificationStream, notify, type Simulator } from '../circle';
import { expect, note, test } from './fixtures';

let sim: Simulator;
test.beforeEach(async () => {
  sim = await localCircle();
});
test.afterEach(async () => {
  await sim.stop();
});

test('one socket with the Origin and a token; a broadcast count reaches the badge', async ({ firefox }, testInfo) => {
  await expect.poll(() => firefox.badgeText()).toBe('?');
  expect(await firefox.status()).toMatchObject({ phase: 'not-set-up' });

  await firefox.setSettings(demoSettings(sim));
  const connection = await liveConnection(sim);
  expect(connection).toMatchObject({ community_member_id: DEMO.memberId, origin: DEMO.origin, authorization_header: true });
  await expect.poll(() => firefox.status()).toMatchObject({ phase: 'live', memberId: DEMO.memberId });
  // Raw counts below are not Circle's truth: let the sign-in sync read the real one first.
  await expect.poll(async () => ((await firefox.status()) as { sync?: { finishedAt?: number } } | undefined)?.sync?.finishedAt, { timeout: 20_000 }).toBeTruthy();

  const seen = firefox.badgeSeenAt('42');
  const sentAt = Date.now();
  await control(sim, 'broadcast', { stream: notificationStream, payload: countEvent(42) });
  const seenAt = await seen;
  expect(seenAt, 'the badge never showed 42').toBeGreaterThan(0);
  note(testInfo, 'broadcast → badge', `${seenAt - sentAt} ms`);
  await control(sim, 'broadcast', { stream: notificationStream, payload: countEvent(120) });
  await expect.poll(() => firefox.badgeText()).toBe('99+');
  expect(await connections(sim)).toHaveLength(1);

  // The console capture works (so the fixture's no-token check is not vacuous)…
  expect(firefox.extensionLines().length).toBeGreaterThan(0);
  // …and nothing tried to leave loopback: the proxy for every other host saw no request.
  expect(firefox.proxied).toEqual([]);
});

test("a web page's socket to the same cable gets no Authorization", async ({ firefox }) => {
  await firefox.setSettings(demoSettings(sim));
  await liveConnection(sim);
  const page = await firefox.browser.newPage();
  await page.goto(`${sim.url}/_sim/health`);
  const closed = await page.evaluate(
    (url) =>
      new Promise<string>((resolve) => {
        const socket = new WebSocket(url, ['actioncable-v1-json']);
        socket.onmessage = (event) => resolve(String(event.data));
        socket.onclose = (event) => resolve(`close ${event.code}`);
      }),
    sim.cableUrl,
  );
  // The header rule is scoped to the extension's own requests (tab -1, its moz-extension
  // host as initiator), so the page's socket is told `unauthorized` or refused outright.
  expect(closed).toMatch(/unauthorized|close/);
  await expect.poll(async () => (await connections(sim)).length).toBe(1);
  expect((await connections(sim))[0]).toMatchObject({ authorization_header: true, origin: DEMO.origin });
});

test('a server restart is survived: a new socket, and a later broadcast reaches the badge', async ({ firefox }) => {
  await firefox.setSettings(demoSettings(sim));
  const before = await liveConnection(sim);
  await control(sim, 'restart', {});
  await expect
    .poll(async () => (await connections(sim)).find((c) => c.opened_at !== before.opened_at && c.state === 'open'), { timeout: 5_000 })
    .toMatchObject({ community_member_id: DEMO.memberId, origin: DEMO.origin, authorization_header: true });
  // A real notification: the backfill after the reconnect re-reads Circle's count, which agrees.
  const count = await notify(sim);
  await expect.poll(() => firefox.badgeText()).toBe(String(count));
  expect(await connections(sim)).toHaveLength(1);
});

test('an access token that expires mid-session is refreshed, and no token reaches the console', async ({ firefox }) => {
  await control(sim, 'config', { access_token_ttl_seconds: 10 });
  await firefox.setSettings(demoSettings(sim));
  await liveConnection(sim);
  const first = (await firefox.storedTokens(keyOf(sim)))!.accessToken;
  // The refresh alarm fires a fifth of the lifetime before expiry.
  await expect.poll(async () => (await firefox.storedTokens(keyOf(sim)))?.accessToken, { timeout: 15_000 }).not.toBe(first);
  // Past the first token's expiry, a reconnect must present the new one through the header rule.
  await control(sim, 'restart', {});
  await liveConnection(sim);
  // A real notification: the reconnect's catch-up re-reads Circle's count, which agrees.
  const count = await notify(sim);
  await expect.poll(() => firefox.badgeText()).toBe(String(count));
  // (The fixture fails the test if any console line carried either token.)
});
