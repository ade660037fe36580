import { countText } from '../../lib/badge/badge';
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
} from '../communities';
import { expect, test as firefoxTest } from './fixtures';
import type { FirefoxSession } from './harness';

/**
 * e2e/communities.spec.ts in Firefox ESR: two communities, each its own local Circle on
 * 127.0.0.1, where the socket lives in the event page and the header rule sees ws:// as http://.
 */
const test = firefoxTest.extend(communitiesFixture);

const tokensOf = (firefox: FirefoxSession, community: TestCommunity) => firefox.storedTokens(community.key);

test('two communities on one cable host: both live on their own tokens, the badge their sum; signing out of one leaves the other', async ({ firefox, communities }) => {
  const [a, b] = communities;
  await notifyMember(b);
  await firefox.setSettings(settingsFor(communities));
  for (const community of communities) {
    await expect.poll(async () => (await openSockets(community)).length, { timeout: 20_000, message: `one socket at ${community.name}'s Circle` }).toBe(1);
  }
  await expect
    .poll(async () => (await firefox.board())?.communities.map((s) => [s.key, s.phase, s.sync?.finishedAt !== undefined && !s.sync.error]), { timeout: 25_000 })
    .toEqual(communities.map((c) => [c.key, 'live', true]));

  // Each Circle saw its own member's token (by digest) and its own mark, and turned nothing away.
  for (const community of communities) {
    const sockets = (await openSockets(community)).map(socketEvidence);
    console.info(`  ${community.name} (${community.key}): sockets ${JSON.stringify(sockets)}, refused ${JSON.stringify(await refused(community))}`);
    expect(sockets, `${community.name}'s Circle`).toEqual([expectedEvidence(community, (await tokensOf(firefox, community))!.accessToken)]);
    expect(await refused(community), `handshakes ${community.name}'s Circle turned away`).toEqual([]);
  }

  const counts = [await newNotifications(a), await newNotifications(b)];
  await expect.poll(() => firefox.badgeText()).toBe(countText(counts[0]! + counts[1]!));
  const news = await notifyMember(a);
  await expect.poll(() => firefox.badgeText()).toBe(countText(news.count + counts[1]!));

  // Signing out of the first: its tokens, cache and socket go; the second keeps all three.
  const bridge = await firefox.bridge();
  const tokensOfB = (await tokensOf(firefox, b))!;
  const cacheBefore = await bridge.evaluate(cacheCounts);
  const [socketOfB] = await openSockets(b);
  expect(await firefox.send({ to: 'brain', kind: 'sign-out', key: a.key })).toEqual({ ok: true, revoked: true });
  await expect.poll(async () => (await openSockets(a)).length).toBe(0);
  expect(await bridge.evaluate(tokenKeys)).toEqual([`tokens:${b.key}`]);
  const cacheAfter = await bridge.evaluate(cacheCounts);
  expect(cacheAfter[storeCommunity(a)]).toBeUndefined();
  expect(cacheAfter[storeCommunity(b)]).toEqual(cacheBefore[storeCommunity(b)]);
  expect(await tokensOf(firefox, b)).toEqual(tokensOfB);
  expect((await openSockets(b)).map((s) => s.id)).toEqual([socketOfB!.id]);
  expect(await firefox.communityStatus(b.key)).toMatchObject({ phase: 'live' });

  const inB = roomWithOther(b);
  const { id } = await say(b, inB.room.uuid, inB.sender, 'After the other sign-out');
  await expect.poll(() => bridge.evaluate(messageIdsOf, storeCommunity(b))).toContain(id);
});
