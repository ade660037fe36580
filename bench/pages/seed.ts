/**
 * Fills Circle Live's cache (IndexedDB `circle-live`, the shapes of lib/circle/model.ts and the
 * keys of lib/store/db.ts, messages in pages as lib/store/pages.ts lays them out) up to a large community: `rooms` rooms, each holding exactly
 * `messagesPerRoom` messages (Circle Live keeps 100 per room by default). The rooms the first
 * sync stored stay and are topped up with older history; the rest are written here. Runs in an
 * extension page of Circle Live (bundled into ext-helpers.ts).
 *
 * The added rooms get negative ids: the brain subscribes `Chats::RoomChannel` only for rooms
 * with a positive id, and the simulator would reject these rooms, which Circle never made.
 */
import type { Message as StoredMessage } from '../../lib/circle/model';
import { paginate, type PageRecord } from '../../lib/store/pages';

interface Person {
  id?: number;
  memberId?: number;
  name: string;
  avatarUrl?: string;
}

interface Room {
  community: string;
  uuid: string;
  id: number;
  kind: string;
  name: string;
  participants: Person[];
  participantsCount?: number;
  lastActivityAt: number;
  lastMessage?: { id: number; body: string; sender?: Person; sentAt: number };
  unread: number;
  deleted?: true;
}

interface Message {
  community: string;
  id: number;
  roomUuid: string;
  sentAt: number;
  body: string;
  richText?: unknown;
  sender?: Person;
  repliesCount: number;
  announced?: true;
}

export interface SeedSpec {
  community: string;
  rooms: number;
  messagesPerRoom: number;
  /** First id of the messages written here; ids above it are the bench's own. */
  firstMessageId: number;
}

const WORDS = ['Launch', 'Design', 'Makers', 'Book club', 'Pottery', 'Weekend', 'Garden', 'Robotics', 'Bakers', 'Runners', 'Field notes', 'Studio', 'Support', 'Travel', 'Hiking', 'Sketch', 'Knitting', 'Code review', 'Events', 'Mentors'];
const LINES = [
  'Morning all, the kiln is free from ten if anyone wants a slot.',
  'I uploaded the photos from Saturday, they came out great!',
  'Can someone double-check the sign-up sheet before we send it?',
  'Running ten minutes late, start without me.',
  'That glaze recipe worked, thanks for the tip about the cone temperature.',
  'Who is bringing the extension cord next week?',
  'Draft agenda is in the shared folder, comments welcome until Friday.',
  'Love this! Adding it to the newsletter.',
  'Quick reminder: the workshop moved to the small room.',
  'Here is the link to the recording, the audio gets better after minute four.',
  'Yes please, count me in for the Sunday session.',
  'I think we should split the group into two tracks next month and see how it goes.',
];

function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function committed(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

const richText = (body: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: body }] }] });

export async function seedCache(db: IDBDatabase, spec: SeedSpec) {
  const started = performance.now();
  const random = prng(20241025);
  const { community } = spec;
  const range = IDBKeyRange.bound([community], [community, []]);
  const read = db.transaction(['rooms', 'pages']);
  const existing = ((await done(read.objectStore('rooms').getAll(range))) as Room[]).filter((room) => !room.deleted);
  const pages = read.objectStore('pages');
  const held = await Promise.all(
    existing.map(async (room) => {
      const stored = ((await done(pages.getAll(IDBKeyRange.bound([community, room.uuid], [community, room.uuid, []])))) as PageRecord[]).flatMap((page) => page.messages) as unknown as Message[];
      return { stored, count: stored.length, oldestAt: stored[0]?.sentAt ?? room.lastActivityAt };
    }),
  );
  const people = new Map<string, Person>();
  for (const room of existing) for (const person of room.participants) people.set(person.name, person);
  const pool = [...people.values()];
  const now = Date.now();

  const rooms: Room[] = [];
  const messages: Message[] = [];
  let nextId = spec.firstMessageId;
  const history = (room: Room, count: number, newestAt: number, participants: Person[]) => {
    const list: Message[] = [];
    for (let k = 0; k < count; k++) {
      const body = LINES[Math.floor(random() * LINES.length)]!;
      list.push({
        community,
        id: nextId++,
        roomUuid: room.uuid,
        sentAt: Math.round(newestAt - k * (3 + random() * 40) * 60_000),
        body,
        richText: richText(body),
        sender: participants[Math.floor(random() * participants.length)],
        repliesCount: 0,
        announced: true,
      });
    }
    return list;
  };

  existing.forEach((room, i) => {
    const missing = spec.messagesPerRoom - held[i]!.count;
    if (missing > 0) messages.push(...history(room, missing, held[i]!.oldestAt - 60_000, room.participants.length ? room.participants : pool));
  });
  for (let i = 0; rooms.length + existing.length < spec.rooms; i++) {
    const direct = i % 3 === 0;
    const participants = Array.from({ length: direct ? 1 : 2 + Math.floor(random() * 4) }, () => pool[Math.floor(random() * pool.length)]!);
    const lastActivityAt = Math.round(now - (i + 1) * 50 * 60_000 * (0.5 + random()));
    const room: Room = {
      community,
      uuid: `bench-room-${i}`,
      id: -(i + 1),
      kind: direct ? 'direct' : 'group',
      name: direct ? '' : `${WORDS[i % WORDS.length]} ${Math.floor(i / WORDS.length) + 1}`,
      participants,
      participantsCount: participants.length + 1,
      lastActivityAt,
      unread: i % 9 === 0 ? 1 + (i % 4) : 0,
    };
    const list = history(room, spec.messagesPerRoom, lastActivityAt, participants);
    const newest = list[0]!;
    room.lastMessage = { id: newest.id, body: newest.body, sender: newest.sender, sentAt: newest.sentAt };
    rooms.push(room);
    messages.push(...list);
  }

  const roomsTx = db.transaction('rooms', 'readwrite');
  for (const room of rooms) roomsTx.objectStore('rooms').put(room);
  await committed(roomsTx);
  // A topped-up room's pages are written again whole, its stored messages among the new ones.
  const byRoom = new Map<string, Message[]>(existing.map((room, i) => [room.uuid, [...held[i]!.stored]]));
  for (const message of messages) {
    const list = byRoom.get(message.roomUuid);
    if (list) list.push(message);
    else byRoom.set(message.roomUuid, [message]);
  }
  const all = [...byRoom].flatMap(([uuid, list]) => paginate(community, uuid, list as unknown as StoredMessage[]));
  for (let start = 0; start < all.length; start += 100) {
    const tx = db.transaction('pages', 'readwrite');
    const store = tx.objectStore('pages');
    for (const uuid of new Set(all.slice(start, start + 100).map((page) => page.roomUuid))) store.delete(IDBKeyRange.bound([community, uuid], [community, uuid, []]));
    for (const page of all.slice(start, start + 100)) store.put(page);
    await committed(tx);
  }
  return { addedRooms: rooms.length, addedMessages: messages.length, syntheticRooms: rooms.map((room) => room.uuid), ms: performance.now() - started };
}
