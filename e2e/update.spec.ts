import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Worker } from '@playwright/test';
import { launchWithExtension } from '../scripts/chromium';
import { tokenDigest } from '../simulator';
import { connections, control, DEMO, demoSettings, keyOf, localCircle, refusedHandshakes, signIn, statusBoard, storeDump, storedTokens, syncFinished, type Simulator } from './circle';
import { expect, extensionDir, test } from './fixtures';
import { chatRows, POPUP_VIEWPORT } from './popup-page';
import { PER_MESSAGE_RELEASE, previousBuild, SINGLE_COMMUNITY_RELEASE } from './previous-release';

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

/** Signed in, on one socket, synced, and "before the update" said by another member and stored: what each update starts from. */
async function liveWithAMessage(worker: Worker): Promise<(body: string) => Promise<unknown>> {
  await signIn(worker, demoSettings(sim));
  await expect.poll(async () => (await openSockets()).length, { timeout: 15_000 }).toBe(1);
  await expect.poll(() => syncFinished(worker), { timeout: 20_000 }).toBe(true);
  const room = sim.community.roomsOf(DEMO.memberId)[0]!;
  const sender = room.participants.find((p) => p.memberId !== DEMO.memberId)!.memberId;
  const say = (body: string) => control(sim, 'messages', { chat_room_uuid: room.uuid, sender_member_id: sender, body });
  await say('before the update');
  await expect.poll(() => storedBodies(worker, ['before the update'])).toEqual([1]);
  return say;
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

/** An unpacked extension loaded from its own folder, whose contents are replaced at the update. */
async function installed(from: string) {
  const extension = temporary('circle-live-update-ext-');
  cpSync(from, extension, { recursive: true });
  // Loading the folder again over CDP is how an unpacked extension is updated in place.
  const context = await launchWithExtension(extension, temporary('circle-live-update-profile-'), { args: ['--enable-unsafe-extension-debugging'] });
  const lines: string[] = [];
  context.on('console', (line) => lines.push(line.text()));
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return { extension, context, lines, worker };
}

/** The current build put in the extension's folder under a higher version, and loaded over CDP. */
async function updateTo(context: BrowserContext, extension: string, before: Worker): Promise<{ version: string; updatedAt: number }> {
  rmSync(extension, { recursive: true, force: true });
  cpSync(extensionDir, extension, { recursive: true });
  const manifestPath = join(extension, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { version: string };
  const version = `${manifest.version}.1`;
  writeFileSync(manifestPath, JSON.stringify({ ...manifest, version }));
  const cdp = await context.browser()!.newBrowserCDPSession();
  const updatedAt = Date.now();
  const { id } = (await cdp.send('Extensions.loadUnpacked' as never, { path: extension } as never)) as { id: string };
  expect(id).toBe(new URL(before.url()).host);
  return { version, updatedAt };
}

test('an update while live keeps the cache, comes back on one socket and stores no message twice', async () => {
  const { extension, context, lines, worker: before } = await installed(extensionDir);
  const say = await liveWithAMessage(before);
  const cached = await storeDump(before);
  const [oldSocket] = await openSockets();

  const { version, updatedAt } = await updateTo(context, extension, before);
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

/**
 * From the release with one community (top-level settings, `tokens:<circle origin>`, one
 * status record) to the list of communities: the same tokens carry on, so no new sign-in,
 * and the cache that release wrote is the one the update reads.
 */
test('an update from the single-community release keeps its sign-in and its cache, and goes live as a list of one', async () => {
  test.setTimeout(180_000);
  const { extension, context, worker: before } = await installed(await previousBuild(SINGLE_COMMUNITY_RELEASE));
  const say = await liveWithAMessage(before);
  // What that release left: its settings, its token key and its status shape.
  const oldKey = `tokens:${new URL(sim.url).origin}`;
  const left = await before.evaluate(() => chrome.storage.local.get(null));
  expect(left.settings).toMatchObject({ circleUrl: sim.url, origin: DEMO.origin, auth: { mode: 'appToken' } });
  expect(Object.keys(left).filter((key) => key.startsWith('tokens:'))).toEqual([oldKey]);
  expect(left.status).toMatchObject({ phase: 'live' });
  expect(left.status).not.toHaveProperty('communities');
  const oldTokens = left[oldKey] as { accessToken: string };
  const cached = await storeDump(before);
  const [oldSocket] = await openSockets();
  expect(oldSocket!.token_digest).toBe(tokenDigest(oldTokens.accessToken));

  const { version } = await updateTo(context, extension, before);
  const after = await workerOf(context, version);
  await expect
    .poll(async () => (await openSockets()).map((s) => [s.id === oldSocket!.id, s.token_digest, s.cable_mark]), { timeout: 15_000, message: 'one new socket, on the same token, marked' })
    .toEqual([[false, tokenDigest(oldTokens.accessToken), keyOf(sim)]]);
  await expect.poll(async () => (await statusBoard(after))?.communities.map((s) => [s.key, s.phase])).toEqual([[keyOf(sim), 'live']]);
  // The tokens moved to the community's key, unchanged: Circle was not asked for new ones.
  const tokenKeys = await after.evaluate(async () => Object.keys(await chrome.storage.local.get(null)).filter((key) => key.startsWith('tokens:')));
  expect(tokenKeys).toEqual([`tokens:${keyOf(sim)}`]);
  expect((await storedTokens(after, sim))?.accessToken === oldTokens.accessToken).toBe(true);
  expect(await refusedHandshakes(sim)).toEqual([]);

  await say('after the update');
  await expect.poll(() => storedBodies(after, ['before the update', 'after the update'])).toEqual([1, 1]);
  const kept = await storeDump(after);
  expect(kept.rooms.map((r) => r.uuid).sort()).toEqual(cached.rooms.map((r) => r.uuid).sort());
  expect(kept.messages.length).toBe(cached.messages.length + 1);
  expect(kept.notifications.map((n) => n.id).sort()).toEqual(cached.notifications.map((n) => n.id).sort());
  await context.close();
});

/**
 * From the release that stored a record per message (schema v2) to pages (v3): the upgrade
 * moves every cached message into its room's pages, and the popup's room shows them.
 */
test('an update from the per-message release keeps every cached message, shown in the popup\'s room', async () => {
  test.setTimeout(180_000);
  const { extension, context, worker: before } = await installed(await previousBuild(PER_MESSAGE_RELEASE));
  const say = await liveWithAMessage(before);
  const cached = await storeDump(before);
  const storesBefore = await before.evaluate(
    () =>
      new Promise<string[]>((resolve) => {
        indexedDB.open('circle-live').onsuccess = (event) => {
          const db = (event.target as IDBOpenDBRequest).result;
          resolve(Array.from(db.objectStoreNames));
          db.close();
        };
      }),
  );
  expect(storesBefore).toContain('messages');

  const { version } = await updateTo(context, extension, before);
  const after = await workerOf(context, version);
  await expect.poll(async () => (await statusBoard(after))?.communities.map((s) => s.phase)).toEqual(['live']);
  const kept = await storeDump(after);
  expect(kept.messages.map((m) => m.id).sort((a, b) => a - b)).toEqual(cached.messages.map((m) => m.id).sort((a, b) => a - b));

  const page = await context.newPage();
  await page.setViewportSize(POPUP_VIEWPORT);
  await page.goto(`chrome-extension://${new URL(after.url()).host}/popup.html`);
  await chatRows(page).filter({ hasText: 'before the update' }).click();
  await expect(page.getByRole('log').getByText('before the update')).toBeVisible();
  await say('after the update');
  await expect(page.getByRole('log').getByText('after the update')).toBeVisible();
  expect(await storedBodies(after, ['before the update', 'after the update'])).toEqual([1, 1]);
  await context.close();
});
