import { openDB, unwrap, type DBSchema, type IDBPDatabase, type IDBPObjectStore, type IDBPTransaction, type OpenDBCallbacks, type StoreNames } from 'idb';
import type { Message, Notification, Room, Thread } from '../circle/model';
import { paginate, type PageKey, type PageRecord } from './pages';

/**
 * The cache's IndexedDB schema. Every key starts with the community (`{circle origin}/{member
 * id}`), so following several communities later is an addition, not a migration. Versions
 * only move forward: each upgrade step below runs once, in order. Every new version adds the
 * database as the previous release wrote it to lib/store/schema.test.ts and e2e/schema.spec.ts.
 */
export interface CounterRecord {
  community: string;
  name: string;
  value: number;
  /** When the value was true (counters); absent for diagnostics tallies. */
  at?: number;
}

export interface MarkRecord {
  community: string;
  name: string;
  value: unknown;
}

export interface CircleLiveDB extends DBSchema {
  rooms: { key: [string, string]; value: Room; indexes: { byId: [string, number]; byActivity: [string, number] } };
  pages: { key: PageKey; value: PageRecord; indexes: { byMessage: [string, number] } };
  threads: { key: [string, number]; value: Thread };
  notifications: { key: [string, number]; value: Notification; indexes: { byCreated: [string, number] } };
  counters: { key: [string, string]; value: CounterRecord };
  marks: { key: [string, string]; value: MarkRecord };
  diagnostics: { key: [string, string]; value: CounterRecord };
}

export type Database = IDBPDatabase<CircleLiveDB>;
export const DB_NAME = 'circle-live';
export const DB_VERSION = 3;
export const STORES = ['rooms', 'pages', 'threads', 'notifications', 'counters', 'marks', 'diagnostics'] as const;
export type StoreName = (typeof STORES)[number];

/** What the connection's owner hears: another context waiting for an upgrade, or the browser closing it. */
export type ConnectionEvents = Pick<OpenDBCallbacks<CircleLiveDB>, 'blocked' | 'blocking' | 'terminated'>;

export function openDatabase(name = DB_NAME, events: ConnectionEvents = {}): Promise<Database> {
  return openDB<CircleLiveDB>(name, DB_VERSION, {
    ...events,
    upgrade(db, oldVersion, _newVersion, transaction) {
      if (oldVersion < 1) {
        const rooms = db.createObjectStore('rooms', { keyPath: ['community', 'uuid'] });
        rooms.createIndex('byId', ['community', 'id']);
        rooms.createIndex('byActivity', ['community', 'lastActivityAt']);
        db.createObjectStore('threads', { keyPath: ['community', 'id'] });
        const notifications = db.createObjectStore('notifications', { keyPath: ['community', 'id'] });
        notifications.createIndex('byCreated', ['community', 'createdAt']);
        db.createObjectStore('counters', { keyPath: ['community', 'name'] });
        db.createObjectStore('marks', { keyPath: ['community', 'name'] });
        db.createObjectStore('diagnostics', { keyPath: ['community', 'name'] });
      }
      if (oldVersion < 3) db.createObjectStore('pages', { keyPath: ['community', 'roomUuid', 'lastAt', 'lastId'] }).createIndex('byMessage', 'ids', { multiEntry: true });
      if (oldVersion === 1) void mutedFlags(transaction.objectStore('rooms'));
      if (oldVersion === 1 || oldVersion === 2) void intoPages(db as unknown as IDBPDatabase, transaction as unknown as UpgradeTransaction);
    },
  });
}

/**
 * v1 kept a room's mute as `mutedAt`; Circle's records carry the participant's `muted` flag
 * (docs/circle-api.md), and so does every room since v2. The requests keep the upgrade's
 * transaction open, so the database opens only once every room is rewritten.
 */
async function mutedFlags(rooms: IDBPObjectStore<CircleLiveDB, ArrayLike<StoreNames<CircleLiveDB>>, 'rooms', 'versionchange'>): Promise<void> {
  for (let cursor = await rooms.openCursor(); cursor; cursor = await cursor.continue()) {
    const { mutedAt, ...room } = cursor.value as Room & { mutedAt?: number };
    if (mutedAt !== undefined) await cursor.update({ ...room, muted: true });
  }
}

type UpgradeTransaction = IDBPTransaction<unknown, string[], 'versionchange'>;

/**
 * Until v3 a message was a record of its own (`messages`, keyed by community and id, indexed
 * by room and time); since, a room's messages are stored in pages (./pages.ts). Every stored
 * message moves into its room's pages inside the upgrade's transaction, so the database opens
 * only once all of them are there, and the old store goes with the same transaction.
 */
async function intoPages(db: IDBPDatabase, transaction: UpgradeTransaction): Promise<void> {
  // One read of everything, though the heap holds it all at once: in Chromium, 50,000 messages
  // of ~1 KB took 2.1–2.7 s and 60 MB at the peak this way, against 4.3–5.2 s and 19–29 MB read
  // room by room through the index. The upgrade runs once, and the member waits on it.
  const old = (await transaction.objectStore('messages').getAll()) as Message[];
  const rooms = new Map<string, Message[]>();
  for (const message of old) {
    const at = `${message.community}\u0000${message.roomUuid}`;
    const list = rooms.get(at);
    if (list) list.push(message);
    else rooms.set(at, [message]);
  }
  const pages = unwrap(transaction.objectStore('pages'));
  for (const list of rooms.values()) for (const page of paginate(list[0]!.community, list[0]!.roomUuid, list)) pages.put(page);
  db.deleteObjectStore('messages');
}

/**
 * Failures of the storage itself (full, closed, gone, broken), after which the same write may
 * succeed later; anything else (a record it cannot take, a reducer throw) is the batch's own.
 */
export function isStorageUnavailable(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return typeof name === 'string' && STORAGE_FAILURES.has(name);
}

const STORAGE_FAILURES = new Set(['QuotaExceededError', 'UnknownError', 'InvalidStateError', 'AbortError', 'VersionError', 'TransactionInactiveError', 'NotFoundError', 'StorageUnavailable']);
