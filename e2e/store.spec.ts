import { circleRooms, connections, control, DEMO, demoSettings, liveConnection, localCircle, signIn, storeDump, syncFinished, type Simulator } from './circle';
import { expect, test } from './fixtures';

let sim: Simulator;
test.beforeEach(async () => {
  sim = await localCircle();
});
test.afterEach(async () => {
  await sim.stop();
});

/** Post as another participant of each of the demo member's rooms, round robin. */
async function postAcrossRooms(count: number, tag: string): Promise<number[]> {
  const rooms = sim.community.roomsOf(DEMO.memberId);
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const room = rooms[i % rooms.length]!;
    const sender = room.participants.find((p) => p.memberId !== DEMO.memberId)!.memberId;
    const message = await control<{ id: number }>(sim, 'messages', { chat_room_uuid: room.uuid, sender_member_id: sender, body: `${tag} ${i}` });
    ids.push(message.id);
  }
  return ids;
}

test('200 messages posted while the extension was cut off are all stored exactly once, with Circle’s unread counts', async ({ serviceWorker }) => {
  await signIn(serviceWorker, demoSettings(sim));
  await liveConnection(sim);
  await expect.poll(() => syncFinished(serviceWorker), { timeout: 20_000 }).toBe(true);

  await control(sim, 'kill', { ms: 6_000 });
  const ids = await postAcrossRooms(200, 'while away');
  await liveConnection(sim, 20_000);

  await expect
    .poll(async () => {
      const stored = (await storeDump(serviceWorker)).messages.filter((m) => m.body.startsWith('while away'));
      return stored.length;
    }, { timeout: 20_000 })
    .toBe(200);
  const { messages, rooms } = await storeDump(serviceWorker);
  const stored = messages.filter((m) => ids.includes(m.id));
  expect(new Set(stored.map((m) => m.id)).size).toBe(200);
  expect(stored.map((m) => m.body).sort()).toEqual(Array.from({ length: 200 }, (_, i) => `while away ${i}`).sort());

  const truth = new Map((await circleRooms(sim)).map((r) => [r.uuid, r.unread_messages_count]));
  const unread = new Map(rooms.filter((r) => !r.deleted).map((r) => [r.uuid, r.unread]));
  expect(Object.fromEntries(unread)).toEqual(Object.fromEntries(truth));
  expect(await connections(sim)).toHaveLength(1);
});

test('a message delivered on all three chat channels is stored once and counted once', async ({ serviceWorker }) => {
  await signIn(serviceWorker, demoSettings(sim));
  await liveConnection(sim);
  await expect.poll(() => syncFinished(serviceWorker), { timeout: 20_000 }).toBe(true);
  const room = sim.community.roomsOf(DEMO.memberId)[0]!;
  const before = (await storeDump(serviceWorker)).rooms.find((r) => r.uuid === room.uuid)!.unread;
  await expect.poll(async () => (await connections(sim))[0]?.subscriptions.some((s) => s.includes(`"chat_room_id":${room.id}`))).toBe(true);

  const sender = room.participants.find((p) => p.memberId !== DEMO.memberId)!;
  const message = {
    id: 9_000_001,
    chat_room_uuid: room.uuid,
    chat_room_kind: room.kind,
    chat_room_participant_id: sender.id,
    body: 'one message, three channels',
    sent_at: new Date().toISOString(),
    created_at: new Date().toISOString(),
    sender: { id: sender.id, community_member_id: sender.memberId, name: 'Sender' },
    parent_message_id: null,
    chat_thread_id: null,
  };
  const payload = { event: 'newMessage', ...message };
  for (const stream of [`chat-room-channel-${DEMO.memberId}`, `chat-room-${room.id}-channel`, `chat-community-member-${DEMO.memberId}-threads-channel`]) {
    await control(sim, 'broadcast', { stream, payload });
  }
  await expect.poll(async () => (await storeDump(serviceWorker)).messages.filter((m) => m.id === message.id).length).toBe(1);
  await expect.poll(async () => (await storeDump(serviceWorker)).rooms.find((r) => r.uuid === room.uuid)!.unread).toBe(before + 1);
});
