import type { BrowserContext, Worker } from '@playwright/test';
import { connections, control, DEMO, demoSettings, extensionStatus, liveConnection, localCircle, signIn, storedTokens, syncFinished, type Simulator } from './circle';
import { expect, optionsPages, stopServiceWorkers, test } from './fixtures';
import { communityKey } from '../lib/settings/schema';

/**
 * One sign-out for every state the extension can be in: whatever came before, it leaves no
 * token (storage.local or storage.session), no cached record (the real IndexedDB), no header
 * rule and no popup snapshot behind, and revokes at Circle what it can still reach.
 */
const sims: Simulator[] = [];
test.afterEach(async () => {
  await Promise.all(sims.splice(0).map((sim) => sim.stop()));
});

async function circle(): Promise<Simulator> {
  const sim = await localCircle();
  sims.push(sim);
  return sim;
}

/** Everything sign-out must remove, read where it lives. */
function leftovers(worker: Worker) {
  return worker.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('circle-live');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const records: Record<string, number> = {};
    for (const name of Array.from(db.objectStoreNames)) {
      records[name] = await new Promise<number>((resolve, reject) => {
        const request = db.transaction(name).objectStore(name).count();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    }
    db.close();
    const local = await chrome.storage.local.get(null);
    const session = await chrome.storage.session.get(null);
    return {
      tokens: [...Object.keys(local).filter((key) => key.startsWith('tokens:')), ...Object.keys(session).filter((key) => key.startsWith('tokens:'))],
      firstScreen: 'firstScreen' in session,
      rules: (await chrome.declarativeNetRequest.getSessionRules()).length,
      records,
    };
  });
}

const nothingLeft = { tokens: [], firstScreen: false, rules: 0, records: { rooms: 0, pages: 0, threads: 0, notifications: 0, counters: 0, marks: 0, diagnostics: 0 } };

async function signOut(context: BrowserContext): Promise<{ ok: boolean; revoked?: boolean }> {
  const page = optionsPages(context)[0]!;
  return page.evaluate(() => chrome.runtime.sendMessage({ to: 'brain', kind: 'sign-out' }));
}

/** Live, synced, the popup's snapshot written: everything sign-out has to undo is there. */
async function liveAndCached(worker: Worker, sim: Simulator, auth?: Record<string, unknown>) {
  await signIn(worker, demoSettings(sim, auth));
  await liveConnection(sim);
  await expect.poll(() => syncFinished(worker), { timeout: 20_000 }).toBe(true);
  await expect.poll(async () => (await leftovers(worker)).firstScreen).toBe(true);
  const before = await leftovers(worker);
  expect(before.rules).toBe(1);
  expect(before.records.pages).toBeGreaterThan(0);
  return (await storedTokens(worker, sim))!;
}

/** Circle itself refuses the token: revoked, not merely forgotten. */
async function refused(sim: Simulator, accessToken: string): Promise<boolean> {
  const response = await fetch(`${sim.url}/api/headless/v1/community_member`, { headers: { Authorization: `Bearer ${accessToken}` } });
  return response.status === 401;
}

test('from live: revoked at Circle, nothing left', async ({ context, serviceWorker }) => {
  const sim = await circle();
  const tokens = await liveAndCached(serviceWorker, sim);
  expect(await signOut(context)).toEqual({ ok: true, revoked: true });
  expect(await leftovers(serviceWorker)).toEqual(nothingLeft);
  expect(await refused(sim, tokens.accessToken)).toBe(true);
  await expect.poll(() => extensionStatus(serviceWorker)).toMatchObject({ phase: 'not-set-up' });
});

test('signed out by Circle, then the worker restarted: the cache goes too', async ({ context, serviceWorker }) => {
  const sim = await circle();
  const pair = await control<{ access_token: string; refresh_token: string }>(sim, 'tokens', { community_member_id: DEMO.memberId });
  await liveAndCached(serviceWorker, sim, { mode: 'tokens', accessToken: pair.access_token, refreshToken: pair.refresh_token });
  await control(sim, 'revoke', { token: pair.refresh_token });
  await control(sim, 'revoke', { token: pair.access_token });
  await expect.poll(() => extensionStatus(serviceWorker), { timeout: 15_000 }).toMatchObject({ phase: 'signed-out' });
  const { startedAt } = (await extensionStatus(serviceWorker))!;

  await stopServiceWorkers(context);
  expect(await signOut(context)).toEqual({ ok: true, revoked: true });
  // A new worker did it: the old one had the cache in hand, this one knows it only from storage.
  expect((await extensionStatus(serviceWorker))!.startedAt).toBeGreaterThan(startedAt);
  expect(await leftovers(serviceWorker)).toEqual(nothingLeft);
});

