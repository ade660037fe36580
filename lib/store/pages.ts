import type { Message } from '../circle/model';

/**
 * A room's messages are stored in pages: one record holds up to `PAGE_SIZE` messages of one
 * room, in (sentAt, id) order, so a burst into a room writes one record per room instead of one
 * per message (bench/README.md, "Throughput"). A page's key ends with a bound: at or after each
 * of its messages, before every message of the next page. A message belongs to the first page
 * whose bound is at or after it; one after every bound is new at the room's end, where a burst
 * writes new pages without reading any. `ids` (multiEntry index `byMessage`) finds a message's
 * page from its id alone, as a deletion names it.
 */
export interface PageRecord {
  community: string;
  roomUuid: string;
  lastAt: number;
  lastId: number;
  messages: Message[];
  ids: [string, number][];
}

export type PageKey = [string, string, number, number];

export const PAGE_SIZE = 50;

/** Messages per page for a room bound: at most half of it, so a trimmed room holds under 1.5 × its bound. */
export function pageSize(messagesPerRoom: number): number {
  return Math.max(1, Math.min(PAGE_SIZE, Math.ceil(messagesPerRoom / 2)));
}

export function keyOf(page: Pick<PageRecord, 'community' | 'roomUuid' | 'lastAt' | 'lastId'>): PageKey {
  return [page.community, page.roomUuid, page.lastAt, page.lastId];
}

/** Every page of a room. */
export function roomRange(community: string, roomUuid: string): IDBKeyRange {
  return IDBKeyRange.bound([community, roomUuid], [community, roomUuid, []]);
}

/** (sentAt, id) order, the order of a room's timeline. */
export function before(a: Pick<Message, 'sentAt' | 'id'>, b: Pick<Message, 'sentAt' | 'id'>): number {
  return a.sentAt - b.sentAt || a.id - b.id;
}

/** Is the message past the page's bound (so not in it, nor in any page before it)? */
export function beyond(message: Pick<Message, 'sentAt' | 'id'>, page: Pick<PageRecord, 'lastAt' | 'lastId'>): boolean {
  return message.sentAt > page.lastAt || (message.sentAt === page.lastAt && message.id > page.lastId);
}

/** A page of sorted messages, bounded by its last one. */
export function pageOf(community: string, roomUuid: string, messages: Message[]): PageRecord {
  const last = messages[messages.length - 1]!;
  return { community, roomUuid, lastAt: last.sentAt, lastId: last.id, messages, ids: messages.map((m) => [community, m.id]) };
}

/** A room's messages, sorted, as whole pages: what an upgrade writes. */
export function paginate(community: string, roomUuid: string, messages: Message[], size = PAGE_SIZE): PageRecord[] {
  const sorted = [...messages].sort(before);
  const pages: PageRecord[] = [];
  for (let i = 0; i < sorted.length; i += size) pages.push(pageOf(community, roomUuid, sorted.slice(i, i + size)));
  return pages;
}

interface PageCursor {
  value: PageRecord;
  continue(): Promise<PageCursor | null>;
}

/** A room's messages, newest first, one page at a time, until `take` says stop. */
export async function walkBack(store: { openCursor(range: IDBKeyRange, direction: IDBCursorDirection): Promise<PageCursor | null> }, community: string, uuid: string, take: (message: Message) => boolean): Promise<void> {
  let cursor = await store.openCursor(roomRange(community, uuid), 'prev');
  while (cursor) {
    const { messages } = cursor.value;
    for (let i = messages.length - 1; i >= 0; i--) if (!take(messages[i]!)) return;
    cursor = await cursor.continue();
  }
}
