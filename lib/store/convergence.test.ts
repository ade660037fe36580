// @vitest-environment node
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Message } from '../circle/model';
import { openDatabase } from './db';
import type { StoreEvent } from './events';
import { pageSize } from './pages';
import { Store } from './store';
import { COMMUNITY, ME, OTHER, message, room } from './testing';

/**
 * Rails fans broadcasts out over a worker pool and a reconnect replays what REST returns, so
 * the store must reach the same state whatever the order and however often events come.
 */
const ROOMS = ['r1', 'r2', 'r3'];

interface Script {
  events: StoreEvent[];
}

/** A valid history: rooms first, then messages, replies, edits, deletions, reads, pins, renames. */
const history: fc.Arbitrary<Script> = fc
  .array(
    fc.record({
      kind: fc.constantFrom('new', 'new', 'new', 'reply', 'edit', 'delete', 'read', 'threadRead', 'pin', 'unpin', 'rename'),
      room: fc.integer({ min: 0, max: ROOMS.length - 1 }),
      mine: fc.boolean(),
      pick: fc.nat(),
    }),
    { minLength: 1, maxLength: 40 },
  )
  .map((steps) => {
    let at = 1_000;
    const events: StoreEvent[] = ROOMS.map((uuid, i) => ({ type: 'chatRoomCreated', room: room(uuid, { id: i + 1, lastActivityAt: 0 }), at: at++ }));
    const alive: Message[] = [];
    let nextId = 1;
    for (const step of steps) {
      at += 10;
      const uuid = ROOMS[step.room]!;
      const target = alive.length ? alive[step.pick % alive.length] : undefined;
      const sender = { memberId: step.mine ? ME : OTHER, name: step.mine ? 'Me' : 'Ada' };
      switch (step.kind) {
        case 'new': {
          const m = message(nextId++, uuid, { sentAt: at, sender });
          alive.push(m);
          events.push({ type: 'newMessage', message: m, at });
          break;
        }
        case 'reply': {
          if (!target || target.parentId) break;
          const m = message(nextId++, target.roomUuid, { sentAt: at, sender, parentId: target.id, threadId: 1000 + target.id });
          alive.push(m);
          events.push({ type: 'newMessage', message: m, at });
          break;
        }
        case 'edit':
          if (target) events.push({ type: 'updatedMessage', message: { ...target, body: `edit ${at}`, editedAt: at }, at });
          break;
        case 'delete':
          if (target) {
            alive.splice(alive.indexOf(target), 1);
            events.push({ type: 'deletedMessage', id: target.id, at });
          }
          break;
        case 'read':
          events.push({ type: 'chatRoomRead', uuid, at });
          break;
        case 'threadRead':
          if (target?.threadId) events.push({ type: 'chatThreadRead', threadId: target.threadId, at });
          break;
        case 'pin':
          events.push({ type: 'chatRoomPinned', roomId: step.room + 1, pinnedAt: at, at });
          break;
        case 'unpin':
          events.push({ type: 'chatRoomUnPinned', roomId: step.room + 1, at });
          break;
        case 'rename':
          events.push({ type: 'chatRoomUpdated', uuid, name: `name ${at}`, at });
          break;
      }
    }
    return { events };
  });

/** Any order, any duplicates, any batching of the same events. */
function scrambled(script: Script) {
  return fc
    .tuple(
      fc.shuffledSubarray(script.events, { minLength: 0, maxLength: script.events.length }),
      fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 20 }),
      fc.nat(),
    )
    .chain(([dupes, sizes, seed]) =>
      fc.shuffledSubarray([...script.events, ...dupes], { minLength: script.events.length + dupes.length, maxLength: script.events.length + dupes.length }).map((events) => ({ events, sizes, seed })),
    );
}

let dbs = 0;
async function replay(events: readonly StoreEvent[], sizes: number[] = [events.length || 1], messagesPerPage?: number) {
  const store = new Store(await openDatabase(`convergence-${++dbs}`), { messagesPerRoom: 1_000, notifications: 1_000, messagesPerPage });
  for (let i = 0, b = 0; i < events.length; b++) {
    const size = sizes[b % sizes.length]!;
    await store.apply(COMMUNITY, ME, events.slice(i, i + size));
    i += size;
  }
  return store;
}

/** What a member can see: visible fields of rooms, shown messages and thread unread counts. */
async function visible(store: Store) {
  const rooms = await store.rooms(COMMUNITY);
  const out = [];
  for (const r of rooms) {
    const messages = (await store.messages(COMMUNITY, r.uuid, 10_000))
      .filter((m) => !m.placeholder)
      .map((m) => ({ id: m.id, body: m.body, deleted: !!m.deleted, replies: m.repliesCount, lastReplyAt: m.lastReplyAt, editedAt: m.editedAt }));
    out.push({ uuid: r.uuid, name: r.name, unread: r.unread, pinned: r.pinnedAt, lastActivityAt: r.lastActivityAt, last: r.lastMessage?.id, messages });
  }
  return out;
}

describe('the reducer converges', () => {
  it('any interleaving and duplication ends like applying each distinct event once, in order', async () => {
    await fc.assert(
      fc.asyncProperty(history.chain((script) => scrambled(script).map((s) => ({ script, ...s }))), async ({ script, events, sizes }) => {
        const expected = await visible(await replay(script.events));
        const actual = await visible(await replay(events, sizes));
        expect(actual).toEqual(expected);
        for (const r of actual) expect(r.unread).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 500, seed: 20261127 },
    );
  }, 60_000);

  it('ends the same in pages of one to four messages, each room in (sentAt, id) order', async () => {
    await fc.assert(
      fc.asyncProperty(history.chain((script) => scrambled(script).map((s) => ({ script, ...s }))), fc.integer({ min: 1, max: 4 }), async ({ script, events, sizes }, perPage) => {
        const expected = await visible(await replay(script.events));
        const paged = await replay(events, sizes, perPage);
        expect(await visible(paged)).toEqual(expected);
        for (const uuid of ROOMS) {
          const stored = await paged.messages(COMMUNITY, uuid, 10_000);
          expect(stored).toEqual([...stored].sort((a, b) => a.sentAt - b.sentAt || a.id - b.id));
          for (const m of stored) expect(await paged.message(COMMUNITY, m.id)).toEqual(m);
        }
      }),
      { numRuns: 200, seed: 20261202 },
    );
  }, 60_000);

  it('keeps retention bounds whatever arrives', async () => {
    await fc.assert(
      fc.asyncProperty(history, fc.integer({ min: 1, max: 5 }), async (script, bound) => {
        const store = new Store(await openDatabase(`retention-${++dbs}`), { messagesPerRoom: bound, notifications: bound });
        await store.apply(COMMUNITY, ME, script.events);
        const unbounded = await replay(script.events);
        // Whole pages go: a room keeps its newest `bound`, and less than a page more.
        for (const uuid of ROOMS) {
          const kept = (await store.messages(COMMUNITY, uuid, 10_000)).map((m) => m.id);
          const all = (await unbounded.messages(COMMUNITY, uuid, 10_000)).map((m) => m.id);
          expect(kept.length).toBeLessThan(bound + pageSize(bound));
          expect(kept.slice(-bound)).toEqual(all.slice(-bound));
        }
      }),
      { numRuns: 60, seed: 20261127 },
    );
  }, 60_000);
});
