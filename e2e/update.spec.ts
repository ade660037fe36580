import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Worker } from '@playwright/test';
import { launchWithExtension } from '../scripts/chromium';
import { connections, control, DEMO, demoSettings, localCircle, signIn, storeDump, syncFinished, type Simulator } from './circle';
import { expect, extensionDir, test } from './fixtures';

/**
 * An extension update while live: the unpacked extension's folder gets a manifest with a higher
 * version and is loaded again over CDP (`Extensions.loadUnpacked`), which Chromium treats as an
 * update of the same extension, as a store update would be. `chrome.runtime.reload()` is no
 * way to test it here: with `--disable-extensions-except` the extension stays unloaded after it.
 */
let sim: Simulator;
let dirs: string[];
test.beforeEach(async () => {
  sim = await localCircle();
  dirs = [];
});
test.afterEach(async () => {
  await sim.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const temporary = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};
const openSockets = async () => (await connections(sim)).filter((c) => c.state === 'open');

function otherMember(roomIndex: number) {
  const room = sim.community.roomsOf(DEMO.memberId)[roomIndex]!;
  return { room, sender: room.participants.find((p) => p.memberId !== DEMO.memberId)!.memberId };
}

/** How many times each body is stored: the cache must hold every message once. */
async function storedBodies(worker: Worker, bodies: string[]): Promise<number[]> {
  const { messages } = await storeDump(worker);
  return bodies.map((body) => messages.filter((m) => m.body === body).length);
}

/** The worker of the given version: Playwright may hand back the old handle, which answers again once the new worker runs. */
async function workerOf(context: BrowserContext, version: string): Promise<Worker> {
  const versionOf = (worker: Worker) =>
    Promise.race([worker.evaluate(() => chrome.runtime.getManifest().version), new Promise<undefined>((done) => setTimeout(done, 1_000))]).catch(() => undefined);
  let found: Worker | undefined;
  await expect
    .poll(async () => {
      for (const worker of context.serviceWorkers()) if ((await versionOf(worker)) === version) found = worker;
      return found !== undefined;
    }, { timeout: 15_000, message: `the worker of version ${version} runs` })
    .toBe(true);
  return found!;
}

test('an update while live keeps the cache, comes back on one socket and stores no message twice', async () => {
  const extension = temporary('circle-live-update-ext-');
  cpSync(extensionDir, extension, { recursive: true });
  // Loading the folder again over CDP is how an unpacked extension is updated in place.
  const context = await launchWithExtension(extension, temporary('circle-live-update-profile-'), { args: ['--enable-unsafe-extension-debugging'] });
  const lines: string[] = [];
  context.on('console', (line) => lines.push(line.text()));
  const before = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  await signIn(before, demoSettings(sim));
  await expect.poll(async () => (await openSockets()).length, { timeout: 15_000 }).toBe(1);
  await expect.poll(() => syncFinished(before), { timeout: 20_000 }).toBe(true);
  const { room, sender } = otherMember(0);
  const say = (body: string) => control(sim, 'messages', { chat_room_uuid: room.uuid, sender_member_id: sender, body });
  await say('before the update');
  await expect.poll(() => storedBodies(before, ['before the update'])).toEqual([1]);
  const cached = await storeDump(before);
  const [oldSocket] = await openSockets();

  const manifestPath = join(extension, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { version: string };
  const version = `${manifest.version}.1`;
  writeFileSync(manifestPath, JSON.stringify({ ...manifest, version }));
  const cdp = await context.browser()!.newBrowserCDPSession();
  const updatedAt = Date.now();
  const { id } = (await cdp.send('Extensions.loadUnpacked' as never, { path: extension } as never)) as { id: string };
  expect(id).toBe(new URL(before.url()).host);
  // Said while the extension reloads: it must arrive exactly once, live or over REST.
  await say('during the update');

  const after = await workerOf(context, version);
  const oneNewSocket = async () => {
    const open = await openSockets();
    return open.length === 1 && open[0]!.id !== oldSocket!.id;
  };
  await expect.poll(oneNewSocket, { timeout: 10_000, intervals: [50], message: 'one new socket, the old one gone' }).toBe(true);
  console.info(`  live again ${Date.now() - updatedAt} ms after the update`);
  await expect.poll(() => lines.some((line) => line.includes('updated') && line.includes(version))).toBe(true);
  await expect.poll(() => storedBodies(after, ['before the update', 'during the update'])).toEqual([1, 1]);
  await say('after the update');
  await expect.poll(() => storedBodies(after, ['before the update', 'during the update', 'after the update'])).toEqual([1, 1, 1]);
  const kept = await storeDump(after);
  expect(kept.rooms.length).toBe(cached.rooms.length);
  expect(kept.messages.length).toBe(cached.messages.length + 2);
  expect(new Set(kept.messages.map((m) => m.id)).size).toBe(kept.messages.length);
  await context.close();
});
