// @vitest-environment node
/**
 * The local Circle's answers, in each seeded case the extension meets, validated against the
 * response schemas of Circle's OpenAPI file (tightened by its own examples, see openapi.ts),
 * and the live feed's records against the same schemas.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../simulator/index';
import { DEMO } from '../../simulator/index';
import type { Room } from '../../simulator/model';
import { ids, memberApi, nextMessage, startTestSim, subscribedCable } from '../../simulator/test/helpers';
import { errorsOf, Spec, strictSchema } from './openapi';

const spec = new Spec();
const BASE = '/api/headless/v1';
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Where the file contradicts itself, its examples win: `GET /messages` declares its records
 * as the wrapped `{chat_room: …}` of `GET /messages/{uuid}`, but its example lists them bare.
 * Where it says nothing: a room without messages (only ever made live here) has
 * `last_message: null`, as Rails renders a missing record; the spec shows no such room.
 */
function schemaOf(path: string, method: string): unknown {
  const schema = spec.schema(`${BASE}${path}`, method) as Json;
  if (path === '/messages' && method === 'get') {
    const bare = schema.properties.records.items.properties.chat_room;
    const room = { ...bare, properties: { ...bare.properties, last_message: { ...bare.properties.last_message, nullable: true } } };
    return { ...schema, properties: { ...schema.properties, records: { type: 'array', items: room } } };
  }
  return schema;
}

const validators = new Map<string, ReturnType<Spec['compile']>>();
function validatorFor(path: string, method: string) {
  const key = `${method} ${path}`;
  let validate = validators.get(key);
  if (!validate) {
    const examples = spec.examples(`${BASE}${path}`, method).map(([, value]) => value);
    validate = spec.compile(strictSchema(schemaOf(path, method), examples));
    validators.set(key, validate);
  }
  return validate;
}

/** The errors of `body` against the endpoint's schema; none is the pass. */
function violations(path: string, method: string, body: unknown): string[] {
  const validate = validatorFor(path, method);
  return validate(body) ? [] : errorsOf(validate);
}

/** Schemas of single records, for the live feed: the REST answers' items. */
const recordSchema = {
  message: () => (schemaOf('/messages/{chat_room_uuid}/chat_room_messages', 'get') as Json).properties.records.items,
  room: () => (schemaOf('/messages', 'get') as Json).properties.records.items,
  notification: () => (schemaOf('/notifications', 'get') as Json).properties.records.items,
};

let sim: Simulator;
let api: ReturnType<typeof memberApi>;
beforeAll(async () => {
  sim = await startTestSim();
  api = memberApi(sim, sim.issueTokens(DEMO.memberId).access_token);
});
afterAll(() => sim.stop());

const room = (name: string): Room => {
  const found = [...sim.community.rooms.values()].find((r) => r.name === name || (r.kind === 'direct' && name.startsWith('dm:') && r.participants.some((p) => p.memberId === Number(name.slice(3)))) && sim.community.participantOf(r, DEMO.memberId));
  if (!found) throw new Error(`no room ${name}`);
  return found;
};

describe('the spec\'s own examples pass the schemas as these tests tighten them', () => {
  for (const [path, method] of [['/messages', 'get'], ['/messages/{uuid}', 'get'], ['/messages/{chat_room_uuid}/chat_room_messages', 'get'], ['/notifications', 'get'], ['/community_member', 'get'], ['/notifications/new_notifications_count', 'get'], ['/chat_threads', 'get'], ['/chat_threads/{id}', 'get'], ['/chat_threads/unread_chat_threads', 'get']] as const) {
    it(`${method.toUpperCase()} ${path}`, () => {
      for (const [name, example] of spec.examples(`${BASE}${path}`, method)) expect(violations(path, method, example), name).toEqual([]);
    });
  }
});

