import type { BrowserContext, Worker } from '@playwright/test';
import { DEMO, demoSettings, extensionStatus, liveConnection, localCircle, signIn, storeDump, syncFinished, type Simulator } from './circle';
import { expect, stopServiceWorkers, test } from './fixtures';
import { convergence } from './truth';

/**
 * Storage faults: whatever the socket host handed the brain and the brain could not store is
 * not acknowledged, so the host keeps it and sends it again; once storage works, every message
 * Circle sent meanwhile is in the cache, the status told what happened, and nobody did anything.
 *
 * Chromium's quota override (CDP `Storage.overrideQuotaForOrigin`) reaches the Cache API but
 * not IndexedDB (Chromium 156: 2.6 MB committed under a 1,000-byte quota), so a full disk is
 * played by the local build failing each commit with a real `QuotaExceededError` abort, and a
 * failing open by failing the database open, counted in storage so it holds across a wake.
 */
let sim: Simulator;
test.beforeEach(async () => {
  sim = await localCircle();
});
test.afterEach(async () => {
  await sim.stop();
});

type Status = { phase: string; reason?: { code: string; detail?: string }; storage?: { problem?: string; error?: string; last?: { problem: string; error?: string; clearedAt: number } } };
const status = async (worker: Worker) => (await extensionStatus(worker)) as Status | undefined;

async function ready(worker: Worker) {
  await signIn(worker, demoSettings(sim));
  await liveConnection(sim);
  await expect.poll(() => syncFinished(worker), { timeout: 20_000 }).toBe(true);
}

/** Other members write in the demo member's rooms; the bodies are what must come out of the cache, and never out of a log. */
function post(count: number, tag: string): string[] {
  const rooms = sim.community.roomsOf(DEMO.memberId);
  const bodies: string[] = [];
  for (let i = 0; i < count; i++) {
    const room = rooms[i % rooms.length]!;
    const sender = room.participants.find((p) => p.memberId !== DEMO.memberId)!.memberId;
    const body = `${tag} ${i}`;
    sim.control.postMessage({ chatRoomUuid: room.uuid, senderMemberId: sender, body });
    bodies.push(body);
  }
  return bodies;
}

const failCommits = (worker: Worker, name: string | undefined) =>
  worker.evaluate((value) => (globalThis as unknown as { circleLiveStorage: { failCommits(name: string | undefined): void } }).circleLiveStorage.failCommits(value), name);

const storedBodies = async (worker: Worker, tag: string) => (await storeDump(worker)).messages.filter((m) => m.body.startsWith(tag)).map((m) => m.body).sort();

/** Waits for them all; the time it took goes in the report as a figure. */
async function everyMessageStored(worker: Worker, tag: string, bodies: string[], after: string, timeout = 40_000) {
  const from = Date.now();
  await expect.poll(() => storedBodies(worker, tag), { timeout, intervals: [250] }).toEqual([...bodies].sort());
  test.info().annotations.push({ type: 'figure', description: `${bodies.length} messages stored ${Date.now() - from} ms after ${after}` });
  await expect.poll(() => convergence(sim, worker), { timeout: 20_000, intervals: [500] }).toEqual([]);
}

/** Every console line of the extension's contexts, as text and as its logged data. */
function consoleLines(context: BrowserContext): string[] {
  const lines: string[] = [];
  context.on('console', (line) => {
    lines.push(line.text());
    void Promise.all(line.args().map((arg) => arg.jsonValue().catch(() => ''))).then((values) => lines.push(JSON.stringify(values)));
  });
  return lines;
}

test('storage full mid-burst: held, reported, and stored once it has room again — and no log line holds a message or a name', async ({ context, serviceWorker }) => {
  await ready(serviceWorker);
  const lines = consoleLines(context);
  const before = post(100, 'before full');
  await failCommits(serviceWorker, 'QuotaExceededError');
  const during = post(300, 'while full');
  await expect.poll(async () => (await status(serviceWorker))?.storage, { timeout: 15_000 }).toMatchObject({ problem: 'write', error: 'QuotaExceededError' });
  expect((await status(serviceWorker))?.phase).toBe('live');
  await failCommits(serviceWorker, undefined);
  await everyMessageStored(serviceWorker, 'while full', during, 'the storage had room again');
  expect(await storedBodies(serviceWorker, 'before full')).toEqual([...before].sort());
  const after = await status(serviceWorker);
  expect(after?.storage?.problem).toBeUndefined();
  expect(after?.storage?.last).toMatchObject({ problem: 'write', error: 'QuotaExceededError' });

  expect(lines.some((line) => line.includes('could not store a batch'))).toBe(true);
  // Direct rooms have no name of their own (empty): they show the other member's.
  const names = [...sim.community.members.values()].map((m) => m.name).concat(sim.community.roomsOf(DEMO.memberId).map((r) => r.name)).filter((name) => name.length >= 3);
  expect(names.length).toBeGreaterThan(3);
  const leaks = lines.filter((line) => line.includes('before full') || line.includes('while full') || names.some((name) => line.includes(name)));
  expect(leaks).toEqual([]);
});

