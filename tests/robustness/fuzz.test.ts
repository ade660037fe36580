// @vitest-environment node
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { identifierFor } from '../../lib/cable';
import { subscribedCable } from './cable';
import { parseEvent } from '../../lib/circle/events';
import { CIRCLE_EVENTS } from '../../lib/circle/envelope';
import { openDatabase } from '../../lib/store/db';
import type { StoreEvent } from '../../lib/store/events';
import { Store } from '../../lib/store/store';

/**
 * Bad input never crashes and never corrupts: arbitrary frames go through our ActionCable
 * client, the envelope/schema normaliser and the reducer into a real (fake-indexeddb) store.
 */
const COMMUNITY = 'http://circle.test/7';
const CHANNEL = { channel: 'ChatRoomChannel', community_member_id: 7 };
const IDENTIFIER = identifierFor(CHANNEL);

const id = fc.oneof(fc.integer({ min: 1, max: 40 }), fc.constant(-1), fc.constant(0), fc.string(), fc.constant(null), fc.double());
const maybe = <T,>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const text = fc.oneof(fc.string(), fc.constant('<img src=x onerror=alert(1)>'), fc.constant('javascript:alert(1)'), fc.constant(null));
const messageRecord = fc.record({
  id,
  chat_room_uuid: fc.oneof(fc.constantFrom('r1', 'r2', 'r3'), fc.string(), fc.constant(null)),
  parent_message_id: maybe(id),
  chat_thread_id: maybe(id),
  body: maybe(text),
  sent_at: maybe(fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.string())),
  sender: maybe(fc.record({ community_member_id: maybe(id), name: maybe(text) })),
  replies_count: maybe(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.string())),
});
const payload = fc.oneof(
  messageRecord,
  fc.record({ chat_room_uuid: maybe(fc.string()), chat_room_id: maybe(id), chat_thread_id: maybe(id), new_notifications_count: maybe(fc.oneof(fc.integer({ min: -3, max: 500 }), fc.string())) }),
  fc.record({ id, uuid: maybe(fc.constantFrom('r1', 'r2', 'r3')), chat_room_name: maybe(text), unread_messages_count: maybe(fc.integer({ min: -2, max: 9 })) }),
  fc.jsonValue(),
);
const envelope = fc.oneof(
  fc.tuple(fc.constantFrom(...CIRCLE_EVENTS, 'somethingElse'), payload).map(([event, p]) => (typeof p === 'object' && p && !Array.isArray(p) ? { event, ...p } : { event, p })),
  fc.tuple(fc.constantFrom(...CIRCLE_EVENTS), payload).map(([type, p]) => ({ type, data: p })),
  fc.tuple(fc.constantFrom(...CIRCLE_EVENTS), payload).map(([event, p]) => ({ event, message: p })),
  fc.jsonValue(),
);
/** What the socket delivers: mostly well-formed frames, also garbage, truncation and binary. */
const frame = fc.oneof(
  { weight: 6, arbitrary: envelope.map((message) => JSON.stringify({ identifier: IDENTIFIER, message })) },
  { weight: 1, arbitrary: envelope.map((message) => JSON.stringify({ identifier: IDENTIFIER, message }).slice(0, -3)) },
  { weight: 1, arbitrary: fc.string() },
  { weight: 1, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 16 }).map((b) => b.buffer) },
  { weight: 1, arbitrary: fc.constantFrom('{"type":"ping","message":1}', '{"type":"confirm_subscription","identifier":"{}"}', '{"identifier":"nope","message":{}}', 'null', '[]') },
);

describe('arbitrary frames', () => {
  it('never throw, keep the connection, and leave the store consistent (10,000+ frames)', async () => {
    const { harness, received } = await subscribedCable(CHANNEL);
    const store = new Store(await openDatabase('fuzz'), { messagesPerRoom: 20, notifications: 20 });

    let frames = 0;
    let accepted = 0;
    let rejected = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(frame, { minLength: 80, maxLength: 160 }), async (batch) => {
        received.length = 0;
        for (const data of batch) harness.socket.receiveRaw(data);
        frames += batch.length;
        const events: StoreEvent[] = [];
        const kinds: Record<string, number> = {};
        for (const message of received) {
          const parsed = parseEvent(message, COMMUNITY, Date.now());
          if (parsed.ok) events.push(parsed.event);
          else kinds[parsed.kind] = (kinds[parsed.kind] ?? 0) + 1;
        }
        accepted += events.length;
        rejected += received.length - events.length;
        await store.apply(COMMUNITY, 7, events, kinds);
        expect(harness.cable.state).toBe('connected');
      }),
      { numRuns: 120 },
    );
    expect(frames).toBeGreaterThanOrEqual(10_000);

    const rooms = await store.rooms(COMMUNITY);
    for (const room of rooms) {
      expect(room.unread).toBeGreaterThanOrEqual(0);
      expect((await store.messages(COMMUNITY, room.uuid, 1_000)).length).toBeLessThanOrEqual(20);
    }
    expect((await store.notifications(COMMUNITY)).length).toBeLessThanOrEqual(20);
    expect((await store.counter(COMMUNITY, 'newNotifications')) ?? 0).toBeGreaterThanOrEqual(0);
    const diagnostics = await store.diagnostics(COMMUNITY);
    expect(Object.values(diagnostics).reduce((a, b) => a + b, 0)).toBe(rejected);
    expect(accepted).toBeGreaterThan(0);
    expect(harness.cable.status().diagnostics).toMatchObject({ invalid_json: expect.any(Number), binary_frame: expect.any(Number) });
  }, 120_000);
});
