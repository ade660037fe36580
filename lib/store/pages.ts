import type { Message } from '../circle/model';

/**
 * A room's messages are stored in pages: one record holds up to `PAGE_SIZE` messages of one
 * room, in (sentAt, id) order, so a burst into a room rewrites one or two records instead of
 * putting one per message (bench/README.md, "Throughput"). A page's key is where it starts in
 * that order; the pages of a room do not overlap, and a message belongs to the last page that
 * starts at or before it. The room's first page starts at (-∞, -∞), so an older message always
 * has a page. `ids` (multiEntry index `byMessage`) finds a message's page from its id alone, as
 * a deletion names it.
 */
export interface PageRecord {
  community: string;
  roomUuid: string;
  startAt: number;
  startId: number;
  messages: Message[];
  ids: [string, number][];
}

export type PageKey = [string, string, number, number];

export const PAGE_SIZE = 50;

/** Messages per page for a room bound: at most half of it, so a trimmed room holds under 1.5 × its bound. */
export function pageSize(messagesPerRoom: number): number {
  return Math.max(1, Math.min(PAGE_SIZE, Math.ceil(messagesPerRoom / 2)));
}
export const FIRST = -Infinity;

export function keyOf(page: Pick<PageRecord, 'community' | 'roomUuid' | 'startAt' | 'startId'>): PageKey {
  return [page.community, page.roomUuid, page.startAt, page.startId];
}

/** Every page of a room. */
export function roomRange(community: string, roomUuid: string): IDBKeyRange {
  return IDBKeyRange.bound([community, roomUuid], [community, roomUuid, []]);
}

/** (sentAt, id) order, the order of a room's timeline. */
export function before(a: Pick<Message, 'sentAt' | 'id'>, b: Pick<Message, 'sentAt' | 'id'>): number {
  return a.sentAt - b.sentAt || a.id - b.id;
}

/** Where a page starts, compared with a message's place. */
export function startsAfter(page: Pick<PageRecord, 'startAt' | 'startId'>, message: Pick<Message, 'sentAt' | 'id'>): boolean {
  return page.startAt > message.sentAt || (page.startAt === message.sentAt && page.startId > message.id);
}

export function pageOf(community: string, roomUuid: string, messages: Message[], first: boolean): PageRecord {
  const head = messages[0];
  return {
    community,
    roomUuid,
    startAt: first || !head ? FIRST : head.sentAt,
    startId: first || !head ? FIRST : head.id,
    messages,
    ids: messages.map((m) => [community, m.id]),
  };
}

/** A room's messages, sorted, as whole pages: what an upgrade writes. */
export function paginate(community: string, roomUuid: string, messages: Message[], size = PAGE_SIZE): PageRecord[] {
  const sorted = [...messages].sort(before);
  const pages: PageRecord[] = [];
  for (let i = 0; i < sorted.length; i += size) pages.push(pageOf(community, roomUuid, sorted.slice(i, i + size), i === 0));
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
