/**
 * Long Firefox tests, not in `npm test`: `CIRCLE_LIVE_LONG=1 playwright test --project=firefox-long`
 * (see playwright.config.ts). Firefox suspends an MV3 event page after 30 s without an extension
 * API call, and an open socket does not count (docs/platform.md); the page host calls one on
 * every server ping. These prove it over a long quiet, and that a suspension loses nothing.
 */
import { connections, control, countEvent, DEMO, demoSettings, liveConnection, localCircle, notificationStream, notify, type Simulator } from '../circle';
import { expect, note, test } from './fixtures';
import type { FirefoxSession } from './harness';

/** Five minutes; `CIRCLE_LIVE_QUIET_MS` shortens it when trying the test out. */
const QUIET_MS = Number(process.env.CIRCLE_LIVE_QUIET_MS ?? 5 * 60_000);
const QUIET = QUIET_MS % 60_000 === 0 ? `${QUIET_MS / 60_000} minutes` : `${QUIET_MS / 1000} s`;
const SUSPENDING = /\[circle-live:background\].*event page suspending/;

let sim: Simulator | undefined;
test.afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});

/**
 * Lets `ms` pass without touching the browser, watching only from outside: it fails at once if
 * the background says it is suspending or the simulator sees the socket replaced or gone.
 */
async function quietFor(firefox: FirefoxSession, circle: Simulator, openedAt: string, ms: number): Promise<void> {
  const end = Date.now() + ms;
  const from = firefox.output.length;
  while (Date.now() < end) {
    await new Promise<void>((resolve) => setTimeout(resolve, Math.min(1_000, Math.max(0, end - Date.now()))));
    const suspended = firefox.output.slice(from).find((line) => SUSPENDING.test(line));
    if (suspended) throw new Error(`the event page was suspended during the quiet: ${suspended}`);
    const open = (await connections(circle)).filter((c) => c.state === 'open');
    if (open.length !== 1 || open[0]!.opened_at !== openedAt) {
      throw new Error(`the socket changed during the quiet: ${JSON.stringify(open)}`);
    }
  }
}

test(`a broadcast after ${QUIET} of quiet reaches the badge within a second`, async ({ firefox }, testInfo) => {
  // Rails' own heartbeat (3 s): the only traffic in the quiet, and what keeps the page up.
  sim = await localCircle({ pingIntervalMs: 3_000 });
  await firefox.setSettings(demoSettings(sim));
  const before = await liveConnection(sim);
  await expect.poll(() => firefox.status()).toMatchObject({ phase: 'live' });
  const { startedAt } = (await firefox.status())!;
  // No extension page open and no call from the harness while it is quiet.
  await firefox.closeBridge();

  const quietStart = Date.now();
  await quietFor(firefox, sim, before.opened_at, QUIET_MS);
  note(testInfo, 'quiet', `${Math.round((Date.now() - quietStart) / 1000)} s, same socket throughout`);

  await firefox.bridge();
  const seen = firefox.badgeSeenAt('13');
  const sentAt = Date.now();
  await control(sim, 'broadcast', { stream: notificationStream, payload: countEvent(13) });
  const seenAt = await seen;
  const status = (await firefox.status())!;
  note(testInfo, 'broadcast → badge after the quiet', `${seenAt - sentAt} ms seen in the bridge page; the background published ${status.updatedAt - sentAt} ms after the send`);
  expect(seenAt, 'the badge never showed 13').toBeGreaterThan(0);
  expect(seenAt - sentAt).toBeLessThan(1_000);
  // The same event page and the same socket all along: nothing was suspended and restarted.
  expect(status).toMatchObject({ phase: 'live', count: 13, startedAt });
  expect((await connections(sim)).map((c) => c.opened_at)).toEqual([before.opened_at]);
  expect(firefox.extensionLines().filter((line) => SUSPENDING.test(line))).toEqual([]);
});

test.describe('when the event page is suspended anyway', () => {
  // Firefox's idle timeout, cut from 30 s to 3 s: below the cable's 6 s stale timeout, so a
  // silent server ends in a suspension rather than a reconnect. A 1 s ping still holds the page.
  test.use({ firefoxOptions: { prefs: { 'extensions.background.idle.timeout': 3_000 } } });

  test('nothing is lost: the watchdog alarm wakes it, it reconnects and catches up over REST', async ({ firefox }, testInfo) => {
    sim = await localCircle({ pingIntervalMs: 1_000 });
    await firefox.setSettings(demoSettings(sim));
    const first = await liveConnection(sim);
    await expect.poll(() => firefox.status()).toMatchObject({ phase: 'live', count: expect.any(Number) });
    const before = (await firefox.status())!;
    await firefox.closeBridge();

    // Pings every second keep the page up for several idle timeouts.
    await quietFor(firefox, sim, first.opened_at, 10_000);

    // The server goes quiet (no ping): with no extension API call for 3 s Firefox suspends the
    // page, and the page's socket closes with it.
    const suspending = firefox.waitForLine(SUSPENDING, 15_000);
    await control(sim, 'config', { ping_interval_ms: 3_600_000 });
    await suspending;
    const suspendedAt = Date.now();
    await expect.poll(async () => (await connections(sim!)).length).toBe(0);
    await control(sim, 'config', { ping_interval_ms: 1_000 });

    // Meanwhile Circle gets two new notifications; their broadcasts reach nobody.
    for (let i = 0; i < 2; i++) await control(sim, 'notifications', { community_member_id: DEMO.memberId });
    const expected = before.count! + 2;

    // The watchdog alarm (every 30 s) wakes the page; the new page reconnects and reads the count.
    const again = await liveConnection(sim, 45_000);
    note(testInfo, 'suspended → live again', `${Date.now() - suspendedAt} ms (watchdog alarm every 30 s)`);
    expect(again.opened_at).not.toBe(first.opened_at);
    await expect.poll(() => firefox.badgeText()).toBe(String(expected));
    const after = (await firefox.status())!;
    expect(after).toMatchObject({ phase: 'live', count: expected });
    expect(after.startedAt).toBeGreaterThan(before.startedAt);

    // And the live feed reaches the badge again.
    // A real notification, so the reconnect's catch-up (which re-reads Circle's count) agrees.
    const next = await notify(sim);
    await expect.poll(() => firefox.badgeText()).toBe(String(next));
  });
});
