import type { BrowserContext, Worker } from '@playwright/test';
import { countText } from '../lib/badge/badge';
import { badgeText, communityStatus, signIn, statusBoard, storedTokens } from './circle';
import {
  cacheCounts,
  communitiesFixture,
  expectedEvidence,
  messageIdsOf,
  newNotifications,
  notifyMember,
  openSockets,
  refused,
  roomWithOther,
  say,
  settingsFor,
  socketEvidence,
  storeCommunity,
  tokenKeys,
  type TestCommunity,
  type TwoCommunities,
} from './communities';
import { test as extensionTest, expect, optionsPages } from './fixtures';
import { openPopup } from './popup-page';

/**
 * Issue 18's session in real Chromium: two communities, each its own local Circle, both on
 * 127.0.0.1 (one cable host for the header rule, which matches the hostname, not the port).
 */
const test = extensionTest.extend(communitiesFixture);

const shownAlerts = (worker: Worker) => worker.evaluate(async () => Object.keys(await chrome.notifications.getAll()));
const badgeTitle = (worker: Worker) => worker.evaluate(() => chrome.action.getTitle({}));
const clickAlert = (worker: Worker, id: string) =>
  worker.evaluate((alert) => (globalThis as unknown as { circleLiveTest: { clickAlert(id: string): Promise<void> } }).circleLiveTest.clickAlert(alert), id);

/** An alert of this community about this room (or notification): its id is `<key>/<what it is about>`. */
const alertOf = (community: TestCommunity, about: string) => new RegExp(`^${community.key}/${about.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

/** Both communities live, each on one socket, with the sign-in sync finished: what every test starts from. */
async function bothLive(worker: Worker, communities: TwoCommunities): Promise<void> {
  await signIn(worker, settingsFor(communities));
  for (const community of communities) {
    await expect.poll(async () => (await openSockets(community)).length, { timeout: 20_000, message: `one socket at ${community.name}'s Circle` }).toBe(1);
  }
  await expect
    .poll(async () => (await statusBoard(worker))?.communities.map((s) => [s.key, s.label, s.phase, s.sync?.finishedAt !== undefined && !s.sync.error]), { timeout: 25_000 })
    .toEqual(communities.map((c) => [c.key, c.name, 'live', true]));
}

/** Which member, which token (by digest) and which URL mark each community's open socket showed its Circle. */
async function evidence(worker: Worker, communities: TwoCommunities) {
  return Promise.all(
    communities.map(async (community) => ({
      sockets: (await openSockets(community)).map(socketEvidence),
      expected: [expectedEvidence(community, (await storedTokens(worker, community.key))!.accessToken)],
      refused: await refused(community),
    })),
  );
}

async function serveCommunities(context: BrowserContext, communities: TwoCommunities) {
  for (const community of communities) {
    await context.route(`${community.origin}/**`, (route) => route.fulfill({ contentType: 'text/html', body: `<title>${community.name}</title>` }));
  }
}

test('two communities on one cable host: both live, each socket with its own member’s token, the badge their sum, the switcher’s counts, an alert from each', async ({ context, serviceWorker, extensionId, communities }) => {
  const [a, b] = communities;
  // The second member starts with news of their own, so the sum is not one community's count.
  await notifyMember(b);
  await notifyMember(b);
  await bothLive(serviceWorker, communities);

  // Each Circle saw one socket: its own member, the digest of the token stored for that
  // community, that community's mark, nothing else in the URL; and it turned nothing away.
  for (const [index, seen] of (await evidence(serviceWorker, communities)).entries()) {
    const community = communities[index]!;
    console.info(`  ${community.name} (${community.key}): sockets ${JSON.stringify(seen.sockets)}, refused ${JSON.stringify(seen.refused)}`);
    expect(seen.sockets, `${community.name}'s Circle`).toEqual(seen.expected);
    expect(seen.refused, `handshakes ${community.name}'s Circle turned away`).toEqual([]);
  }
  expect(await serviceWorker.evaluate(tokenKeys)).toEqual([`tokens:${a.key}`, `tokens:${b.key}`].sort());

  // The badge: each community's count as Circle has it, summed; the title names each.
  const counts = [await newNotifications(a), await newNotifications(b)];
  expect(counts[1]).toBe(2);
  await expect.poll(async () => [(await communityStatus(serviceWorker, a.key))?.count, (await communityStatus(serviceWorker, b.key))?.count]).toEqual(counts);
  await expect.poll(() => badgeText(serviceWorker)).toBe(countText(counts[0]! + counts[1]!));
  const title = await badgeTitle(serviceWorker);
  for (const community of communities) expect(title).toContain(community.name);
  const news = await notifyMember(b);
  await expect.poll(() => badgeText(serviceWorker)).toBe(countText(counts[0]! + news.count));

  // The popup's switcher: both communities by name, each with its own count, the shown one checked.
  const popup = await openPopup(context, extensionId);
  const switcher = popup.getByRole('button', { name: /switch community/ });
  await switcher.click();
  const entries = popup.getByRole('menu', { name: 'Communities' }).getByRole('menuitemradio');
  await expect(entries).toHaveCount(2);
  for (const [index, community] of communities.entries()) {
    const count = index === 0 ? counts[0]! : news.count;
    // Chromium puts a space before the visually hidden part (it is blockified): "name , 3 new".
    await expect(entries.nth(index)).toHaveAccessibleName(count > 0 ? `${community.name} , ${count} new` : community.name);
  }
  await expect(popup.getByRole('menuitemradio', { checked: true })).toHaveCount(1);
  await popup.keyboard.press('Escape');
  await expect(switcher).toBeFocused();
  await popup.close();

  // An alert from each community, told apart by its key; a click opens the room in its own community.
  await serveCommunities(context, communities);
  const inA = roomWithOther(a);
  const inB = roomWithOther(b);
  await say(a, inA.room.uuid, inA.sender, 'From the first community');
  await say(b, inB.room.uuid, inB.sender, 'From the second community');
  await expect.poll(() => shownAlerts(serviceWorker)).toEqual(
    expect.arrayContaining([expect.stringMatching(alertOf(a, `room:${inA.room.uuid}`)), expect.stringMatching(alertOf(b, `room:${inB.room.uuid}`))]),
  );
  const alertInB = (await shownAlerts(serviceWorker)).find((id) => alertOf(b, `room:${inB.room.uuid}`).test(id))!;
  await clickAlert(serviceWorker, alertInB);
  await expect.poll(() => context.pages().map((page) => page.url())).toContain(`${b.origin}/messages/${inB.room.uuid}`);
});

