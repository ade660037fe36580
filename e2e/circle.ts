import type { Worker } from '@playwright/test';
import { communityKey } from '../lib/settings/schema';
import { readBoard, type ConnectionStatus, type StatusBoard } from '../lib/wire/status';
import { DEMO, startSimulator, type ConnectionInfo, type RefusedHandshake, type Simulator, type SimulatorOptions } from '../simulator';

export { DEMO };
export type { Simulator };

/** The local Circle for one test, with a quick ping so dead links show fast. */
export function localCircle(options: SimulatorOptions = {}): Promise<Simulator> {
  return startSimulator({ port: 0, pingIntervalMs: 1_000, ...options });
}

export function demoSettings(sim: Simulator, auth?: Record<string, unknown>) {
  return {
    circleUrl: sim.url,
    origin: DEMO.origin,
    auth: auth ?? { mode: 'appToken', appToken: DEMO.appToken, email: DEMO.email },
  };
}

export async function signIn(worker: Worker, settings: unknown): Promise<void> {
  await worker.evaluate((value) => chrome.storage.local.set({ settings: value }), settings);
}

export async function control<T = unknown>(sim: Simulator, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${sim.url}/_sim/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`/_sim/${path}: ${response.status}`);
  return (await response.json()) as T;
}

/** What `/_sim/connections` lists: the simulator's own type, never the token. */
export type SimConnection = ConnectionInfo;

export const connections = async (sim: Simulator) => (await control<{ connections: SimConnection[] }>(sim, 'connections')).connections;

/** The handshakes the simulator turned away, with the digest of the token each carried. */
export const refusedHandshakes = async (sim: Simulator) => (await control<{ refused: RefusedHandshake[] }>(sim, 'connections')).refused;

export const badgeText = (worker: Worker) => worker.evaluate(() => chrome.action.getBadgeText({}));

/** Every community's status as the background last wrote it, in the settings' order. */
export const statusBoard = async (worker: Worker): Promise<StatusBoard | undefined> => readBoard(await worker.evaluate(async () => (await chrome.storage.local.get('status')).status));

/** The first (with one community, the only) community's status: what a single-community test waits on. */
export const extensionStatus = async (worker: Worker): Promise<ConnectionStatus | undefined> => (await statusBoard(worker))?.communities[0];

/** One community's status, by its key. */
export const communityStatus = async (worker: Worker, key: string): Promise<ConnectionStatus | undefined> =>
  (await statusBoard(worker))?.communities.find((status) => status.key === key);

/**
 * The community a simulator serves is the one whose Origin it allows (the first): its key
 * names that community's tokens, rule and status in the extension.
 */
export const keyOf = (sim: Simulator) => communityKey(sim.config.origins[0] ?? DEMO.origin);

export interface StoredTokenSet {
  accessToken: string;
  refreshToken?: string;
}

/**
 * The token set kept (`tokens:<key>` holds `{ circleUrl, set }`) for a community: by its key,
 * or for the community whose Circle is `sim`, whatever its key.
 */
export const storedTokens = (worker: Worker, community: Simulator | string) =>
  worker.evaluate(
    async ({ key, circleUrl }: { key?: string; circleUrl?: string }) => {
      const all = await chrome.storage.local.get(key === undefined ? null : `tokens:${key}`);
      const kept = Object.entries(all).find(([name, value]) => name.startsWith('tokens:') && (key !== undefined || (value as { circleUrl?: string }).circleUrl === circleUrl));
      return (kept?.[1] as { set?: StoredTokenSet } | undefined)?.set;
    },
    typeof community === 'string' ? { key: community } : { circleUrl: new URL(community.url).origin },
  );

export const countEvent = (n: number) => ({ event: 'updateNewNotificationCount', new_notifications_count: n });
export const notificationStream = `notification-channel-${DEMO.memberId}`;

/** Exactly one open socket for the member, then its details. */
export async function liveConnection(sim: Simulator, timeout = 15_000): Promise<SimConnection> {
  const { expect } = await import('@playwright/test');
  await expect.poll(async () => (await connections(sim)).filter((c) => c.state === 'open').length, { timeout }).toBe(1);
  return (await connections(sim)).find((c) => c.state === 'open')!;
}

