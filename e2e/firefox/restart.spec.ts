import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countText } from '../../lib/badge/badge';
import { connections, demoSettings, localCircle, notify, type Simulator } from '../circle';
import { installInProfile, launchFirefox, type FirefoxSession } from './harness';
import { expect, linesWithTokens, note, test } from './fixtures';

/**
 * A member's second day in Firefox ESR: the extension installed for real in a profile (not a
 * temporary add-on, which a restart removes), configured by policy, Firefox quit and started
 * again on that profile. Until the socket is open nothing of the extension is touched, so what
 * brings it back is its own start-up path.
 */
let sim: Simulator;
let profile: string;
let firefox: FirefoxSession | undefined;
test.beforeEach(async () => {
  firefox = undefined;
  sim = await localCircle();
  profile = mkdtempSync(join(tmpdir(), 'circle-live-firefox-profile-'));
  installInProfile(profile);
});
test.afterEach(async () => {
  await firefox?.close();
  await sim.stop();
  rmSync(profile, { recursive: true, force: true });
});

const openSockets = async () => (await connections(sim)).filter((c) => c.state === 'open').length;

/** Each start is its own Firefox; the tokens check covers all of them. */
async function start(): Promise<FirefoxSession> {
  const session = await launchFirefox({ profile, managed: { settings: demoSettings(sim) } });
  firefox = session;
  return session;
}

async function quit(session: FirefoxSession): Promise<void> {
  expect(linesWithTokens(session)).toEqual([]);
  await session.close();
  firefox = undefined;
  await expect.poll(openSockets, { message: 'the socket closed with Firefox' }).toBe(0);
}

test('installed in a profile, quit and started again twice: live within 10 s of each start, the badge on Circle’s count', async () => {
  const testInfo = test.info();
  await quit(await start().then(async (session) => {
    await expect.poll(openSockets, { timeout: 20_000, message: 'live on the first start, from the policy' }).toBe(1);
    return session;
  }));

  for (const round of [1, 2]) {
    // News while Firefox was closed: only a fresh start can put it on the badge.
    const count = await notify(sim);
    const launchedAt = Date.now();
    const session = await start();
    await expect.poll(openSockets, { timeout: 10_000, intervals: [50], message: 'a socket within 10 s of the start' }).toBe(1);
    note(testInfo, `start ${round + 1}: socket`, `${Date.now() - launchedAt} ms after launch`);
    await expect.poll(() => session.badgeText(), { timeout: Math.max(1, 10_000 - (Date.now() - launchedAt)), intervals: [100] }).toBe(countText(count));
    note(testInfo, `start ${round + 1}: badge ${countText(count)}`, `${Date.now() - launchedAt} ms after launch`);
    await quit(session);
  }
});