test('with settings that no longer validate: the stored pair is revoked and removed', async ({ context, serviceWorker }) => {
  const sim = await circle();
  const tokens = await liveAndCached(serviceWorker, sim);
  await signIn(serviceWorker, { ...demoSettings(sim), origin: 'not a url' });
  await expect.poll(() => extensionStatus(serviceWorker)).toMatchObject({ phase: 'not-set-up', reason: { code: 'settings_incomplete', detail: expect.stringContaining('origin') } });
  expect(await signOut(context)).toEqual({ ok: true, revoked: true });
  expect(await leftovers(serviceWorker)).toEqual(nothingLeft);
  expect(await refused(sim, tokens.accessToken)).toBe(true);
});

test('without the host permission: removed here, and the options page says Circle was not told', async ({ context, serviceWorker }) => {
  // A Circle on its own domain whose permission is not granted; what was kept for it is still here.
  const circleUrl = 'https://circle.invalid';
  const requests: string[] = [];
  context.on('request', (request) => void (request.url().startsWith(circleUrl) && requests.push(request.url())));
  await serviceWorker.evaluate(async (url) => {
    const community = `${url}/${7}`;
    await chrome.storage.local.set({ [`tokens:${url}`]: { accessToken: 'kept-access', refreshToken: 'kept-refresh', accessTokenExpiresAt: Date.now() + 3_600_000, seed: 'x' } });
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('circle-live');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('pages', 'readwrite');
      tx.objectStore('pages').put({ community, roomUuid: 'r', lastAt: 1, lastId: 1, messages: [{ community, id: 1, roomUuid: 'r', sentAt: 1, body: 'kept' }], ids: [[community, 1]] });
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, circleUrl);
  await signIn(serviceWorker, { circleUrl, origin: circleUrl, auth: { mode: 'tokens', accessToken: 'kept-access', refreshToken: 'kept-refresh' } });
  await expect.poll(() => extensionStatus(serviceWorker)).toMatchObject({ phase: 'error', reason: { code: 'host_permission_missing' } });
  expect((await leftovers(serviceWorker)).records.pages).toBe(1);

  // From the options page, which says that Circle could not be told.
  const page = optionsPages(context)[0]!;
  await page.reload();
  await page.getByRole('button', { name: 'Sign out…' }).click();
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Signed out of circle\.invalid in this browser.*Circle was not asked to revoke the tokens/ })).toBeVisible();
  expect(await leftovers(serviceWorker)).toEqual(nothingLeft);
  expect(requests).toEqual([]);
});

test('after a community switch: the old Circle revoked and forgotten at once, then nothing left', async ({ context, serviceWorker }) => {
  const first = await circle();
  const second = await circle();
  const old = await liveAndCached(serviceWorker, first);
  const oldCommunity = `${new URL(first.url).origin}/${DEMO.memberId}`;

  await signIn(serviceWorker, demoSettings(second));
  await liveConnection(second);
  await expect.poll(() => syncFinished(serviceWorker), { timeout: 20_000 }).toBe(true);
  // The switch alone: no old refresh token, no old cache, the old tokens refused by the old Circle.
  await expect.poll(async () => (await leftovers(serviceWorker)).tokens).toEqual([`tokens:${communityKey(DEMO.origin)}`]);
  expect(await storedTokens(serviceWorker, second)).toBeDefined();
  const cachedCommunities = await serviceWorker.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('circle-live');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const keys = await new Promise<IDBValidKey[]>((resolve, reject) => {
      const request = db.transaction('pages').objectStore('pages').getAllKeys();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return [...new Set(keys.map((key) => (key as [string])[0]))];
  });
  expect(cachedCommunities).not.toContain(oldCommunity);
  expect(cachedCommunities.length).toBe(1);
  expect(await refused(first, old.accessToken)).toBe(true);
  // The replaced session points nothing at the old Circle: no socket there, the rule carries the new token.
  expect((await connections(first)).filter((c) => c.state === 'open')).toEqual([]);
  const rules = await serviceWorker.evaluate(() => chrome.declarativeNetRequest.getSessionRules());
  const authorization = rules.flatMap((rule) => rule.action.requestHeaders ?? []).find((h) => h.header === 'Authorization')?.value;
  expect(authorization === `Bearer ${(await storedTokens(serviceWorker, second))!.accessToken}`).toBe(true);

  expect(await signOut(context)).toEqual({ ok: true, revoked: true });
  expect(await leftovers(serviceWorker)).toEqual(nothingLeft);
});
