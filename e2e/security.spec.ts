import { connections, control, DEMO, demoSettings, liveConnection, localCircle, signIn, storedTokens, syncFinished, type Simulator } from './circle';
import { expect, test } from './fixtures';

/**
 * Tokens are secrets: over a whole session (sign-in, sync, live traffic, a token refresh, the
 * popup and options pages, a revoked token, sign-out) no console line of any context and no
 * request URL may carry one.
 */
let sim: Simulator;
test.beforeEach(async () => {
  sim = await localCircle({ accessTokenTtlSeconds: 12 });
});
test.afterEach(async () => {
  await sim.stop();
});

const JWT = /eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/;

test('no token in any console line or URL over a full session', async ({ context, serviceWorker, extensionId }) => {
  test.setTimeout(90_000);
  const lines: string[] = [];
  const urls: string[] = [];
  context.on('console', (message) => lines.push(message.text()));
  context.on('request', (request) => urls.push(request.url()));
  context.on('weberror', (error) => lines.push(String(error.error())));
  const secrets = new Set<string>([DEMO.appToken]);
  const remember = async () => {
    const tokens = (await storedTokens(serviceWorker, sim)) as { accessToken: string; refreshToken?: string } | undefined;
    if (tokens) [tokens.accessToken, tokens.refreshToken].forEach((t) => t && secrets.add(t));
  };

  await signIn(serviceWorker, demoSettings(sim));
  await liveConnection(sim);
  await expect.poll(() => syncFinished(serviceWorker), { timeout: 20_000 }).toBe(true);
  await remember();
  const first = [...secrets].find((t) => JWT.test(t))!;

  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const room = sim.community.roomsOf(DEMO.memberId)[0]!;
  await control(sim, 'messages', { chat_room_uuid: room.uuid, sender_member_id: room.participants.find((p) => p.memberId !== DEMO.memberId)!.memberId, body: 'hello' });
  await control(sim, 'notifications', { community_member_id: DEMO.memberId });

  // The short-lived token is refreshed; then a revoked one makes the cable ask again.
  await expect.poll(async () => (await storedTokens(serviceWorker, sim))?.accessToken, { timeout: 20_000 }).not.toBe(first);
  await remember();
  await control(sim, 'revoke', { token: (await storedTokens(serviceWorker, sim))!.accessToken });
  await liveConnection(sim, 15_000);
  await remember();
  // A page socket to the cable: refused, and the extension's rule gave it nothing.
  await popup.evaluate((url) => new Promise<void>((resolve) => {
    const socket = new WebSocket(url, ['actioncable-v1-json']);
    socket.onclose = () => resolve();
  }), sim.cableUrl.replace('127.0.0.1', 'localhost'));

  await options.evaluate(() => chrome.runtime.sendMessage({ to: 'brain', kind: 'sign-out' }));
  await expect.poll(async () => (await connections(sim)).length, { timeout: 10_000 }).toBe(0);

  expect(secrets.size).toBeGreaterThanOrEqual(4);
  // The background's own lines were captured, so a leak there would have been seen.
  expect(lines.some((line) => line.includes('[circle-live:background]'))).toBe(true);
  for (const line of lines) {
    expect(JWT.test(line), 'a console line holds a JWT').toBe(false);
    expect(/Bearer\s+\S/.test(line), 'a console line holds a bearer token').toBe(false);
    for (const secret of secrets) expect(line.includes(secret), 'a console line holds a token').toBe(false);
  }
  for (const url of urls) for (const secret of secrets) expect(url.includes(secret), `a URL holds a token: ${url.slice(0, 60)}`).toBe(false);
});
