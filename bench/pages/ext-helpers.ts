/**
 * Runs inside an extension page of Circle Live (chrome-extension://<id>/manifest.json: an
 * extension-origin document that runs none of the product's code, yet has chrome.action,
 * chrome.storage and the extension's IndexedDB). bench/lib/session.ts bundles this file with
 * esbuild and evaluates it there; it sets `globalThis.bench`.
 *
 * Nothing here keeps the service worker awake: BroadcastChannel and storage.onChanged listen
 * without waking it, getBadgeText and getContexts are answered by the browser process.
 */
import { readBoard } from '../../lib/wire/status';
import { seedCache, type SeedSpec } from './seed';

interface ChangeNotice {
  announced?: number[];
  messages?: number;
  rooms?: string[];
}

/** The first community's status: the bench's session follows one. */
interface StatusEntry {
  at: number;
  status: { phase?: string; startedAt?: number; cable?: { state: string; since: number; reason: string; subscriptions: { state: string }[] }; sync?: { startedAt?: number; finishedAt?: number } } | undefined;
}

const now = () => performance.timeOrigin + performance.now();

const notices: { at: number; announced: number; messages: number }[] = [];
let onNotice: ((notice: ChangeNotice, at: number) => void) | undefined;
const channel = new BroadcastChannel('circle-live:store');
channel.onmessage = (event: MessageEvent<ChangeNotice>) => {
  const at = now();
  notices.push({ at, announced: event.data.announced?.length ?? 0, messages: event.data.messages ?? 0 });
  onNotice?.(event.data, at);
};

const firstStatus = (value: unknown) => readBoard(value)?.communities[0] as StatusEntry['status'];

const statusLog: StatusEntry[] = [];
chrome.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && changes.status) statusLog.push({ at: now(), status: firstStatus(changes.status.newValue) });
});

let database: Promise<IDBDatabase> | undefined;
function db(): Promise<IDBDatabase> {
  database ??= new Promise((resolve, reject) => {
    const request = indexedDB.open('circle-live');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  return database;
}

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

type BadgeResult = { at: number; polls: number; last?: string };
let badgeRun: Promise<BadgeResult> | undefined;

type StoredResult = { at: number; first: number; ids: number[]; notices: number; timedOut: boolean };
let storedRun: Promise<StoredResult> | undefined;

const bench = {
  now,

  /** Starts polling the badge until it reads `text`; `badgeResult` gives the moment it did. */
  armBadge(text: string, timeoutMs: number): void {
    badgeRun = (async () => {
      const end = now() + timeoutMs;
      let polls = 0;
      for (;;) {
        const shown = await chrome.action.getBadgeText({});
        polls += 1;
        const at = now();
        if (shown === text) return { at, polls };
        if (at > end) return { at: Number.NaN, polls, last: shown };
      }
    })();
  },

  badgeResult: () => badgeRun,

  badgeText: () => chrome.action.getBadgeText({}),

  /**
   * Waits for the change notices the background posts after each committed batch: until every
   * id in `ids` was announced, or (ids null) the first notice that announces anything.
   */
  armStored(ids: number[] | null, timeoutMs: number): void {
    const wanted = ids ? new Set(ids) : undefined;
    const seen: number[] = [];
    let first = Number.NaN;
    let count = 0;
    storedRun = new Promise<StoredResult>((resolve) => {
      const timer = setTimeout(() => {
        onNotice = undefined;
        resolve({ at: Number.NaN, first, ids: seen.slice(0, 20), notices: count, timedOut: true });
      }, timeoutMs);
      onNotice = (notice, at) => {
        const announced = notice.announced ?? [];
        if (!announced.length) return;
        count += 1;
        let matched = false;
        for (const id of announced) {
          if (!wanted) {
            seen.push(id);
            matched = true;
          } else if (wanted.delete(id)) {
            seen.push(id);
            matched = true;
          }
        }
        if (matched && Number.isNaN(first)) first = at;
        if (matched && (!wanted || wanted.size === 0)) {
          clearTimeout(timer);
          onNotice = undefined;
          resolve({ at, first, ids: wanted ? [] : seen, notices: count, timedOut: false });
        }
      };
    });
  },

  storedResult: () => storedRun,

  notices: (since: number) => notices.filter((n) => n.at >= since),

  statusLog: (since: number) => statusLog.filter((entry) => entry.at >= since),

  status: async () => firstStatus((await chrome.storage.local.get('status')).status),

  /** Is a background (service worker) context running right now? Asking does not start one. */
  backgroundRunning: async () => (await chrome.runtime.getContexts({ contextTypes: [chrome.runtime.ContextType.BACKGROUND] })).length > 0,

  /** The message as IndexedDB holds it, with the moment the read returned. */
  async readMessage(community: string, id: number) {
    const index = (await db()).transaction('pages').objectStore('pages').index('byMessage');
    const page = (await done(index.get([community, id]))) as { messages: { id: number }[] } | undefined;
    return { at: now(), found: page?.messages.some((m) => m.id === id) === true };
  },

  async countMessages(community: string, low: number, high: number): Promise<number> {
    const index = (await db()).transaction('pages').objectStore('pages').index('byMessage');
    return done(index.count(IDBKeyRange.bound([community, low], [community, high])));
  },

  seed: async (spec: SeedSpec) => seedCache(await db(), spec),

  /** Rooms (not deleted) and messages the cache holds for a community. */
  async cacheSize(community: string) {
    const tx = (await db()).transaction(['rooms', 'pages']);
    const rooms = (await done(tx.objectStore('rooms').getAll(IDBKeyRange.bound([community], [community, []])))) as { deleted?: boolean }[];
    const messages = await done(tx.objectStore('pages').index('byMessage').count(IDBKeyRange.bound([community], [community, []])));
    return { rooms: rooms.filter((room) => !room.deleted).length, messages };
  },
};

Object.assign(globalThis, { bench });
export type ExtBench = typeof bench;
