import type { IDBPTransaction, StoreNames } from 'idb';
import type { Message } from '../circle/model';
import type { CircleLiveDB } from './db';
import type { Draft, PendingPin } from './working-set';
import type { Keys } from './keys';

type Tx = IDBPTransaction<CircleLiveDB, StoreNames<CircleLiveDB>[], IDBTransactionMode>;
type MessageReader = { get(key: [string, number]): Promise<Message | undefined>; getAll(range: IDBKeyRange): Promise<Message[]> };

/**
 * How sparse an id range may be and still be read whole. Circle's ids grow with time, so a
 * burst's ids sit close together and one `getAll` over them costs what one `get` does; a batch
 * of scattered ids (a snapshot page, a late edit) would drag in the records between, so it
 * falls back to one `get` per id.
 */
const SPAN_PER_ID = 4;
const SPAN_SLACK = 64;

/** Messages by id, `undefined` for the absent ones: one range read when the ids are close, else one read each. */
export async function readMessages(store: MessageReader, community: string, ids: Iterable<number>): Promise<Map<number, Message | undefined>> {
  const wanted = [...ids];
  const found = new Map<number, Message | undefined>(wanted.map((id) => [id, undefined]));
  if (!wanted.length) return found;
  let low = Infinity;
  let high = -Infinity;
  for (const id of wanted) {
    if (id < low) low = id;
    if (id > high) high = id;
  }
  if (wanted.length > 1 && high - low < wanted.length * SPAN_PER_ID + SPAN_SLACK) {
    for (const message of await store.getAll(IDBKeyRange.bound([community, low], [community, high]))) {
      if (found.has(message.id)) found.set(message.id, message);
    }
    return found;
  }
  await Promise.all(wanted.map(async (id) => found.set(id, await store.get([community, id]))));
  return found;
}

/** Loads what `keys` names into the draft, all reads issued at once in the batch's transaction. */
export async function loadKeys(tx: Tx, draft: Draft, keys: Keys, withCounters = true): Promise<void> {
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
      ? readMessages(tx.objectStore('messages'), c, keys.messages).then((found) => {
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