test('the database fails to open on a wake: held, reported, and opened again by itself', async ({ context, serviceWorker }) => {
  await ready(serviceWorker);
  await serviceWorker.evaluate(() => chrome.storage.local.set({ 'circleLiveTest.failOpens': 2 }));
  await stopServiceWorkers(context);
  // What arrives now wakes the worker, whose boot cannot open the database.
  const bodies = post(60, 'while closed');
  await everyMessageStored(serviceWorker, 'while closed', bodies, 'they were sent to a worker that failed to open the database twice');
  expect(await serviceWorker.evaluate(async () => (await chrome.storage.local.get('circleLiveTest.failOpens'))['circleLiveTest.failOpens'])).toBe(0);
  await expect.poll(async () => (await status(serviceWorker))?.phase).toBe('live');
  const after = await status(serviceWorker);
  expect(after?.storage?.problem).toBeUndefined();
  expect(after?.storage?.last).toMatchObject({ problem: 'open', error: 'UnknownError' });
});

test('the worker stopped between "received" and "stored": the host sends it all again', async ({ context, serviceWorker }) => {
  await ready(serviceWorker);
  await failCommits(serviceWorker, 'QuotaExceededError');
  const bodies = post(200, 'received not stored');
  // The brain has had them: it said it could not store them.
  await expect.poll(async () => (await status(serviceWorker))?.storage?.problem, { timeout: 15_000 }).toBe('write');
  expect(await storedBodies(serviceWorker, 'received not stored')).toEqual([]);
  // The fault lives in the worker and goes with it; what it held was never acknowledged.
  await stopServiceWorkers(context);
  await everyMessageStored(serviceWorker, 'received not stored', bodies, 'the worker holding them unstored was stopped');
});

test('the browser closes the database under the worker (site data cleared): the next batch opens it again', async ({ context, serviceWorker, extensionId }) => {
  await ready(serviceWorker);
  const lines = consoleLines(context);
  const page = context.pages()[0]!;
  const cdp = await context.newCDPSession(page);
  // Chromium force-closes every open connection to a database it clears: idb's `terminated`.
  await cdp.send('Storage.clearDataForOrigin', { origin: `chrome-extension://${extensionId}`, storageTypes: 'indexeddb' });
  await cdp.detach();
  await expect.poll(() => lines.some((line) => line.includes('the browser closed the database')), { timeout: 10_000 }).toBe(true);
  const bodies = post(40, 'after clearing');
  // Reading it before the extension made it again would create an empty database (an open without a version).
  await expect.poll(() => serviceWorker.evaluate(async () => (await indexedDB.databases()).some((db) => db.name === 'circle-live')), { timeout: 20_000 }).toBe(true);
  await expect.poll(() => storedBodies(serviceWorker, 'after clearing'), { timeout: 20_000, intervals: [250] }).toEqual([...bodies].sort());
  expect((await status(serviceWorker))?.storage?.problem).toBeUndefined();
});

test('a frame over 1 MB is set aside and counted; a large message is stored cut; what follows is stored', async ({ serviceWorker }) => {
  await ready(serviceWorker);
  const room = sim.community.roomsOf(DEMO.memberId)[0]!;
  const sender = room.participants.find((p) => p.memberId !== DEMO.memberId)!.memberId;
  const send = (body: string) => sim.control.postMessage({ chatRoomUuid: room.uuid, senderMemberId: sender, body }).id;
  const huge = send('h'.repeat(1_200_000));
  const large = send('l'.repeat(200_000));
  const after = send('after the big ones');
  await expect.poll(async () => (await storeDump(serviceWorker)).messages.some((m) => m.id === after), { timeout: 15_000 }).toBe(true);
  const messages = (await storeDump(serviceWorker)).messages as { id: number; body: string; truncated?: boolean }[];
  expect(messages.some((m) => m.id === huge)).toBe(false);
  const cut = messages.find((m) => m.id === large);
  expect(cut?.truncated).toBe(true);
  expect(cut!.body.length).toBeLessThan(200_000);
  const oversize = await serviceWorker.evaluate(async (community) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('circle-live');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const row = await new Promise<{ value: number } | undefined>((resolve) => {
      const request = db.transaction('diagnostics').objectStore('diagnostics').get([community, 'oversize']);
      request.onsuccess = () => resolve(request.result as { value: number } | undefined);
    });
    db.close();
    return row?.value;
  }, `${new URL(sim.url).origin}/${DEMO.memberId}`);
  // Once per channel it came on: the member's room channel and the room's own.
  expect(oversize).toBeGreaterThanOrEqual(1);
});
