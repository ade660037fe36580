import type { IDBPTransaction, StoreNames } from 'idb';
import type { CircleLiveDB } from './db';
import type { Draft, PendingPin } from './working-set';
import type { Keys } from './keys';
import type { PageSet } from './page-set';

type Tx = IDBPTransaction<CircleLiveDB, StoreNames<CircleLiveDB>[], IDBTransactionMode>;
/** Loads what `keys` names into the draft, all reads issued at once in the batch's transaction. */
export async function loadKeys(tx: Tx, draft: Draft, keys: Keys, pages: PageSet, withCounters = true): Promise<void> {
  const c = draft.community;
  const rooms = keys.rooms.size || keys.roomIds.size ? tx.objectStore('rooms') : undefined;
  await Promise.all([
    ...[...keys.rooms].map(async (uuid) => draft.loadRoom(uuid, await rooms!.get([c, uuid]))),
    ...[...keys.roomIds].map(async (id) => {
      const room = await rooms!.index('byId').get([c, id]);
      if (room) draft.loadRoom(room.uuid, room);
      draft.pendingPins.set(id, (await tx.objectStore('marks').get([c, `pin:${id}`]))?.value as PendingPin | undefined);
    }),
    keys.messages.size
      ? pages.find(tx.objectStore('pages'), keys.messages).then((found) => {
          for (const [id, message] of found) draft.messages.set(id, message);
        })
      : undefined,
    ...[...keys.threads].map(async (id) => draft.threads.set(id, await tx.objectStore('threads').get([c, id]))),
    ...[...keys.notifications].map(async (id) => draft.notifications.set(id, await tx.objectStore('notifications').get([c, id]))),
    ...(withCounters ? [...keys.counters] : []).map(async (name) => {
      const row = await tx.objectStore('counters').get([c, name]);
      draft.counters.set(name, row && { value: row.value, at: row.at ?? 0 });
    }),
  ]);
}
