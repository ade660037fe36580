// @vitest-environment node
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { DB_NAME, DB_VERSION } from '../store/db';
import { database } from './database';

const rawOpen = (version: number) =>
  new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, version);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error('blocked'));
  });
const remove = () =>
  new Promise<void>((resolve, reject) => {
    const request = indexedDB.deleteDatabase(DB_NAME);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error('blocked'));
  });

describe('database()', () => {
  it('does not remember a failed open: the next call opens again', async () => {
    // A newer version on disk (a downgrade) makes this open fail with VersionError…
    (await rawOpen(5)).close();
    await expect(database()).rejects.toMatchObject({ name: 'VersionError' });
    await remove();
    // …and once it is gone, the next caller gets a working connection, not the old rejection.
    const db = await database();
    expect(db.version).toBe(DB_VERSION);
  });

  it('closes its connection for an upgrade in another context, and opens a fresh one for the next caller', async () => {
    const first = await database();
    await first.put('marks', { community: 'c', name: 'm', value: 1 });
    // Another context's upgrade: not blocked, because this connection steps aside.
    const other = await rawOpen(DB_VERSION + 1);
    other.close();
    await remove();
    const next = await database();
    expect(next).not.toBe(first);
    expect(next.version).toBe(DB_VERSION);
  });
});
