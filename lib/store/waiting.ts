import type { MessagePreview, Person, Room, Thread } from '../circle/model';

const HOUR_MS = 3_600_000;
/** A conversation silent this long is over, not waiting: a months-old DM is no one's to-do. */
export const WAITING_AT_MOST_MS = 14 * 24 * HOUR_MS;

/** A DM or a thread where someone else spoke last and the member has not answered. */
export type WaitingItem =
  | { kind: 'direct'; roomUuid: string; since: number; from?: Person }
  | { kind: 'thread'; threadId: number; roomUuid: string; parentId: number; since: number; from?: Person };

export interface WaitingOn {
  /** Newest first, as every list of the popup: the one just past the threshold on top. */
  items: WaitingItem[];
  /** When the list next changes by the clock alone (one starts waiting, or one waited too long), if it will. */
  nextAt?: number;
}

export interface WaitingContext {
  memberId: number;
  now: number;
  afterHours: number;
  /** `preferences.mutedRooms`: a room the member silenced waits on no one (nor one muted in Circle). */
  muted?: readonly string[];
}

/**
 * Who waits on the member, from the cache alone: a room's last message and a followed
 * thread's last reply say who spoke last and when. Pure: the caller passes the clock.
 */
export function waitingOn(rooms: readonly Room[], threads: readonly Thread[], { memberId, now, afterHours, muted = [] }: WaitingContext): WaitingOn {
  const after = afterHours * HOUR_MS;
  const silenced = new Set(muted);
  const items: WaitingItem[] = [];
  let nextAt: number | undefined;
  const consider = (last: MessagePreview | undefined, item: (since: number, from?: Person) => WaitingItem) => {
    if (!last || !saidBySomeoneElse(last, memberId)) return;
    const due = last.sentAt + after;
    const over = last.sentAt + WAITING_AT_MOST_MS;
    if (over <= now) return;
    if (due <= now) items.push(item(last.sentAt, last.sender));
    nextAt = Math.min(nextAt ?? Infinity, due <= now ? over : due);
  };
  const rooms_ = new Map(rooms.map((room) => [room.uuid, room]));
  for (const room of rooms) {
    if (room.kind !== 'direct' || room.deleted || room.archived || room.muted || silenced.has(room.uuid)) continue;
    consider(room.lastMessage, (since, from) => ({ kind: 'direct', roomUuid: room.uuid, since, from }));
  }
  for (const thread of threads) {
    const { roomUuid, parentMessageId } = thread;
    if (!thread.followed || !roomUuid || parentMessageId === undefined || silenced.has(roomUuid)) continue;
    const room = rooms_.get(roomUuid);
    if (room?.deleted || room?.archived || room?.muted) continue;
    // A thread no one answered yet waits on the member only if its parent is someone else's.
    consider(thread.lastReply ?? thread.parent, (since, from) => ({ kind: 'thread', threadId: thread.id, roomUuid, parentId: parentMessageId, since, from }));
  }
  items.sort((a, b) => b.since - a.since);
  return nextAt === undefined ? { items } : { items, nextAt };
}

/** A preview without a known sender is nobody's to answer: it may well be the member's own. */
function saidBySomeoneElse(preview: MessagePreview, memberId: number): boolean {
  const sender = preview.sender?.memberId;
  return sender !== undefined && sender !== memberId;
}
