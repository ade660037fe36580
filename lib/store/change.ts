import type { Draft } from './working-set';

/** What one batch changed: one notice per batch for the popup and the badge. */
export interface Change {
  community: string;
  rooms: string[];
  messages: number;
  notifications: number;
  /** Threads whose record changed (the Threads list re-reads). */
  threads?: number[];
  counters: string[];
  /** Rooms known only from a message (or whose last message was deleted): fetch over REST. */
  stubs: string[];
  /** Messages that arrived live for the first time, and notifications new to the cache. */
  announced: number[];
  newNotifications: number[];
  /** The counters' values as committed, so the badge needs no second read after the batch. */
  counts?: Record<string, number>;
  /** Rooms whose message retention was deferred (Store.apply `deferTrim`). */
  untrimmed?: string[];
}

export function changeOf(draft: Draft): Change {
  const change: Change = {
    community: draft.community,
    rooms: [...draft.dirty.rooms, ...draft.purgedRooms],
    messages: draft.dirty.messages.size,
    notifications: draft.dirty.notifications.size,
    threads: [...draft.dirty.threads],
    counters: [...draft.dirty.counters],
    stubs: [...draft.dirty.rooms].filter((uuid) => draft.room(uuid)?.stub),
    announced: [...draft.announced].filter((id) => !draft.message(id)?.deleted),
    newNotifications: [...draft.newNotifications],
  };
  if (draft.dirty.counters.size) change.counts = Object.fromEntries([...draft.dirty.counters].map((name) => [name, draft.counter(name)!.value]));
  return change;
}

export function isEmpty(change: Change): boolean {
  return !change.rooms.length && !change.messages && !change.notifications && !change.threads?.length && !change.counters.length;
}