/** A real new notification for the demo member: Circle's count rises, REST and cable agree. */
export async function notify(sim: Simulator): Promise<number> {
  await control(sim, 'notifications', { community_member_id: DEMO.memberId });
  const { access_token } = await control<{ access_token: string }>(sim, 'tokens', { community_member_id: DEMO.memberId });
  const response = await fetch(`${sim.url}/api/headless/v1/notifications/new_notifications_count`, { headers: { Authorization: `Bearer ${access_token}` } });
  return ((await response.json()) as { new_notifications_count: number }).new_notifications_count;
}

export interface StoredRoom {
  uuid: string;
  id: number;
  name: string;
  unread: number;
  pinnedAt?: number;
  deleted?: boolean;
  stub?: boolean;
}
export interface StoredMessage {
  id: number;
  roomUuid: string;
  parentId?: number;
  body: string;
  deleted?: boolean;
  placeholder?: boolean;
}

/** Everything the extension's IndexedDB holds for the demo community, read in the worker (messages in pages since schema v3, one record each before). */
export function storeDump(worker: Worker) {
  return worker.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('circle-live');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const all = <T,>(store: string) =>
      new Promise<T[]>((resolve, reject) => {
        const request = db.transaction(store).objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result as T[]);
        request.onerror = () => reject(request.error);
      });
    const paged = db.objectStoreNames.contains('pages');
    const [rooms, stored, notifications, threads] = await Promise.all([all('rooms'), all<{ messages: unknown[] }>(paged ? 'pages' : 'messages'), all('notifications'), all('threads')]);
    const messages = paged ? stored.flatMap((page) => page.messages) : stored;
    db.close();
    return { rooms, messages, notifications, threads };
  }) as Promise<{ rooms: StoredRoom[]; messages: StoredMessage[]; notifications: { id: number }[]; threads: { id: number; unread: number; followed?: true }[] }>;
}

/** Circle's own view of the demo member's rooms, over REST. */
export async function circleRooms(sim: Simulator): Promise<{ uuid: string; unread_messages_count: number }[]> {
  const { access_token } = await control<{ access_token: string }>(sim, 'tokens', { community_member_id: DEMO.memberId });
  const response = await fetch(`${sim.url}/api/headless/v1/messages?page=1&per_page=100`, { headers: { Authorization: `Bearer ${access_token}` } });
  return ((await response.json()) as { records: { uuid: string; unread_messages_count: number }[] }).records;
}

/** The sign-in sync of the first community (or of the one with `key`) finished without an error. */
export async function syncFinished(worker: Worker, key?: string): Promise<boolean> {
  const status = key === undefined ? await extensionStatus(worker) : await communityStatus(worker, key);
  return status?.sync?.finishedAt !== undefined && !status.sync.error;
}

/** The demo member's view of Circle, over the simulator's own REST API: what Circle agrees to. */
export async function memberGet<T>(sim: Simulator, path: string): Promise<T> {
  const { access_token } = await control<{ access_token: string }>(sim, 'tokens', { community_member_id: DEMO.memberId });
  return (await (await fetch(`${sim.url}/api/headless/v1${path}`, { headers: { Authorization: `Bearer ${access_token}` } })).json()) as T;
}

/** The desktop alerts shown, by what they are about (`room:…`, `notification:…`), without the community key each id starts with. */
export const shownAlerts = (worker: Worker) => worker.evaluate(async () => Object.keys(await chrome.notifications.getAll()).map((id) => id.slice(id.indexOf('/') + 1)));

/** A click on the alert about `about`, as the browser would report it (headless browsers show none to click). */
export const clickAlert = (worker: Worker, about: string) =>
  worker.evaluate(async (about) => {
    const id = Object.keys(await chrome.notifications.getAll()).find((shown) => shown.endsWith(`/${about}`));
    if (!id) throw new Error(`no alert about ${about}`);
    await (globalThis as unknown as { circleLiveTest: { clickAlert(id: string): Promise<void> } }).circleLiveTest.clickAlert(id);
  }, about);
