import { railsTarget } from '../tests/conformance/targets';
import { badgeText, countEvent, DEMO, demoSettings, extensionStatus, localCircle, notify, signIn, syncFinished, type Simulator } from './circle';
import { expect, test } from './fixtures';

/**
 * Rails fans broadcasts out over a worker pool, so a burst of count updates arrives out of
 * order, across batches as well as within one. Whatever order they came in, the badge must end
 * on Circle's own count (its REST answer) soon after the burst. Cable: real Rails; REST: the
 * local Circle, as in e2e/rails.spec.ts.
 */
const BURST = 2_000;
const AT_ONCE = 5;
const SETTLED_WITHIN_MS = 3_000;

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

test('a reordered burst of 2,000 count updates through real Rails ends on Circle\'s count within 3 s', async ({ serviceWorker }, testInfo) => {
  test.setTimeout(180_000);
  await signIn(serviceWorker, { ...demoSettings(sim), cableUrl: rails.cableUrl });
  await expect.poll(() => extensionStatus(serviceWorker), { timeout: 20_000 }).toMatchObject({ phase: 'live' });
  await expect.poll(() => syncFinished(serviceWorker), { timeout: 20_000 }).toBe(true);
  // Circle's count moves only through REST here; the burst's values are all far from it.
  const truth = await notify(sim);
  expect(truth).toBeLessThan(100);

  const stream = `notification-channel-${DEMO.memberId}`;
  for (let sent = 0; sent < BURST; sent += AT_ONCE) {
    await Promise.all(Array.from({ length: AT_ONCE }, (_, i) => rails.broadcast(stream, countEvent(1_000 + sent + i))));
  }
  const lastBroadcast = Date.now();
  // The burst reached the badge (its counts are all past 99), so the re-read is what ends it.
  await expect.poll(() => badgeText(serviceWorker), { timeout: SETTLED_WITHIN_MS, intervals: [50] }).toBe('99+');

  await expect.poll(() => badgeText(serviceWorker), { timeout: SETTLED_WITHIN_MS, intervals: [50] }).toBe(String(truth));
  const settledMs = Date.now() - lastBroadcast;
  testInfo.annotations.push({ type: 'settled after the last broadcast', description: `${settledMs} ms` });
  expect(settledMs).toBeLessThan(SETTLED_WITHIN_MS);
  // And it stays there: no straggler of the burst overwrites it. An absence has no event to wait on.
  const later: string[] = [];
  for (let i = 0; i < 5; i++) {
    await new Promise((resolve) => setTimeout(resolve, 300));
    later.push(await badgeText(serviceWorker));
  }
  expect(later).toEqual(Array(5).fill(String(truth)));
});
