// @vitest-environment node
/**
 * Side effects travel the cable as Circle's would: who hears about what, on which channel,
 * and how the REST counts follow.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../index';
import { DEMO } from '../index';
import type { Room } from '../model';
import type { MessageRecord, NotificationRecord, RoomRecord } from '../records';
import type { RawClient } from '../testing/raw-client';
import { control, ids, memberApi, messagesWithin, nextMessage, startTestSim, subscribedCable } from './helpers';

let sim: Simulator;
let api: ReturnType<typeof memberApi>;
let room: Room;
let otherId: number;
let a: RawClient;
let b: RawClient;

beforeEach(async () => {
  sim = await startTestSim();
  api = memberApi(sim, sim.issueTokens(DEMO.memberId).access_token);
  const group = sim.community.roomsOf(DEMO.memberId).find((r) => r.kind === 'group_chat');
  if (!group) throw new Error('no group room');
  room = group;
  otherId = room.participants.find((p) => p.memberId !== DEMO.memberId)?.memberId ?? 0;
  a = await subscribedCable(sim, DEMO.memberId, [ids.rooms(DEMO.memberId), ids.room(room.id), ids.threads(DEMO.memberId), ids.notifications(DEMO.memberId)]);
  b = await subscribedCable(sim, otherId, [ids.rooms(otherId), ids.threads(otherId)]);
});
afterEach(async () => {
  a.close();
  b.close();
  await sim.stop();
});

const post = (senderId: number, body: string, parentId?: number) =>
  control<MessageRecord>(sim, 'POST', '/messages', { chat_room_uuid: room.uuid, sender_member_id: senderId, body, parent_message_id: parentId });
const unread = async () => (await api.get<{ chat_room: RoomRecord }>(`/messages/${room.uuid}`)).body.chat_room.unread_messages_count;

describe('messages', () => {
  it('a message from B reaches A\'s ChatRoomChannel and the room channel, not B\'s own, and raises A\'s unread count', async () => {
    const before = await unread();
    const sent = await post(otherId, 'Standup notes are in the doc');
    expect(sent.status).toBe(201);
    const onRooms = await nextMessage(a, ids.rooms(DEMO.memberId));
    expect(onRooms).toMatchObject({ event: 'newMessage', id: sent.body.id, body: 'Standup notes are in the doc', chat_room_uuid: room.uuid, chat_room_kind: 'group_chat' });
    expect(await nextMessage(a, ids.room(room.id))).toEqual(onRooms);
    expect(await messagesWithin(b, ids.rooms(otherId))).toEqual([]);
    expect(await unread()).toBe(before + 1);
    expect((await api.get<{ chat_rooms: string[] }>('/messages/unread_chat_rooms')).body.chat_rooms).toContain(room.uuid);
  });

  it('a reply from B reaches the room channel and A\'s threads channel (A wrote the parent), not ChatRoomChannel', async () => {
    const parent = (await post(DEMO.memberId, 'Who can review the launch post?')).body;
    await nextMessage(a, ids.room(room.id));
    await nextMessage(b, ids.rooms(otherId));
    const before = await unread();
    const reply = (await post(otherId, 'I can, after lunch', parent.id)).body;
    const onThreads = await nextMessage(a, ids.threads(DEMO.memberId));
    expect(onThreads).toMatchObject({ event: 'newMessage', id: reply.id, parent_message_id: parent.id, chat_thread_id: reply.chat_thread_id, chat_thread_replies_count: 1 });
    expect(await nextMessage(a, ids.room(room.id))).toEqual(onThreads);
    expect(await nextMessage(b, ids.threads(otherId))).toEqual(onThreads);
    expect(await messagesWithin(a, ids.rooms(DEMO.memberId))).toEqual([]);
    expect(await unread()).toBe(before);
    expect((await api.get<{ chat_thread_ids: number[] }>('/chat_threads/unread_chat_threads')).body.chat_thread_ids).toContain(reply.chat_thread_id);
    const thread = sim.community.threads.get(reply.chat_thread_id!);
    expect(thread && sim.community.threadUnreadCount(thread, DEMO.memberId)).toBe(1);
  });

  it('an edit emits updatedMessage on the room channel, and on the threads channel for a reply', async () => {
    const parent = (await post(DEMO.memberId, 'Parent')).body;
    const reply = (await post(otherId, 'Reply with a tpyo', parent.id)).body;
    await a.quiet(50);
    const edited = await control<MessageRecord>(sim, 'PUT', `/messages/${reply.id}`, { body: 'Reply with a typo' });
    expect(edited.body).toMatchObject({ body: 'Reply with a typo', edited_at: expect.any(String) });
    const onRoom = await nextMessage(a, ids.room(room.id));
    expect(onRoom).toMatchObject({ event: 'updatedMessage', id: reply.id, body: 'Reply with a typo' });
    expect(await nextMessage(a, ids.threads(DEMO.memberId))).toEqual(onRoom);
  });

  it('a deletion emits deletedMessage {id, parent_message} on the room channel (and threads for a reply)', async () => {
    const parent = (await post(DEMO.memberId, 'Parent')).body;
    const reply = (await post(otherId, 'Oops, wrong room', parent.id)).body;
    await a.quiet(50);
    expect((await control(sim, 'DELETE', `/messages/${reply.id}`)).status).toBe(204);
    const onRoom = await nextMessage(a, ids.room(room.id));
    expect(onRoom).toMatchObject({ event: 'deletedMessage', id: reply.id, parent_message: { id: parent.id, replies_count: 0 } });
    expect(await nextMessage(a, ids.threads(DEMO.memberId))).toEqual(onRoom);
    expect((await control(sim, 'DELETE', `/messages/${parent.id}`)).status).toBe(204);
    expect(await nextMessage(a, ids.room(room.id))).toEqual({ event: 'deletedMessage', id: parent.id, parent_message: null });
    expect((await api.get(`/messages/${room.uuid}/chat_room_messages/${parent.id}`)).status).toBe(404);
  });
});

describe('rooms', () => {
  it('a room created with announce: false is first heard of through its first message', async () => {
    const created = await control<RoomRecord>(sim, 'POST', '/rooms', { kind: 'direct', community_member_ids: [2412, DEMO.memberId], announce: false });
    expect(created.status).toBe(201);
    await control(sim, 'POST', '/messages', { chat_room_uuid: created.body.uuid, sender_member_id: 2412, body: 'Hello there' });
    expect(await nextMessage(a, ids.rooms(DEMO.memberId))).toMatchObject({ event: 'newMessage', chat_room_uuid: created.body.uuid, body: 'Hello there' });
  });

  it('creating a room emits chatRoomCreated to each participant, as they see it', async () => {
    const created = await control<RoomRecord>(sim, 'POST', '/rooms', { kind: 'group_chat', community_member_ids: [DEMO.memberId, otherId], name: 'Launch retro' });
    expect(created.status).toBe(201);
    const forA = await nextMessage<RoomRecord & { event: string }>(a, ids.rooms(DEMO.memberId));
    expect(forA).toMatchObject({ event: 'chatRoomCreated', uuid: created.body.uuid, chat_room_name: 'Launch retro', current_participant: { community_member_id: DEMO.memberId } });
    expect(await nextMessage(b, ids.rooms(otherId))).toMatchObject({ event: 'chatRoomCreated', current_participant: { community_member_id: otherId } });
    expect((await api.get<RoomRecord>(`/messages/${created.body.uuid}`)).status).toBe(200);
  });

  it('pin and unpin emit chatRoomPinned and chatRoomUnPinned; the room record, as Circle\'s, names no pin', async () => {
    expect((await control(sim, 'POST', `/rooms/${room.uuid}/pin`, {})).status).toBe(200);
    const pinned = await nextMessage(a, ids.rooms(DEMO.memberId));
    expect(pinned).toEqual({ event: 'chatRoomPinned', chat_room_id: room.id, pinned_at: expect.any(String) });
    const record = (await api.get<{ chat_room: RoomRecord }>(`/messages/${room.uuid}`)).body.chat_room;
    expect(record).not.toHaveProperty('pinned_at');
    expect(record.current_participant).not.toHaveProperty('pinned_at');
    await control(sim, 'POST', `/rooms/${room.uuid}/unpin`, { community_member_id: DEMO.memberId });
    expect(await nextMessage(a, ids.rooms(DEMO.memberId))).toEqual({ event: 'chatRoomUnPinned', chat_room_id: room.id });
  });

  it('an update emits chatRoomUpdated on ChatRoomChannel and the room channel; a deletion chatRoomDeleted', async () => {
    await control(sim, 'PATCH', `/rooms/${room.uuid}`, { name: 'Renamed', description: 'New topic' });
    const updated = await nextMessage(a, ids.rooms(DEMO.memberId));
    expect(updated).toEqual({ event: 'chatRoomUpdated', uuid: room.uuid, chat_room_name: 'Renamed', chat_room_description: 'New topic', chat_room_show_history: true, pinned_message: null });
    expect(await nextMessage(a, ids.room(room.id))).toEqual(updated);
    expect((await control(sim, 'DELETE', `/rooms/${room.uuid}`)).status).toBe(204);
    expect(await nextMessage(a, ids.rooms(DEMO.memberId))).toEqual({ event: 'chatRoomDeleted', chat_room_uuid: room.uuid });
    expect((await api.get(`/messages/${room.uuid}`)).status).toBe(404);
  });

  it('reading a thread emits chatThreadRead and clears it', async () => {
    const [threadId] = (await api.get<{ chat_thread_ids: number[] }>('/chat_threads/unread_chat_threads')).body.chat_thread_ids;
    expect((await control(sim, 'POST', `/threads/${threadId}/read`, { community_member_id: DEMO.memberId })).status).toBe(200);
    expect(await nextMessage(a, ids.threads(DEMO.memberId))).toEqual({ event: 'chatThreadRead', chat_thread_id: threadId });
    expect((await api.get<{ chat_thread_ids: number[] }>('/chat_threads/unread_chat_threads')).body.chat_thread_ids).not.toContain(threadId);
  });
});

describe('notifications', () => {
  it('a new notification emits newNotification, then updateNewNotificationCount', async () => {
    const before = (await api.get<{ new_notifications_count: number }>('/notifications/new_notifications_count')).body.new_notifications_count;
    const created = await control<NotificationRecord>(sim, 'POST', '/notifications', { community_member_id: DEMO.memberId, kind: 'like', actor_member_id: otherId, notifiable_title: 'Weekly wins thread' });
    expect(created.body).toMatchObject({ action: 'like', notifiable_title: 'Weekly wins thread', read_at: null });
    const [first, second] = await a.take(2);
    expect(JSON.parse(first ?? '{}')).toEqual({ identifier: ids.notifications(DEMO.memberId), message: { event: 'newNotification', ...created.body } });
    expect(JSON.parse(second ?? '{}')).toEqual({ identifier: ids.notifications(DEMO.memberId), message: { event: 'updateNewNotificationCount', new_notifications_count: before + 1 } });
    const overridden = await control<NotificationRecord>(sim, 'POST', '/notifications', {
      community_member_id: DEMO.memberId, display_action: 'waved at you', action_web_url: `${DEMO.origin}/u/x`, read_at: '2025-01-02T03:04:05.000Z',
    });
    expect(overridden.body).toMatchObject({ action: 'mention', display_action: 'waved at you', action_web_url: `${DEMO.origin}/u/x`, read_at: '2025-01-02T03:04:05.000Z' });
  });
});