describe('the simulator answers as Circle\'s spec says', () => {
  const cases: [string, string, string, () => string][] = [
    ['rooms, page 1', 'get', '/messages', () => '/messages?page=1&per_page=10'],
    ['rooms, page 2', 'get', '/messages', () => '/messages?page=2&per_page=10'],
    ['one group room', 'get', '/messages/{uuid}', () => `/messages/${room('Launch Crew').uuid}`],
    ['one DM', 'get', '/messages/{uuid}', () => `/messages/${room('dm:2401').uuid}`],
    ['the archived DM', 'get', '/messages/{uuid}', () => `/messages/${room('dm:2409').uuid}`],
    ['messages with a link, a mention and a hard break', 'get', '/messages/{chat_room_uuid}/chat_room_messages', () => `/messages/${room('Launch Crew').uuid}/chat_room_messages?previous_per_page=30`],
    ['messages with bold, italic and an inline picture', 'get', '/messages/{chat_room_uuid}/chat_room_messages', () => `/messages/${room('Design Crit').uuid}/chat_room_messages?previous_per_page=30`],
    ['messages with an attachment only', 'get', '/messages/{chat_room_uuid}/chat_room_messages', () => `/messages/${room('dm:2401').uuid}/chat_room_messages?previous_per_page=30`],
    ['a window around an id', 'get', '/messages/{chat_room_uuid}/chat_room_messages', () => {
      const r = room('Weekend Hikers');
      return `/messages/${r.uuid}/chat_room_messages?id=${sim.community.timeline(r)[5]?.id}&previous_per_page=3&next_per_page=3`;
    }],
    ['unread rooms', 'get', '/messages/unread_chat_rooms', () => '/messages/unread_chat_rooms'],
    ['notifications', 'get', '/notifications', () => '/notifications?page=1&per_page=50&sort=latest&status=all'],
    ['unread notifications', 'get', '/notifications', () => '/notifications?status=unread'],
    ['new notifications count', 'get', '/notifications/new_notifications_count', () => '/notifications/new_notifications_count'],
    ['the member', 'get', '/community_member', () => '/community_member'],
    ['threads, page 1', 'get', '/chat_threads', () => '/chat_threads?page=1&per_page=20'],
    ['threads, page 2', 'get', '/chat_threads', () => '/chat_threads?page=2&per_page=5'],
    ['one thread', 'get', '/chat_threads/{id}', () => `/chat_threads/${sim.community.threadsOf(DEMO.memberId)[0]?.id}`],
    ['unread threads', 'get', '/chat_threads/unread_chat_threads', () => '/chat_threads/unread_chat_threads'],
  ];
  for (const [name, method, path, url] of cases) {
    it(`${name}: ${method.toUpperCase()} ${path}`, async () => {
      const { status, body } = await api.get<Json>(url());
      expect(status).toBe(200);
      expect(violations(path, method, body)).toEqual([]);
    });
  }

  it('the seeded rich text: a link, a mention by sgid with its map entry, a hard break, bold, italic, files', async () => {
    const messages = async (r: Room) => (await api.get<Json>(`/messages/${r.uuid}/chat_room_messages?previous_per_page=40`)).body.records as Json[];
    const nodes = (m: Json): Json[] => m.rich_text_body.body.content.flatMap((p: Json) => p.content);
    const launch = (await messages(room('Launch Crew'))).find((m) => nodes(m).some((n) => n.type === 'mention'));
    const mention = launch && nodes(launch).find((n) => n.type === 'mention');
    expect(mention?.attrs).toEqual({ sgid: expect.stringMatching(/^[A-Za-z0-9+/=]+--[0-9a-f]{40}$/) });
    expect(launch?.rich_text_body.sgids_to_object_map[mention?.attrs.sgid]).toMatchObject({ type: 'CommunityMember', id: DEMO.memberId, name: DEMO.name });
    expect(launch?.rich_text_body.community_members).toEqual([expect.objectContaining({ id: DEMO.memberId, rich_text_field_sgid: mention?.attrs.sgid })]);
    expect(launch && nodes(launch).map((n) => n.type)).toContain('hardBreak');
    expect(launch && nodes(launch).some((n) => n.marks?.some((mark: Json) => mark.type === 'link' && mark.attrs.href.startsWith(DEMO.origin)))).toBe(true);
    expect(launch?.rich_text_body.circle_ios_fallback_text).toBe(launch?.body);
    expect(launch?.body).toContain(`@${DEMO.name}`);
    const crit = await messages(room('Design Crit'));
    const marks = crit.flatMap((m) => nodes(m).flatMap((n) => (n.marks ?? []).map((mark: Json) => mark.type)));
    expect(marks).toEqual(expect.arrayContaining(['bold', 'italic']));
    expect(crit.some((m) => m.rich_text_body.inline_attachments.length === 1)).toBe(true);
    const imageOnly = (await messages(room('dm:2401'))).find((m) => m.rich_text_body.attachments.length > 0);
    expect(imageOnly).toMatchObject({ body: '', rich_text_body: { circle_ios_fallback_text: '', body: { content: [] } } });
    expect(imageOnly?.rich_text_body.attachments[0]).toMatchObject({ filename: 'launch-banner.svg', content_type: 'image/svg+xml', byte_size: expect.any(Number), url: expect.stringMatching(/^data:image\//) });
  });

  it('message ids are global across rooms', () => {
    const all = [...sim.community.rooms.values()].flatMap((r) => r.messages.map((m) => m.id));
    expect(new Set(all).size).toBe(all.length);
  });

  it('marking read and resetting answer as the spec says', async () => {
    const [uuid] = (await api.get<{ chat_rooms: string[] }>('/messages/unread_chat_rooms')).body.chat_rooms;
    const read = await api.post<Json>(`/messages/${uuid}/mark_all_as_read`);
    expect(read.status).toBe(200);
    expect(violations('/messages/{uuid}/mark_all_as_read', 'post', read.body)).toEqual([]);
    const reset = await api.post<Json>('/notifications/reset_new_notifications_count');
    expect(violations('/notifications/reset_new_notifications_count', 'post', reset.body)).toEqual([]);
    const [first] = (await api.get<Json>('/notifications?status=unread')).body.records as Json[];
    const marked = await api.post<Json>(`/notifications/${first?.id}/mark_as_read`);
    expect(marked.status).toBe(200);
    expect(violations('/notifications/{id}/mark_as_read', 'post', marked.body)).toEqual([]);
    const all = await api.post<Json>('/notifications/mark_all_as_read');
    expect(all.status).toBe(200);
    // The spec gives this call no schema and an example without a value: a 200 is all it promises.
    expect(typeof all.body).toBe('object');
    expect((await api.get<Json>('/notifications?status=unread')).body.records).toEqual([]);
  });

  it('a message sent with the spec\'s request body: 202 in the spec\'s shape, the message in the room in the GET shape', async () => {
    const r = room('Launch Crew');
    const body = { rich_text_body: { body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'From the contract' }] }] }, circle_ios_fallback_text: 'From the contract' } };
    expect(spec.compile(spec.requestSchema(`${BASE}/messages/{chat_room_uuid}/chat_room_messages`, 'post'))(body)).toBe(true);
    const accepted = await api.post<Json>(`/messages/${r.uuid}/chat_room_messages`, body);
    expect(accepted.status).toBe(202);
    const validate = spec.compile(strictSchema(spec.schema(`${BASE}/messages/{chat_room_uuid}/chat_room_messages`, 'post', '202'), []));
    expect(validate(accepted.body) ? [] : errorsOf(validate)).toEqual([]);
    const window = (await api.get<Json>(`/messages/${r.uuid}/chat_room_messages?previous_per_page=0`)).body;
    expect(violations('/messages/{chat_room_uuid}/chat_room_messages', 'get', window)).toEqual([]);
    expect(window.records[0]).toMatchObject({ creation_uuid: accepted.body.creation_uuid, body: 'From the contract' });
  });

  it('the live feed carries records in the same shapes', async () => {
    const cable = await subscribedCable(sim, DEMO.memberId, [ids.rooms(DEMO.memberId), ids.notifications(DEMO.memberId)]);
    const check = (schema: unknown, value: unknown) => {
      const validate = spec.compile(strictSchema(schema, []));
      expect(validate(value) ? [] : errorsOf(validate)).toEqual([]);
    };
    sim.control.postMessage({ chatRoomUuid: room('dm:2402').uuid, senderMemberId: 2402, body: 'Live one\nwith a break' });
    const { event: _m, ...message } = await nextMessage<Json>(cable, ids.rooms(DEMO.memberId));
    expect(_m).toBe('newMessage');
    check(recordSchema.message(), message);
    expect(message.rich_text_body.body.content[0].content.map((n: Json) => n.type)).toEqual(['text', 'hardBreak', 'text']);
    sim.control.createRoom({ kind: 'direct', memberIds: [DEMO.memberId, 2412] });
    const { event: _r, ...created } = await nextMessage<Json>(cable, ids.rooms(DEMO.memberId));
    expect(_r).toBe('chatRoomCreated');
    check(recordSchema.room(), created);
    sim.control.notify(DEMO.memberId, { kind: 'comment' });
    const { event: _n, ...notification } = await nextMessage<Json>(cable, ids.notifications(DEMO.memberId));
    expect(_n).toBe('newNotification');
    check(recordSchema.notification(), notification);
    cable.close();
  });

  it('a thread reply on the threads channel is a message in the thread\'s reply shape, and the thread lists it', async () => {
    const cable = await subscribedCable(sim, DEMO.memberId, [ids.threads(DEMO.memberId)]);
    const thread = sim.community.threadsOf(DEMO.memberId)[0]!;
    const parent = sim.community.messages.get(thread.parentId)!;
    const roomUuid = sim.community.rooms.get(thread.roomId)!.uuid;
    const sender = sim.community.threadParticipantIds(thread).find((id) => id !== DEMO.memberId) ?? 2401;
    sim.control.postMessage({ chatRoomUuid: roomUuid, senderMemberId: sender, body: 'A reply in the thread', parentMessageId: parent.id });
    const { event, ...reply } = await nextMessage<Json>(cable, ids.threads(DEMO.memberId));
    expect(event).toBe('newMessage');
    const replySchema = (schemaOf('/chat_threads', 'get') as Json).properties.records.items.properties.replies.items;
    const validate = spec.compile(strictSchema(replySchema, []));
    expect(validate(reply) ? [] : errorsOf(validate)).toEqual([]);
    expect(reply).toMatchObject({ parent_message_id: parent.id, chat_thread_id: thread.id });
    const listed = (await api.get<Json>(`/chat_threads/${thread.id}`)).body;
    expect(violations('/chat_threads/{id}', 'get', listed)).toEqual([]);
    expect(listed.replies.at(-1)).toMatchObject({ id: reply.id, body: 'A reply in the thread' });
    expect((await api.get<Json>('/chat_threads/unread_chat_threads')).body.chat_thread_ids).toContain(thread.id);
    cable.close();
  });

  it('the member API\'s 404 is Circle\'s error body', async () => {
    const missing = await api.get<Json>('/messages/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    const validate = spec.compile(spec.component('error'));
    expect(validate(missing.body)).toBe(true);
    expect(missing.body).toEqual({ success: false, message: 'Oops! Missing record. Please try again later.', error_details: { message: 'Missing record: chat_room' } });
  });
});
