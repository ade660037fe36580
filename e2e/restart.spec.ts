import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Worker } from '@playwright/test';
import { countText } from '../lib/badge/badge';
import { badgeText, connections, DEMO, demoSettings, localCircle, notify, signIn, storeDump, syncFinished, type Simulator } from './circle';
import { expect, launchWithExtension, test } from './fixtures';

/**
 * A member's second day in Chromium: the same profile, the browser quit and started again.
 * Nothing is done to the extension after a start until it is live: what brings it back is
 * its own start-up path (runtime.onStartup), not a test poking the worker.
 */
let sim: Simulator;
let dir: string;
test.beforeEach(async () => {
  sim = await localCircle();
  dir = mkdtempSync(join(tmpdir(), 'circle-live-restart-'));
});
test.afterEach(async () => {
  await sim.stop();
  rmSync(dir, { recursive: true, force: true });
});

const openSockets = async () => (await connections(sim)).filter((c) => c.state === 'open').length;

const workerOf = async (context: BrowserContext): Promise<Worker> => context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));

/** Milliseconds from `since` until the simulator holds exactly one open socket. */
async function liveAfter(since: number): Promise<number> {
  await expect.poll(openSockets, { timeout: 10_000, intervals: [50], message: 'a socket at the local Circle within 10 s of the start' }).toBe(1);
  return Date.now() - since;
}

test('quit and started again twice on the same profile: live within 10 s each time, the badge on Circle’s count', async () => {
  let context = await launchWithExtension(dir);
  await signIn(await workerOf(context), demoSettings(sim));
  await liveAfter(Date.now());
  await expect.poll(() => syncFinished(context.serviceWorkers()[0]!), { timeout: 20_000 }).toBe(true);

  for (const start of [1, 2]) {
    await context.close();
    await expect.poll(openSockets).toBe(0);
    // News while the browser was closed: only a fresh start can put it on the badge.
    const count = await notify(sim);
    const launchedAt = Date.now();
    context = await launchWithExtension(dir);
    const ms = await liveAfter(launchedAt);
    console.info(`  start ${start}: socket open ${ms} ms after launch`);
    const worker = await workerOf(context);
    await expect.poll(() => badgeText(worker), { timeout: Math.max(1, 10_000 - (Date.now() - launchedAt)), intervals: [50] }).toBe(countText(count));
    console.info(`  start ${start}: badge ${countText(count)} ${Date.now() - launchedAt} ms after launch`);
  }
  await context.close();
});

test('a room that got more than a sign-in reads while the browser was closed has every message of it after the start', async () => {
  let context = await launchWithExtension(dir);
  await signIn(await workerOf(context), demoSettings(sim));
  await liveAfter(Date.now());
  await expect.poll(() => syncFinished(context.serviceWorkers()[0]!), { timeout: 20_000 }).toBe(true);
  await context.close();
  await expect.poll(openSockets).toBe(0);

  // A room the cache holds nothing of, and 30 messages in it: more than the 20 a sign-in reads of a room.
  const other = [...sim.community.members.keys()].find((id) => id !== DEMO.memberId)!;
  const room = sim.control.createRoom({ kind: 'group_chat', memberIds: [DEMO.memberId, other], name: 'While you were away', announce: false });
  const sent = Array.from({ length: 30 }, (_, i) => sim.control.postMessage({ chatRoomUuid: room.uuid, senderMemberId: other, body: `While you were away ${i + 1}` }).id);

  context = await launchWithExtension(dir);
  const worker = await workerOf(context);
  const stored = async () => (await storeDump(worker)).messages.filter((m) => m.roomUuid === room.uuid).map((m) => m.id).sort((a, b) => a - b);
  await expect.poll(stored, { timeout: 20_000, message: 'every message the room got while the browser was closed' }).toEqual(sent);
  await context.close();
});

/**
 * The options form's first paint, the first time the page opens after a start: its first
 * contentful paint, since the page has nothing to paint before the form (an empty root that
 * one render fills, header and form together). Chromium reinstalls a `--load-extension`
 * extension at every start, so the install handler opens the page itself; that is the first
 * open, and it is measured where it happens.
 */
async function firstFormPaint(context: BrowserContext, id: string): Promise<number> {
  const url = `chrome-extension://${id}/options.html`;
  await expect.poll(() => context.pages().some((p) => p.url() === url), { message: 'the options page opened at the start' }).toBe(true);
  const page = context.pages().find((p) => p.url() === url)!;
  await expect(page.locator('#circleUrl')).toHaveValue(sim.url);
  const paintAt = () => page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime);
  await expect.poll(paintAt).toBeGreaterThan(0);
  return (await paintAt())!;
}

test('the options page paints its form at once, without waiting for storage.managed, the first time after a browser start', async () => {
  let context = await launchWithExtension(dir);
  const id = new URL((await workerOf(context)).url()).host;
  await signIn(await workerOf(context), demoSettings(sim));
  await liveAfter(Date.now());
  await context.close();

  // Three starts, one first open each: the median, so a machine busy for a moment does not decide.
  const paints: number[] = [];
  for (const start of [1, 2, 3]) {
    context = await launchWithExtension(dir);
    const paintAt = await firstFormPaint(context, id);
    console.info(`  start ${start}: options form first painted ${paintAt.toFixed(0)} ms after navigation start`);
    paints.push(paintAt);
    await context.close();
  }
  const median = paints.sort((a, b) => a - b)[1]!;
  const busy = loadavg()[0]! / cpus().length;
  console.info(`  options form first paint, median of 3 starts: ${median.toFixed(0)} ms (machine load ${busy.toFixed(1)}× its cores)`);
  // What this guards against is a stall, not a speed: a first open that waits for
  // storage.managed paints after 2.5–3 s and does no CPU work meanwhile, while the page's own
  // time (250–450 ms on this 2-core machine, the figure printed above) moves with the machine.
  // Speed belongs to the bench, as a ratio to a floor measured in the same run.
  expect(median).toBeLessThan(1_500);
});
