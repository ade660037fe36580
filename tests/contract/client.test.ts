// @vitest-environment node
/**
 * Every 200 example Circle publishes for an endpoint the extension calls, answered to OUR REST
 * client: nothing may be rejected, and what the extension shows must come out of it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CircleApi } from '../../lib/circle/api';
import { docOf, plainText, richTextOf } from '../../lib/circle/rich-text';
import { sentenceOf } from '../../lib/ui/notification';
import { Spec } from './openapi';

const spec = new Spec();
const BASE = '/api/headless/v1';
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A client whose Circle answers `body` to the one call, and records which URL it was asked. */
function clientAnswering(body: unknown) {
  const asked: string[] = [];
  const api = new CircleApi({
    circleUrl: 'https://app.circle.so',
    fetch: async (input, init) => {
      asked.push(`${init?.method ?? 'GET'} ${new URL(input).pathname}`);
      return new Response(body === undefined ? null : JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
    },
    accessToken: async () => 'access',
    refreshedToken: async () => 'access',
  });
  return { api, asked };
}

interface Call {
  path: string;
  method: 'get' | 'post';
  run(api: CircleApi, example: Json): Promise<void>;
}

const CALLS: Call[] = [
  {
    path: '/messages', method: 'get',
    async run(api, example) {
      const page = await api.rooms('c', 1, 20);
      expect(page.rejected).toBe(0);
      expect(page.records).toHaveLength(example.records.length);
      for (const [i, room] of page.records.entries()) {
        const record = example.records[i];
        expect(room).toMatchObject({ uuid: record.uuid, name: record.chat_room_name });
        expect(room.name).not.toBe('');
        if (record.last_message) expect(room.lastMessage?.sender?.name).toBe(record.last_message.sender.name);
        expect(room.muted).toBe(record.current_participant.muted ? true : undefined);
        expect(room.archived).toBe(record.current_participant.archived ? true : undefined);
        expect(room).not.toHaveProperty('pinnedAt');
      }
    },
  },
  {
    path: '/messages/{uuid}', method: 'get',
    async run(api, example) {
      const record = example.chat_room;
      const room = await api.room('c', record.uuid);
      expect(room).toMatchObject({ uuid: record.uuid, id: record.id, name: record.chat_room_name, kind: record.chat_room_kind });
      expect(room.participants.map((p) => p.publicUid)).toEqual(record.other_participants_preview.map((p: Json) => p.user_public_uid));
      expect(room.lastMessage).toMatchObject({ id: record.last_message.id, body: record.last_message.rich_text_body.circle_ios_fallback_text });
      expect(room.lastMessage?.sender).toMatchObject({ name: record.last_message.sender.name, publicUid: record.last_message.sender.user_public_uid });
    },
  },
  {
    path: '/messages/{chat_room_uuid}/chat_room_messages', method: 'get',
    async run(api, example) {
      const page = await api.messages('c', example.records[0].chat_room_uuid, { previous: 20, next: 0 });
      expect(page.rejected).toBe(0);
      expect(page.records).toHaveLength(example.records.length);
      expect(page.hasNext).toBe(example.has_next_page);
      for (const [i, message] of page.records.entries()) {
        const record = example.records[i];
        expect(message).toMatchObject({ id: record.id, body: record.body, sender: { name: record.sender.name, publicUid: record.sender.user_public_uid } });
        expect(message.sentAt).toBe(Date.parse(record.sent_at));
        expect(message.richText).toEqual(record.rich_text_body);
        expect(docOf(message.richText)?.type).toBe('doc');
        expect(plainText(message.richText, message.body)).toBe(record.rich_text_body.circle_ios_fallback_text);
      }
    },
  },
  {
    path: '/notifications', method: 'get',
    async run(api, example) {
      const page = await api.notifications('c', 1, 20);
      expect(page.rejected).toBe(0);
      expect(page.records).toHaveLength(example.records.length);
      for (const [i, notification] of page.records.entries()) {
        const record = example.records[i];
        expect(notification).toMatchObject({ id: record.id, actorName: record.actor_name, notifiableTitle: record.notifiable_title, url: record.action_web_url });
        const words = sentenceOf(notification, (key) => `<${key}>`).map((part) => part.text).join(' ');
        expect(words).not.toMatch(/translation missing/i);
        expect(words).toContain(record.actor_name);
        expect(notification.text ?? '').not.toMatch(/translation missing/i);
        // The verb is Circle's when it sent words, ours (a locale key) when it sent Rails' placeholder.
        if (/^translation missing/i.test(record.display_action)) expect(words).toBe(`${record.actor_name} <notificationDidComment> ${record.notifiable_title}`);
        else expect(words).toContain(record.display_action);
      }
    },
  },
  {
    path: '/notifications/new_notifications_count', method: 'get',
    async run(api, example) {
      expect(await api.newNotificationsCount()).toBe(example.new_notifications_count);
    },
  },
  {
    path: '/community_member', method: 'get',
    async run(api, example) {
      expect(await api.communityMember()).toMatchObject({ id: example.id, name: example.name });
    },
  },
  {
    path: '/chat_threads', method: 'get',
    async run(api, example) {
      const page = await api.threads('c', 1, 20);
      expect(page.rejected).toBe(0);
      expect(page.records).toHaveLength(example.records.length);
      for (const [i, { thread, parent, replies, rejected }] of page.records.entries()) {
        const record = example.records[i];
        expect(rejected).toBe(0);
        expect(thread).toMatchObject({ id: record.id, roomUuid: record.parent_message.chat_room_uuid, parentMessageId: record.parent_message.id, roomName: record.chat_room.name });
        expect(parent).toMatchObject({ id: record.parent_message.id, threadId: record.id, repliesCount: record.parent_message.replies_count });
        expect(replies.map((reply) => reply.id)).toEqual(record.replies.map((reply: Json) => reply.id));
        expect(replies.every((reply) => reply.parentId === parent.id && reply.threadId === record.id)).toBe(true);
        expect(thread.lastReply?.id).toBe(record.replies.at(-1).id);
      }
    },
  },
  {
    path: '/chat_threads/{id}', method: 'get',
    async run(api, example) {
      const { thread, parent, replies } = await api.thread('c', example.id);
      expect(thread).toMatchObject({ id: example.id, roomUuid: example.parent_message.chat_room_uuid, roomName: example.chat_room.name, parent: { id: example.parent_message.id, body: example.parent_message.body } });
      expect(parent.sender?.name).toBe(example.parent_message.sender.name);
      expect(replies.map((reply) => reply.id)).toEqual((example.replies ?? []).map((reply: Json) => reply.id));
    },
  },
  {
    path: '/chat_threads/unread_chat_threads', method: 'get',
    async run(api, example) {
      expect(await api.unreadThreadIds()).toEqual(example.chat_thread_ids);
    },
  },
  {
    path: '/messages/{uuid}/mark_all_as_read', method: 'post',
    run: (api) => api.markRoomRead('a3984545-56b4-4536-8c9d-b433296294ef'),
  },
  {
    path: '/notifications/reset_new_notifications_count', method: 'post',
    run: (api) => api.resetNewNotificationsCount(),
  },
  {
    path: '/notifications/mark_all_as_read', method: 'post',
    run: (api) => api.markAllNotificationsRead(),
  },
  {
    path: '/notifications/{id}/mark_as_read', method: 'post',
    run: (api, example) => api.markNotificationRead(example.id),
  },
];

const template = (path: string) => new RegExp(`^${BASE}${path.replace(/\{[^}]+\}/g, '[^/]+')}$`);

describe('Circle\'s 200 examples through our REST client', () => {
  for (const call of CALLS) {
    const examples = spec.examples(`${BASE}${call.path}`, call.method);
    // mark_all_as_read's only example has no value; its schema is `empty`, so Circle answers `{}`.
    const cases: [string, unknown][] = examples.length > 0 ? examples : [['empty', {}]];
    for (const [name, example] of cases) {
      it(`${call.method.toUpperCase()} ${call.path} (${name})`, async () => {
        const { api, asked } = clientAnswering(example);
        await call.run(api, example as Json);
        expect(asked).toHaveLength(1);
        expect(asked[0]).toMatch(new RegExp(`^${call.method.toUpperCase()} `));
        expect(asked[0]?.split(' ')[1]).toMatch(template(call.path));
      });
    }
  }

  it('covers every member-API call the client makes', () => {
    const source = readFileSync(new URL('../../lib/circle/api.ts', import.meta.url), 'utf8');
    const called = [...source.matchAll(/this\.call\(`([^`?]+)/g)].map((m) => m[1]!.replace(/\$\{[^}]+\}/g, '{}'));
    const covered = CALLS.map((call) => call.path.replace(/\{[^}]+\}/g, '{}'));
    expect(called.length).toBeGreaterThan(5);
    for (const path of called) expect(covered).toContain(path);
  });
});

