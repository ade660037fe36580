// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../index';
import { DEMO } from '../index';
import type { PageEnvelope } from '../paging';
import type { MessageRecord, RoomRecord, ThreadRecord } from '../records';
import { control, ids, memberApi, nextMessage, startTestSim, subscribedCable } from './helpers';

interface MessageWindow {
  id: number | null;
  has_previous_page: boolean;
  has_next_page: boolean;
  first_id: number | null;
  last_id: number | null;
  total_count: number;
  records: MessageRecord[];
}

let sim: Simulator;
let api: ReturnType<typeof memberApi>;
beforeEach(async () => {
  sim = await startTestSim();
  api = memberApi(sim, sim.issueTokens(DEMO.memberId).access_token);
});
afterEach(() => sim.stop());

const ROOM_KEYS = [
  'id', 'uuid', 'identifier', 'unread_messages_count', 'chat_room_kind', 'chat_room_name', 'chat_room_description',
  'chat_room_show_history', 'chat_room_participants_count', 'other_participants_preview', 'current_participant', 'last_message', 'first_unread_message_id',
];
const MESSAGE_KEYS = [
  'id', 'parent_message_id', 'edited_at', 'created_at', 'sent_at', 'chat_room_uuid', 'chat_room_participant_id', 'body', 'rich_text_body',
  'sender', 'chat_thread_id', 'replies_count', 'last_reply_at', 'total_thread_participants_count', 'thread_participants_preview', 'reactions',
  'bookmark_id', 'embedded_chat_message_access',
];
const MISSING = 'Oops! Missing record. Please try again later.';

const demoRoom = (index = 0) => {
  const room = sim.community.roomsOf(DEMO.memberId)[index];
  if (!room) throw new Error('no room');
  return room;
};
const foreignRoom = () => [...sim.community.rooms.values()].find((room) => !sim.community.participantOf(room, DEMO.memberId));

describe('GET /messages (chat rooms)', () => {
  it('lists the member\'s rooms by last activity in Circle\'s paging envelope, with Circle\'s record shape', async () => {
    const { status, body } = await api.get<PageEnvelope<RoomRecord>>('/messages');
    expect(status).toBe(200);
    expect(body).toMatchObject({ page: 1, per_page: 20, has_next_page: false, count: 16, page_count: 1 });
    expect(body.records).toHaveLength(16);
    for (const key of ROOM_KEYS) expect(body.records[0]).toHaveProperty(key);
    const times = body.records.map((room) => Date.parse(room.last_message?.created_at ?? ''));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const dm = body.records.find((room) => room.chat_room_kind === 'direct');
    expect(dm?.other_participants_preview[0]).toMatchObject({
      id: expect.any(Number), name: dm?.chat_room_name, avatar_url: expect.stringMatching(/^data:image\/svg\+xml;base64,/), community_member_id: expect.any(Number),
      user_public_uid: expect.stringMatching(/^[0-9a-f]{8}$/), muted: false, archived: false,
    });
    expect(dm?.current_participant).toMatchObject({ community_member_id: DEMO.memberId, muted: false });
    // Circle's room records carry no pin: it is only ever told live.
    for (const room of body.records) expect(room).not.toHaveProperty('pinned_at');
    expect(body.records.filter((room) => room.current_participant.muted).map((room) => room.chat_room_name)).toEqual(['Weekend Hikers']);
    expect(body.records.filter((room) => room.current_participant.archived)).toHaveLength(1);
  });

  it('pages: a short last page, a page past the end, per_page clamped to 100, bad values 422', async () => {
    const third = await api.get<PageEnvelope<RoomRecord>>('/messages?page=3&per_page=7');
    expect(third.body).toMatchObject({ page: 3, per_page: 7, has_next_page: false, count: 16, page_count: 3 });
    expect(third.body.records).toHaveLength(2);
    const second = await api.get<PageEnvelope<RoomRecord>>('/messages?page=2&per_page=7');
    expect(second.body.has_next_page).toBe(true);
    const past = await api.get<PageEnvelope<RoomRecord>>('/messages?page=9&per_page=7');
    expect(past).toMatchObject({ status: 200, body: { page: 9, has_next_page: false, records: [] } });
    expect((await api.get<PageEnvelope<RoomRecord>>('/messages?per_page=1000')).body.per_page).toBe(100);
    for (const query of ['per_page=0', 'page=0', 'page=abc', 'per_page=-5', 'page=1.5']) {
      expect(await api.get(`/messages?${query}`)).toMatchObject({ status: 422, body: { success: false } });
    }
  });
});

