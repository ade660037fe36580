import { queryWords, words } from './fold';
import { matchRanges, snippet, type Range, type Snippet } from './highlight';

/** A message as search keeps it: its plain text, not its rich text. */
export interface IndexedMessage {
  id: number;
  roomUuid: string;
  sentAt: number;
  senderName?: string;
  text: string;
  /** A thread reply: opened in its thread, not in the room's timeline. */
  threadId?: number;
  parentId?: number;
}

export interface IndexedRoom {
  uuid: string;
  /** As the member reads it (a DM's name is its people's). */
  name: string;
  lastActivityAt: number;
}

export interface MessageHit extends Omit<IndexedMessage, 'text'> {
  snippet: Snippet;
  senderRanges: Range[];
}

export interface RoomHit extends IndexedRoom {
  ranges: Range[];
}

export interface Results {
  words: string[];
  rooms: RoomHit[];
  messages: MessageHit[];
  /** Every message that matched, beyond the `limit` shown. */
  total: number;
}

export const LIMIT = 50;
const ROOM_LIMIT = 5;

/**
 * A word-prefix index over one community's messages (text and sender) and rooms (name).
 * Messages are documents numbered as they come; each distinct folded word keeps the list of
 * documents holding it (a posting list), and the words are kept sorted so a prefix is one
 * binary search and a walk. A query's words must all match (AND), a room's name counting for
 * its messages, so "general anna" finds Anna's messages in General.
 *
 * Additions never rebuild: a new word is appended and the list re-sorted at the next query
 * (one sort after a bulk load, not one insert per word). An edited or deleted message marks
 * its document dead; the edit comes in as a new document.
 */
export class SearchIndex {
  private readonly docs: (IndexedMessage | undefined)[] = [];
  private readonly docOf = new Map<number, number>();
  private readonly postings = new Map<string, number[]>();
  private sorted: string[] = [];
  private unsorted = false;
  private readonly rooms = new Map<string, IndexedRoom & { words: string[] }>();
  private readonly roomDocs = new Map<string, number[]>();
  private readonly senders = new Map<string, string[]>();
  private marks = new Uint32Array(0);
  /** Each document's sending time, apart from its record: ranking reads tens of thousands per keystroke. */
  private sentAt = new Float64Array(1024);
  private stamp = 0;
  private postingCount = 0;

  /** Adds messages, or replaces those already indexed whose text, sender or thread changed. */
  addMessages(messages: Iterable<IndexedMessage>): void {
    for (const message of messages) {
      const known = this.docOf.get(message.id);
      if (known !== undefined) {
        const old = this.docs[known]!;
        if (old.text === message.text && old.senderName === message.senderName && old.roomUuid === message.roomUuid) continue;
        this.docs[known] = undefined;
      }
      const doc = this.docs.length;
      this.docs.push(message);
      if (doc === this.sentAt.length) {
        const grown = new Float64Array(doc * 2);
        grown.set(this.sentAt);
        this.sentAt = grown;
      }
      this.sentAt[doc] = message.sentAt;
      this.docOf.set(message.id, doc);
      let room = this.roomDocs.get(message.roomUuid);
      if (!room) this.roomDocs.set(message.roomUuid, (room = []));
      room.push(doc);
      const own = words(message.text);
      for (const word of message.senderName ? new Set([...own, ...this.senderWords(message.senderName)]) : own) {
        const list = this.postings.get(word);
        if (list) list.push(doc);
        else {
          this.postings.set(word, [doc]);
          this.sorted.push(word);
          this.unsorted = true;
        }
        this.postingCount++;
      }
    }
  }

  /** A community has far fewer people than messages: each name is folded once. */
  private senderWords(name: string): string[] {
    let known = this.senders.get(name);
    if (!known) this.senders.set(name, (known = words(name)));
    return known;
  }

  /** A deleted message leaves the results; its words stay until the index is dropped. */
  removeMessage(id: number): void {
    const doc = this.docOf.get(id);
    if (doc === undefined) return;
    this.docs[doc] = undefined;
    this.docOf.delete(id);
  }

  has(id: number): boolean {
    return this.docOf.has(id);
  }

