import type { Message, Notification, Room, Thread } from '../circle/model';
import type { Database } from './db';
import { NEW_NOTIFICATIONS } from './events';
import { roomRange, walkBack } from './pages';

/**
 * The store's reads for pages, without its writer. `Store` pulls in the reducer and, through
 * it, zod; the popup must open in a blink and stay small, so it reads IndexedDB through this
 * file alone. The orders match `Store`'s: a page and the background agree on what is first.
 */
const LOW = -Infinity;
const HIGH = Infinity;

/** Pinned first, then by last activity, newest first; the uuid breaks ties as the index does. */
export function compareRooms(a: Room, b: Room): number {
  const pinned = (b.pinnedAt ? 1 : 0) - (a.pinnedAt ? 1 : 0);
  if (pinned) return pinned;
  if (a.lastActivityAt !== b.lastActivityAt) return b.lastActivityAt - a.lastActivityAt;
  return a.uuid < b.uuid ? 1 : a.uuid > b.uuid ? -1 : 0;
}

/**
 * Folds re-read rooms into a sorted list: changed ones replace theirs, new ones join, deleted
 * or vanished ones (`undefined` or `deleted`) leave. Untouched rooms keep their identity, so a
 * view that memoises rows re-renders only what changed.
 */
export function mergeRooms(list: readonly Room[], uuids: readonly string[], fresh: readonly (Room | undefined)[]): Room[] {
  const byUuid = new Map(list.map((room) => [room.uuid, room]));
  uuids.forEach((uuid, i) => {
    const room = fresh[i];
    if (!room || room.deleted || room.archived) byUuid.delete(uuid);
    else byUuid.set(uuid, room);
  });
  return [...byUuid.values()].sort(compareRooms);
}

/** Messages a reader sees in a room's timeline: no thread replies, no placeholders for parents not yet seen. */
export function isTimelineMessage(message: Message): boolean {
  return !message.placeholder && !message.parentId;
}

export class Queries {
  constructor(
    private readonly db: Database,
    readonly community: string,
  ) {}

  async rooms(): Promise<Room[]> {
    const range = IDBKeyRange.bound([this.community, LOW], [this.community, HIGH]);
    const rooms = await this.db.getAllFromIndex('rooms', 'byActivity', range);
    // An archived room is the member's "not in my list": it stays stored, out of sight.
    return rooms.filter((room) => !room.deleted && !room.archived).sort(compareRooms);
  }

  async room(uuid: string): Promise<Room | undefined> {
    const room = await this.db.get('rooms', [this.community, uuid]);
    return room?.deleted ? undefined : room;
  }

  /** Several rooms in one transaction: what a change notice names. */
  async roomsByUuid(uuids: readonly string[]): Promise<(Room | undefined)[]> {
    const store = this.db.transaction('rooms').store;
    return Promise.all(uuids.map(async (uuid) => {
      const room = await store.get([this.community, uuid]);
      return room?.deleted ? undefined : room;
    }));
  }

  /**
   * A room's newest timeline messages, oldest first. Walks back from the newest so a room
   * with a long history reads the pages that hold `limit`, not all of them.
   */
  async messages(roomUuid: string, limit = 100): Promise<Message[]> {
    const newest: Message[] = [];
    if (limit > 0) await walkBack(this.db.transaction('pages').store, this.community, roomUuid, (m) => !isTimelineMessage(m) || newest.push(m) < limit);
    return newest.reverse();
  }

  /** The threads the member takes part in, newest reply first. */
  async threads(): Promise<Thread[]> {
    const range = IDBKeyRange.bound([this.community, LOW], [this.community, HIGH]);
    const threads = await this.db.getAll('threads', range);
    return threads.filter((thread) => thread.followed && thread.roomUuid && thread.parentMessageId).sort((a, b) => (b.lastActivityAt ?? 0) - (a.lastActivityAt ?? 0) || b.id - a.id);
  }

  async thread(id: number): Promise<Thread | undefined> {
    return this.db.get('threads', [this.community, id]);
  }

  /** A thread's parent and its stored replies, oldest first. */
  async threadMessages(roomUuid: string, parentId: number): Promise<Message[]> {
    const pages = await this.db.getAll('pages', roomRange(this.community, roomUuid));
    return pages.flatMap((page) => page.messages).filter((message) => !message.placeholder && (message.id === parentId || message.parentId === parentId));
  }

  /** Newest first. */
  async notifications(limit = 200): Promise<Notification[]> {
    const range = IDBKeyRange.bound([this.community, LOW], [this.community, HIGH]);
    const all = await this.db.getAllFromIndex('notifications', 'byCreated', range);
    return all.reverse().slice(0, limit);
  }

  async newNotificationsCount(): Promise<number | undefined> {
    return (await this.db.get('counters', [this.community, NEW_NOTIFICATIONS]))?.value;
  }
}

export { NEW_NOTIFICATIONS };