describe('one room, unread rooms, mark read', () => {
  it('GET /messages/{uuid} is the list record wrapped in chat_room; unknown and foreign rooms are 404', async () => {
    const list = (await api.get<PageEnvelope<RoomRecord>>('/messages')).body.records;
    const one = await api.get<{ chat_room: RoomRecord }>(`/messages/${list[3]?.uuid}`);
    expect(one).toMatchObject({ status: 200, body: { chat_room: list[3] } });
    expect(await api.get('/messages/00000000-0000-4000-8000-000000000000')).toMatchObject({
      status: 404, body: { success: false, message: MISSING, error_details: { message: 'Missing record: chat_room' } },
    });
    expect((await api.get(`/messages/${foreignRoom()?.uuid}`)).status).toBe(404);
  });

  it('unread_chat_rooms lists the rooms with unread messages; mark_all_as_read clears one and emits chatRoomRead', async () => {
    const unread = (await api.get<{ chat_rooms: string[] }>('/messages/unread_chat_rooms')).body.chat_rooms;
    expect(unread.length).toBeGreaterThanOrEqual(3);
    const [target] = unread;
    const cable = await subscribedCable(sim, DEMO.memberId, [ids.rooms(DEMO.memberId)]);
    expect(await api.post(`/messages/${target}/mark_all_as_read`)).toMatchObject({ status: 200, body: {} });
    expect(await nextMessage(cable, ids.rooms(DEMO.memberId))).toEqual({ event: 'chatRoomRead', chat_room_uuid: target });
    expect((await api.get<{ chat_room: RoomRecord }>(`/messages/${target}`)).body.chat_room.unread_messages_count).toBe(0);
    expect((await api.get<{ chat_rooms: string[] }>('/messages/unread_chat_rooms')).body.chat_rooms).toEqual(unread.slice(1));
    expect((await api.post(`/messages/${foreignRoom()?.uuid}/mark_all_as_read`)).status).toBe(404);
    cable.close();
  });
});