  /** How many of its room's timeline messages are newer than this one: how far back a room view must read to show it. */
  newerInRoom(id: number): number {
    const doc = this.docOf.get(id);
    const message = doc === undefined ? undefined : this.docs[doc];
    if (!message) return 0;
    let newer = 0;
    for (const other of this.roomDocs.get(message.roomUuid) ?? []) {
      const candidate = this.docs[other];
      if (candidate && !candidate.parentId && candidate.sentAt > message.sentAt) newer++;
    }
    return newer;
  }

  /** The rooms as they are now: names change, rooms leave. */
  setRooms(rooms: Iterable<IndexedRoom>): void {
    this.rooms.clear();
    for (const room of rooms) this.rooms.set(room.uuid, { ...room, words: words(room.name) });
  }

  /** What the index holds, for the bench's figures. */
  stats(): { messages: number; words: number; postings: number; rooms: number } {
    return { messages: this.docOf.size, words: this.postings.size, postings: this.postingCount, rooms: this.rooms.size };
  }

  search(query: string, limit = LIMIT): Results {
    const wanted = queryWords(query);
    if (!wanted.length) return { words: wanted, rooms: [], messages: [], total: 0 };
    if (this.unsorted) {
      this.sorted.sort();
      this.unsorted = false;
    }
    const roomsOf = wanted.map((word) => [...this.rooms.values()].filter((room) => room.words.some((w) => w.startsWith(word))));
    const rooms = [...this.rooms.values()]
      .filter((room) => roomsOf.every((matched) => matched.includes(room)))
      .sort((a, b) => b.lastActivityAt - a.lastActivityAt)
      .slice(0, ROOM_LIMIT)
      .map(({ words: _, ...room }) => ({ ...room, ranges: matchRanges(room.name, wanted) }));

    const hits = this.matching(wanted, roomsOf);
    const newest = newestFirst(hits, this.sentAt, limit);
    return {
      words: wanted,
      rooms,
      total: hits.length,
      messages: newest.map((doc) => {
        const { text, ...message } = this.docs[doc]!;
        return { ...message, snippet: snippet(text, wanted), senderRanges: message.senderName ? matchRanges(message.senderName, wanted) : [] };
      }),
    };
  }

  /**
   * Documents every word matches: each word's documents are stamped only if the previous word
   * stamped them, so the intersection costs one pass per word and no set is built. Plain loops
   * over the lists, no callback: a one-letter query visits most of the index.
   */
  private matching(wanted: readonly string[], roomsOf: readonly (readonly IndexedRoom[])[]): number[] {
    if (this.marks.length < this.docs.length) this.marks = new Uint32Array(Math.max(this.docs.length * 2, 1024));
    const { marks, docs, sorted, postings } = this;
    const base = this.stamp;
    this.stamp += wanted.length + 1;
    const hits: number[] = [];
    for (let k = 0; k < wanted.length; k++) {
      const word = wanted[k]!;
      const previous = base + k;
      const mine = previous + 1;
      const last = k === wanted.length - 1;
      const lists: number[][] = [];
      for (let i = lowerBound(sorted, word); i < sorted.length && sorted[i]!.startsWith(word); i++) lists.push(postings.get(sorted[i]!)!);
      for (const room of roomsOf[k]!) {
        const list = this.roomDocs.get(room.uuid);
        if (list) lists.push(list);
      }
      for (const list of lists) {
        for (let j = 0; j < list.length; j++) {
          const doc = list[j]!;
          const mark = marks[doc];
          // The first word stamps each of its documents once; a later one only those the word before it stamped.
          if (k === 0 ? mark === mine : mark !== previous) continue;
          marks[doc] = mine;
          if (last && docs[doc] !== undefined) hits.push(doc);
        }
      }
    }
    return hits;
  }
}

function lowerBound(sorted: readonly string[], word: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid]! < word) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * The `limit` newest of the hits, newest first, without sorting them all: once `limit` are
 * kept, most hits fail the one comparison with the oldest kept.
 */
function newestFirst(hits: readonly number[], sentAt: Float64Array, limit: number): number[] {
  const top: number[] = [];
  for (let i = hits.length - 1; i >= 0; i--) {
    const doc = hits[i]!;
    const sent = sentAt[doc]!;
    if (top.length === limit && sent <= sentAt[top[top.length - 1]!]!) continue;
    let j = top.length;
    while (j > 0 && sentAt[top[j - 1]!]! < sent) j--;
    top.splice(j, 0, doc);
    if (top.length > limit) top.pop();
  }
  return top;
}
