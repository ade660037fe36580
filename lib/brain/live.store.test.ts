// @vitest-environment node
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { CircleApi } from '../circle/api';
import { openDatabase } from '../store/db';
import type { StoreEvent } from '../store/events';
import { Store } from '../store/store';
import { Live } from './live';
import type { HostItem } from '../wire/messages';
import { heard } from '../host/heard';

const COMMUNITY = 'http://circle.test/7';
let n = 0;

function frame(id: number): HostItem {
  const sentAt = new Date(Date.now() - 1_000).toISOString();
  return heard('{"channel":"ChatRoomChannel"}', {
      event: 'newMessage',
      id,
      chat_room_uuid: 'room-1',
      chat_room_kind: 'direct',
      chat_room_participant_id: 80,
      body: `text ${id}`,
      sent_at: sentAt,
      created_at: sentAt,
      sender: { id: 80, community_member_id: 8, name: 'Sender' },
      parent_message_id: null,
      chat_thread_id: null,
    },
    COMMUNITY,
    Date.now(),
  );
}

/** A real store that cannot take one message: as a reducer throw or a record IndexedDB refuses would. */
class Poisoned extends Store {
  constructor(
    db: Awaited<ReturnType<typeof openDatabase>>,
    private readonly poison: (event: StoreEvent) => Error | undefined,
  ) {
    super(db);
  }
  override apply(community: string, memberId: number, events: readonly StoreEvent[], rejected?: Record<string, number>, options?: { deferTrim?: boolean }) {
    const error = events.map(this.poison).find(Boolean);
    return error ? Promise.reject(error) : super.apply(community, memberId, events, rejected, options);
  }
}

async function setUp(poison: (event: StoreEvent) => Error | undefined) {
  const store = new Poisoned(await openDatabase(`live-store-${++n}`), poison);
  const warnings: unknown[][] = [];
  const live = new Live({ community: COMMUNITY, memberId: 7, store, api: { room: async () => Promise.reject(new Error('offline')) } as unknown as CircleApi, logger: { warn: (...args) => void warnings.push(args) }, onChange: () => undefined, onResync: () => undefined });
  return { store, live, warnings };
}

const idOf = (event: StoreEvent) => (event.type === 'newMessage' ? event.message.id : undefined);

describe('Live, a batch the store cannot take whole', () => {
  it('sets the one bad event aside, counted and logged without its text, and stores every other one', async () => {
    const { store, live, warnings } = await setUp((event) => (idOf(event) === 13 ? new TypeError('reducer broke') : undefined));
    const ids = Array.from({ length: 20 }, (_, i) => i + 1);
    await live.absorb({ seq: 1, items: ids.map(frame) });
    const stored = (await store.messages(COMMUNITY, 'room-1')).map((m) => m.id);
    expect(stored).toEqual(ids.filter((id) => id !== 13));
    expect(await store.diagnostics(COMMUNITY)).toEqual({ unstorable: 1 });
    expect(warnings.filter(([line]) => line !== 'could not fetch a room')).toEqual([['set aside an event the store cannot take', { type: 'newMessage', error: 'TypeError' }]]);
    expect(JSON.stringify(warnings)).not.toContain('text 13');
  });

  it('fails the whole batch when the storage itself fails, so the host sends it again', async () => {
    let full = true;
    const { store, live } = await setUp(() => (full ? new DOMException('full', 'QuotaExceededError') : undefined));
    await expect(live.absorb({ seq: 1, items: [frame(1), frame(2)] })).rejects.toMatchObject({ name: 'QuotaExceededError' });
    expect(await store.messages(COMMUNITY, 'room-1')).toEqual([]);
    expect(await store.diagnostics(COMMUNITY)).toEqual({});
    full = false;
    await live.absorb({ seq: 1, items: [frame(1), frame(2)] });
    expect((await store.messages(COMMUNITY, 'room-1')).map((m) => m.id)).toEqual([1, 2]);
  });

  it('counts a frame the host set aside as too large', async () => {
    const { store, live } = await setUp(() => undefined);
    await live.absorb({ seq: 1, items: [frame(1), { kind: 'set-aside', identifier: '{"channel":"ChatRoomChannel"}', bytes: 2_000_000 }] });
    expect(await store.diagnostics(COMMUNITY)).toEqual({ oversize: 1 });
    expect((await store.messages(COMMUNITY, 'room-1')).map((m) => m.id)).toEqual([1]);
  });
  it('stores nothing of a batch whose predecessor was not stored: it must not overtake it', async () => {
    const { store, live } = await setUp(() => undefined);
    expect(await live.absorb({ seq: 2, items: [frame(2)] }, Promise.resolve(false))).toBe(false);
    expect(await store.messages(COMMUNITY, 'room-1')).toEqual([]);
    expect(await live.absorb({ seq: 2, items: [frame(2)] }, Promise.resolve(true))).toBe(true);
    expect((await store.messages(COMMUNITY, 'room-1')).map((m) => m.id)).toEqual([2]);
  });
});