test('one community’s Circle killed: the other stays live on the same socket and keeps receiving', async ({ serviceWorker, communities }) => {
  const [a, b] = communities;
  await bothLive(serviceWorker, communities);
  const [socketOfB] = await openSockets(b);

  await a.sim.stop();
  await expect.poll(async () => (await communityStatus(serviceWorker, a.key))?.phase, { timeout: 20_000, message: 'the killed community is no longer live' }).not.toBe('live');
  const inB = roomWithOther(b, 1);
  const { id } = await say(b, inB.room.uuid, inB.sender, 'Still here');
  await expect.poll(() => serviceWorker.evaluate(messageIdsOf, storeCommunity(b))).toContain(id);
  await expect.poll(() => shownAlerts(serviceWorker)).toContainEqual(expect.stringMatching(alertOf(b, `room:${inB.room.uuid}`)));
  const news = await notifyMember(b);
  await expect.poll(async () => (await communityStatus(serviceWorker, b.key))?.count).toBe(news.count);
  expect(await communityStatus(serviceWorker, b.key)).toMatchObject({ phase: 'live' });
  // Not even a reconnect: the socket the other community had before is the one it has now.
  expect((await openSockets(b)).map((s) => s.id)).toEqual([socketOfB!.id]);
  expect(await refused(b)).toEqual([]);
});

test('signing out of one community leaves the other untouched: its tokens, its cache, its socket', async ({ context, serviceWorker, communities }) => {
  const [a, b] = communities;
  await bothLive(serviceWorker, communities);
  const tokensOfA = (await storedTokens(serviceWorker, a.key))!;
  const tokensOfB = (await storedTokens(serviceWorker, b.key))!;
  const cacheBefore = await serviceWorker.evaluate(cacheCounts);
  expect(cacheBefore[storeCommunity(a)]?.rooms).toBeGreaterThan(0);
  expect(cacheBefore[storeCommunity(b)]?.rooms).toBeGreaterThan(0);
  const [socketOfB] = await openSockets(b);

  const page = optionsPages(context)[0]!;
  expect(await page.evaluate((key) => chrome.runtime.sendMessage({ to: 'brain', kind: 'sign-out', key }), a.key)).toEqual({ ok: true, revoked: true });

  // The first community: revoked at its Circle, its socket closed, its tokens and cache gone.
  await expect.poll(async () => (await openSockets(a)).length).toBe(0);
  const member = await fetch(`${a.sim.url}/api/headless/v1/community_member`, { headers: { Authorization: `Bearer ${tokensOfA.accessToken}` } });
  expect(member.status).toBe(401);
  expect(await serviceWorker.evaluate(tokenKeys)).toEqual([`tokens:${b.key}`]);
  const cacheAfter = await serviceWorker.evaluate(cacheCounts);
  expect(cacheAfter[storeCommunity(a)]).toBeUndefined();
  expect((await communityStatus(serviceWorker, a.key))?.phase).not.toBe('live');

  // The second: the same tokens, the same cache, the same socket, its rule still carrying its token.
  expect(await storedTokens(serviceWorker, b.key)).toEqual(tokensOfB);
  expect(cacheAfter[storeCommunity(b)]).toEqual(cacheBefore[storeCommunity(b)]);
  expect((await openSockets(b)).map(socketEvidence)).toEqual([expectedEvidence(b, tokensOfB.accessToken)]);
  expect((await openSockets(b))[0]!.id).toBe(socketOfB!.id);
  const headers = await serviceWorker.evaluate(async () =>
    (await chrome.declarativeNetRequest.getSessionRules()).flatMap((rule) => (rule.action.requestHeaders ?? []).filter((h) => h.header.toLowerCase() === 'authorization').map((h) => h.value)),
  );
  expect(headers.includes(`Bearer ${tokensOfB.accessToken}`)).toBe(true);
  expect(headers.includes(`Bearer ${tokensOfA.accessToken}`)).toBe(false);
  expect(await communityStatus(serviceWorker, b.key)).toMatchObject({ phase: 'live' });
  // And it still receives.
  const inB = roomWithOther(b, 2);
  const { id } = await say(b, inB.room.uuid, inB.sender, 'After the other sign-out');
  await expect.poll(() => serviceWorker.evaluate(messageIdsOf, storeCommunity(b))).toContain(id);
});
