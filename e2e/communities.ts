import type { Fixtures } from '@playwright/test';
import { communityKey } from '../lib/settings/schema';
import { tokenDigest } from '../simulator';
import { connections, control, DEMO, localCircle, refusedHandshakes, type SimConnection, type Simulator } from './circle';

/**
 * Two communities, each its own local Circle. Both listen on 127.0.0.1, on different ports:
 * one cable host for a header rule, whose `requestDomains` match the hostname and never the
 * port. Each has its own seed, Origin, app token and member, so a token that reached the
 * wrong socket is refused there (`refused`) and a socket's member and token digest say whose
 * token it carried.
 */
export interface TestCommunity {
  sim: Simulator;
  /** The name the member gave it in the settings, what the switcher and the badge title show. */
  name: string;
  origin: string;
  key: string;
  memberId: number;
  appToken: string;
  /** Its entry in `settings.communities`. */
  entry: { circleUrl: string; origin: string; name: string; auth: { mode: 'appToken'; appToken: string; email: string } };
}

export type TwoCommunities = [TestCommunity, TestCommunity];

const PLANS = [
  { name: 'Northwind Makers', origin: DEMO.origin, seed: undefined, memberId: DEMO.memberId, appToken: DEMO.appToken },
  { name: 'Harbour Guild', origin: 'https://harbour.example', seed: 7, memberId: 2401, appToken: 'harbour-app-token' },
] as const;

export async function startCommunities(): Promise<TwoCommunities> {
  const started = await Promise.all(
    PLANS.map(async (plan): Promise<TestCommunity> => {
      const sim = await localCircle({ origins: [plan.origin], appToken: plan.appToken, ...(plan.seed === undefined ? {} : { seed: plan.seed }) });
      const email = sim.community.members.get(plan.memberId)!.email;
      return {
        sim,
        name: plan.name,
        origin: plan.origin,
        key: communityKey(plan.origin),
        memberId: plan.memberId,
        appToken: plan.appToken,
        entry: { circleUrl: sim.url, origin: plan.origin, name: plan.name, auth: { mode: 'appToken', appToken: plan.appToken, email } },
      };
    }),
  );
  return started as TwoCommunities;
}

/** `communities`: two running local Circles for the test, stopped after it (a test may stop one sooner). */
export const communitiesFixture: Fixtures<{ communities: TwoCommunities }> = {
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form.
  communities: async ({}, use) => {
    const both = await startCommunities();
    try {
      await use(both);
    } finally {
      await Promise.all(both.map((community) => community.sim.stop()));
    }
  },
};

export const settingsFor = (communities: readonly TestCommunity[]) => ({ communities: communities.map((community) => community.entry) });

export const openSockets = async (community: TestCommunity): Promise<SimConnection[]> => (await connections(community.sim)).filter((c) => c.state === 'open');

/** One socket's evidence, as the simulator saw it: whose member, which token (digest), which mark. */
export const socketEvidence = (socket: SimConnection) => ({ member: socket.community_member_id, token: socket.token_digest, mark: socket.cable_mark, query: socket.query_keys });

/** What a community's socket must show: its own member, the token stored for it, its own mark and nothing else in the URL. */
export const expectedEvidence = (community: TestCommunity, storedAccessToken: string) => ({
  member: community.memberId,
  token: tokenDigest(storedAccessToken),
  mark: community.key,
  query: ['circle_live'],
});

/** Everything a community's Circle turned away: a crossed token shows here as `invalid` with the other's digest. */
export const refused = (community: TestCommunity) => refusedHandshakes(community.sim);

/** The member's view of their Circle, with a fresh token of Circle's own: what Circle agrees to. */
export async function memberGet<T>(community: TestCommunity, path: string): Promise<T> {
  const { access_token } = await control<{ access_token: string }>(community.sim, 'tokens', { community_member_id: community.memberId });
  return (await (await fetch(`${community.sim.url}/api/headless/v1${path}`, { headers: { Authorization: `Bearer ${access_token}` } })).json()) as T;
}

export const newNotifications = async (community: TestCommunity) =>
  (await memberGet<{ new_notifications_count: number }>(community, '/notifications/new_notifications_count')).new_notifications_count;

/** A real new notification for the community's member; returns it and Circle's count after it. */
export async function notifyMember(community: TestCommunity): Promise<{ id: number; action_web_url: string; count: number }> {
  const notification = await control<{ id: number; action_web_url: string }>(community.sim, 'notifications', { community_member_id: community.memberId });
  return { ...notification, count: await newNotifications(community) };
}

/** A room of the member's, and someone else in it to write there. */
export function roomWithOther(community: TestCommunity, index = 0) {
  const room = community.sim.community.roomsOf(community.memberId)[index]!;
  return { room, sender: room.participants.find((p) => p.memberId !== community.memberId)!.memberId };
}

export const say = (community: TestCommunity, roomUuid: string, sender: number, body: string) =>
  control<{ id: number }>(community.sim, 'messages', { chat_room_uuid: roomUuid, sender_member_id: sender, body });

/** The store's key of a community's records: `{circle origin}/{member id}`. */
export const storeCommunity = (community: TestCommunity) => `${new URL(community.sim.url).origin}/${community.memberId}`;

/**
 * How many records of each store the cache holds for each community. Runs in an extension
 * context (`worker.evaluate(cacheCounts)`, or the Firefox bridge page's), so it is self-contained.
 */
export async function cacheCounts(): Promise<Record<string, Record<string, number>>> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open('circle-live');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const counts: Record<string, Record<string, number>> = {};
  for (const name of Array.from(db.objectStoreNames)) {
    const records = await new Promise<{ community?: string }[]>((resolve, reject) => {
      const request = db.transaction(name).objectStore(name).getAll();
      request.onsuccess = () => resolve(request.result as { community?: string }[]);
      request.onerror = () => reject(request.error);
    });
    for (const record of records) {
      const byStore = (counts[record.community ?? '(none)'] ??= {});
      byStore[name] = (byStore[name] ?? 0) + 1;
    }
  }
  db.close();
  return counts;
}

/** Every `tokens:` key in storage.local, in an extension context. */
export async function tokenKeys(): Promise<string[]> {
  return Object.keys(await chrome.storage.local.get(null)).filter((key) => key.startsWith('tokens:')).sort();
}

/** The ids of the messages stored for one community (its store key), in an extension context. */
export async function messageIdsOf(community: string): Promise<number[]> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open('circle-live');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const records = await new Promise<{ community: string; id: number }[]>((resolve, reject) => {
    const request = db.transaction('pages').objectStore('pages').getAll();
    request.onsuccess = () => resolve((request.result as { messages: { community: string; id: number }[] }[]).flatMap((page) => page.messages));
    request.onerror = () => reject(request.error);
  });
  db.close();
  return records.filter((record) => record.community === community).map((record) => record.id);
}
