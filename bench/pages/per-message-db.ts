import { openDB, type IDBPDatabase } from 'idb';

/**
 * A scratch database laid out as the cache was up to schema v2: one record per message, keyed
 * by community and id, indexed by room and time. The floor's own measures (plain per-message
 * puts, gets, deletes) run on it; the product's schema (lib/store/db.ts) stores pages now.
 */
export function openPerMessage(name: string): Promise<IDBPDatabase> {
  return openDB(name, 1, {
    upgrade(db) {
      db.createObjectStore('messages', { keyPath: ['community', 'id'] }).createIndex('byRoom', ['community', 'roomUuid', 'sentAt']);
    },
  });
}