describe('GET /messages/{uuid}/chat_room_messages (the message window)', () => {
  it('defaults to the 20 messages before the newest, plus the newest', async () => {
    const room = demoRoom();
    const timeline = sim.community.timeline(room);
    const { body } = await api.get<MessageWindow>(`/messages/${room.uuid}/chat_room_messages`);
    const newest = timeline[timeline.length - 1]?.id;
    expect(body).toMatchObject({ id: newest, has_next_page: false, last_id: newest, total_count: timeline.length });
    expect(body.records).toHaveLength(Math.min(21, timeline.length));
    expect(body.has_previous_page).toBe(timeline.length > 21);
    expect(body.first_id).toBe(body.records[0]?.id);
    const recordIds = body.records.map((record) => record.id);
    expect(recordIds).toEqual([...recordIds].sort((a, b) => a - b));
    for (const key of MESSAGE_KEYS) expect(body.records[0]).toHaveProperty(key);
    expect(body.records[0]?.rich_text_body).toMatchObject({ body: { type: 'doc', content: [{ type: 'paragraph' }] }, circle_ios_fallback_text: body.records[0]?.body, format: 'chat' });
  });

  it('windows around a reference id, at the oldest edge, and pages back without gaps', async () => {
    const room = sim.community.roomsOf(DEMO.memberId).find((r) => sim.community.timeline(r).length > 25) ?? demoRoom();
    const timeline = sim.community.timeline(room).map((message) => message.id);
    const base = `/messages/${room.uuid}/chat_room_messages`;
    const oldest = await api.get<MessageWindow>(`${base}?id=${timeline[0]}&next_per_page=5`);
    expect(oldest.body).toMatchObject({ id: timeline[0], has_previous_page: false, has_next_page: true, first_id: timeline[0], last_id: timeline[5] });
    const only = await api.get<MessageWindow>(`${base}?id=${timeline[10]}&previous_per_page=0&next_per_page=0`);
    expect(only.body.records.map((r) => r.id)).toEqual([timeline[10]]);
    expect(only.body).toMatchObject({ has_previous_page: true, has_next_page: true });
    const newest = await api.get<MessageWindow>(`${base}?previous_per_page=4`);
    const before = await api.get<MessageWindow>(`${base}?id=${newest.body.first_id}&previous_per_page=4&next_per_page=0`);
    expect([...before.body.records, ...newest.body.records.slice(1)].map((r) => r.id)).toEqual(timeline.slice(-9));
  });

  it('clamps windows to 100, answers 422 for bad sizes and 404 for an unknown reference', async () => {
    const base = `/messages/${demoRoom().uuid}/chat_room_messages`;
    expect((await api.get<MessageWindow>(`${base}?previous_per_page=500`)).status).toBe(200);
    expect((await api.get(`${base}?previous_per_page=-1`)).status).toBe(422);
    expect((await api.get(`${base}?next_per_page=x`)).status).toBe(422);
    expect(await api.get(`${base}?id=1`)).toMatchObject({ status: 404, body: { success: false, message: MISSING, error_details: { message: 'Missing record: chat_room_message' } } });
  });
});

