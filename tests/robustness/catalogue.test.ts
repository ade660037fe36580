// @vitest-environment node
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { identifierFor } from '../../lib/cable';
import { subscribedCable } from './cable';
import { parseEvent } from '../../lib/circle/events';
import { MAX_BODY_CHARS } from '../../lib/circle/model';
import { openDatabase } from '../../lib/store/db';
import type { StoreEvent } from '../../lib/store/events';
import { Store } from '../../lib/store/store';

/** Each kind of bad input the brief names: a clear, counted rejection, or a safe keep. */
const COMMUNITY = 'http://circle.test/7';
const CHANNEL = { channel: 'Chats::RoomChannel', chat_room_id: 1 };
const IDENTIFIER = identifierFor(CHANNEL);
let dbs = 0;
async function pipeline() {
  const { harness, received } = await subscribedCable(CHANNEL);
  const store = new Store(await openDatabase(`catalogue-${++dbs}`));
  return {
    harness,
    store,
    async deliver(...frames: unknown[]) {
      received.length = 0;
      for (const frame of frames) harness.socket.receiveRaw(frame);
      const events: StoreEvent[] = [];
      const rejected: Record<string, number> = {};
      for (const message of received) {
        const parsed = parseEvent(message, COMMUNITY, 1_000_000);
        if (parsed.ok) events.push(parsed.event);
        else rejected[parsed.kind] = (rejected[parsed.kind] ?? 0) + 1;
      }
      await store.apply(COMMUNITY, 7, events, rejected);
      return rejected;
    },
  };
}

const message = (fields: Record<string, unknown>) =>
  JSON.stringify({ identifier: IDENTIFIER, message: { event: 'newMessage', id: 1, chat_room_uuid: 'r1', sent_at: '2026-11-27T10:00:00Z', sender: { name: 'Ada', community_member_id: 8 }, ...fields } });

describe('the bad-input catalogue', () => {
  it('counts invalid JSON and binary frames and stays connected', async () => {
    const { harness, deliver } = await pipeline();
    await deliver('{"identifier":', new Uint8Array([1, 2, 3]).buffer, 'not json at all');
    expect(harness.cable.state).toBe('connected');
    expect(harness.cable.status().diagnostics).toMatchObject({ invalid_json: 2, binary_frame: 1 });
  });

  it('counts an unknown event and a newMessage without its fields, and keeps them out of the store', async () => {
    const { deliver, store } = await pipeline();
    const rejected = await deliver(
      JSON.stringify({ identifier: IDENTIFIER, message: { event: 'typingStarted', id: 1 } }),
      JSON.stringify({ identifier: IDENTIFIER, message: { event: 'newMessage', body: 'no id' } }),
    );
    expect(rejected).toEqual({ unknown_event: 1, invalid_newMessage: 1 });
    expect(await store.rooms(COMMUNITY)).toEqual([]);
    expect(await store.diagnostics(COMMUNITY)).toEqual({ unknown_event: 1, invalid_newMessage: 1 });
  });

  it('stores a 1 MB body capped and marked, never dropped', async () => {
    const { deliver, store } = await pipeline();
    await deliver(message({ body: 'x'.repeat(1024 * 1024) }));
    const stored = await store.message(COMMUNITY, 1);
    expect(stored?.body).toHaveLength(MAX_BODY_CHARS);
    expect(stored?.truncated).toBe(true);
  });

  it('keeps HTML and script in bodies and names as plain text', async () => {
    const { deliver, store } = await pipeline();
    const html = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    await deliver(message({ body: html, sender: { name: html, community_member_id: 8 } }));
    expect(await store.message(COMMUNITY, 1)).toMatchObject({ body: html, sender: { name: html } });
  });
});