describe('sending a message', () => {
  it('POST /messages/{chat_room_uuid}/chat_room_messages: the body the spec asks for, the 202 it answers', async () => {
    const sent: Json[] = [];
    const api = new CircleApi({
      circleUrl: 'https://app.circle.so',
      fetch: async (_input, init) => {
        sent.push(JSON.parse(String(init?.body)) as Json);
        return new Response(JSON.stringify({ creation_uuid: 'c0ffee00-0000-4000-8000-000000000001', parent_message_id: 7, sent_at: '2026-12-01T10:00:00Z' }), { status: 202, headers: { 'Content-Type': 'application/json' } });
      },
      accessToken: async () => 'access',
      refreshedToken: async () => 'access',
    });
    expect(await api.sendMessage('room', richTextOf('Hi <b>there</b>\nsecond line\n\nnext'), 7)).toEqual({ creationUuid: 'c0ffee00-0000-4000-8000-000000000001' });
    const validate = spec.compile(spec.requestSchema(`${BASE}/messages/{chat_room_uuid}/chat_room_messages`, 'post'));
    expect(validate(sent[0]) ? [] : validate.errors).toEqual([]);
    expect(sent[0]).toMatchObject({ parent_message_id: 7, rich_text_body: { circle_ios_fallback_text: 'Hi <b>there</b>\nsecond line\n\nnext' } });
    const doc = sent[0]!.rich_text_body.body;
    expect(doc.content.map((p: Json) => p.content.map((n: Json) => n.text ?? n.type))).toEqual([['Hi <b>there</b>', 'hardBreak', 'second line'], ['next']]);
  });
});
