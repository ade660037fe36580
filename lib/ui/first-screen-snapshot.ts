import type { Person, Room } from '../circle/model';
import { selfOf } from './self';

// The popup's first load takes only what it paints with (./self); building a snapshot happens after.
export { selfOf };

/**
 * What the popup paints before it has read the cache: the head of the room list as the
 * background last stored it. Reading 500 rooms from IndexedDB (open, getAll, structured
 * clone, sort) took the popup ~45 ms before anything showed; a few KB from
 * `storage.session` arrive with the status, in one round trip.
 */
export interface FirstScreen {
  community: string;
  /** The first rooms in the list's order (compareRooms). */
  rooms: Room[];
  /** The whole list's length and unread rooms: the scrollbar and the Chats tab's count. */
  total: number;
  unread: number;
  /** The member's face: see selfOf. */
  self?: Person;
  /** The newest activity of a room with unread messages: the popup opens on the community where something new waits. */
  unreadAt?: number;
  /** When the newest unread notification came. */
  noticeAt?: number;
}

/** Rows in view at the popup's 600 px (64 px rows under the header and tabs), with the list's overscan and a margin. */
export const FIRST_SCREEN_ROWS = 16;

/** `sorted`: the community's live rooms, in the list's order; `noticeAt`: see FirstScreen. */
export function firstScreenOf(community: string, sorted: readonly Room[], memberId: number | undefined, noticeAt?: number): FirstScreen {
  const self = selfOf(sorted, memberId);
  const unread = sorted.filter((room) => room.unread > 0);
  // Pinned rooms sort first whatever their age: the newest is looked for, not taken from the top.
  const unreadAt = unread.length ? Math.max(...unread.map((room) => room.lastActivityAt)) : undefined;
  return {
    community,
    rooms: sorted.slice(0, FIRST_SCREEN_ROWS),
    total: sorted.length,
    unread: unread.length,
    ...(self ? { self } : {}),
    ...(unreadAt !== undefined ? { unreadAt } : {}),
    ...(noticeAt !== undefined ? { noticeAt } : {}),
  };
}

/** Storage hands back equal JSON; writing only a difference spares every reader an onChanged. */
export function sameFirstScreen(a: FirstScreen | undefined, b: FirstScreen | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The community key is `{circle origin}/{member id}` (lib/store/db.ts). */
export function memberIdOf(community: string): number | undefined {
  const id = Number(community.slice(community.lastIndexOf('/') + 1));
  return Number.isInteger(id) && id > 0 ? id : undefined;
}