describe('one message: read, send, edit, delete', () => {
  it('GET one message; 404 for unknown ids and for a message of another room', async () => {
    const [a, b] = [demoRoom(0), demoRoom(1)];
    const message = sim.community.timeline(a)[0];
    expect((await api.get<MessageRecord>(`/messages/${a.uuid}/chat_room_messages/${message?.id}`)).body.id).toBe(message?.id);
    expect((await api.get(`/messages/${a.uuid}/chat_room_messages/42`)).status).toBe(404);
    expect((await api.get(`/messages/${b.uuid}/chat_room_messages/${message?.id}`)).status).toBe(404);
  });

  it('sends a message and a reply', async () => {
    const room = sim.community.roomsOf(DEMO.memberId).find((r) => r.kind === 'group_chat') ?? demoRoom();
    const base = `/messages/${room.uuid}/chat_room_messages`;
    const doc = (...paragraphs: unknown[][]) => ({ rich_text_body: { body: { type: 'doc', content: paragraphs.map((content) => ({ type: 'paragraph', content })) } } });
    const accepted = await api.post<{ creation_uuid: string; parent_message_id: number | null; sent_at: string }>(base, doc([{ type: 'text', text: 'Hello' }, { type: 'hardBreak' }, { type: 'text', text: 'from the test' }], [{ type: 'text', text: 'Second paragraph' }]));
    expect(accepted.status).toBe(202);
    expect(accepted.body).toEqual({ creation_uuid: expect.stringMatching(/^[0-9a-f-]{36}$/), parent_message_id: null, sent_at: expect.any(String) });
    const newest = (await api.get<{ records: MessageRecord[] }>(`${base}?previous_per_page=0`)).body.records[0]!;
    expect(newest).toMatchObject({ creation_uuid: accepted.body.creation_uuid, body: 'Hello\nfrom the test\n\nSecond paragraph', parent_message_id: null, chat_room_uuid: room.uuid, sender: { community_member_id: DEMO.memberId } });
    const sent = { body: newest };
    const reply = await api.post<{ parent_message_id: number }>(base, { ...doc([{ type: 'text', text: 'a reply' }]), parent_message_id: sent.body.id });
    expect(reply.body).toMatchObject({ parent_message_id: sent.body.id });
    const thread = sim.community.messages.get(sent.body.id)!.threadId;
    expect(thread).toEqual(expect.any(Number));
    expect((await api.get<MessageRecord>(`${base}/${sent.body.id}`)).body).toMatchObject({ replies_count: 1, chat_thread_id: thread });
    await control(sim, 'POST', '/config', { refuse_messages: true });
    const refused = await api.post<{ message: string }>(base, doc([{ type: 'text', text: 'not now' }]));
    expect(refused.status).toBe(422);
    expect(refused.body.message).toBe('You are not allowed to post in this chat.');
    await control(sim, 'POST', '/config', { refuse_messages: false });
    expect((await api.post(base, { body: '  ' })).status).toBe(422);
    expect((await api.post(base, {})).status).toBe(422);
    expect((await api.post(base, { body: 'x', parent_message_id: 1 })).status).toBe(422);
  });

  it('edits and deletes only the member\'s own messages', async () => {
    const room = demoRoom();
    const base = `/messages/${room.uuid}/chat_room_messages`;
    await api.post(base, { body: 'typo hree' });
    const mine = sim.community.timeline(room).at(-1)!;
    const edited = await api.put<MessageRecord>(`${base}/${mine.id}`, { body: 'typo here' });
    expect(edited.body).toMatchObject({ id: mine.id, body: 'typo here', edited_at: expect.any(String) });
    const theirs = sim.community.timeline(room).find((message) => message.senderId !== DEMO.memberId);
    expect((await api.put(`${base}/${theirs?.id}`, { body: 'hijack' })).status).toBe(403);
    expect((await api.del(`${base}/${theirs?.id}`)).status).toBe(403);
    expect((await api.del(`${base}/${mine.id}`)).status).toBe(204);
    expect((await api.get(`${base}/${mine.id}`)).status).toBe(404);
  });
});

describe('threads', () => {
  it('lists threads with their parent and replies, pages, and finds one by id', async () => {
    const { body } = await api.get<PageEnvelope<ThreadRecord>>('/chat_threads?per_page=5');
    expect(body).toMatchObject({ page: 1, per_page: 5, has_next_page: true });
    const [first] = body.records;
    expect(first).toMatchObject({ id: expect.any(Number), parent_message: { chat_thread_id: first?.id }, chat_room: { kind: expect.any(String), name: expect.any(String) } });
    expect(first?.replies.length).toBeGreaterThan(0);
    expect(first?.replies.every((reply) => reply.parent_message_id === first.parent_message.id)).toBe(true);
    expect((await api.get<ThreadRecord>(`/chat_threads/${first?.id}`)).body).toEqual(first);
    expect((await api.get<PageEnvelope<ThreadRecord>>(`/chat_threads?page=99`)).body.records).toEqual([]);
  });

  it('lists unread threads; unknown and foreign threads are 404', async () => {
    const unread = (await api.get<{ chat_thread_ids: number[] }>('/chat_threads/unread_chat_threads')).body.chat_thread_ids;
    expect(unread.length).toBeGreaterThanOrEqual(1);
    const thread = [...sim.community.threads.values()].find((t) => t.id === unread[0]);
    expect(thread && sim.community.threadUnreadCount(thread, DEMO.memberId)).toBeGreaterThan(0);
    expect(await api.get('/chat_threads/1')).toMatchObject({ status: 404, body: { success: false } });
    const foreign = [...sim.community.threads.values()].find((thread) => thread.roomId === foreignRoom()?.id);
    if (foreign) expect((await api.get(`/chat_threads/${foreign.id}`)).status).toBe(404);
  });
});
