/**
 * The chat half of Circle's member API (/api/headless/v1): rooms, their messages, threads.
 */
import { z } from 'zod';
import { requireMember } from './auth';
import type { SimContext } from './context';
import { CircleError, missingRecord, unprocessable } from './errors';
import type { Route, RouteRequest } from './http';
import { json, noContent, param } from './http';
import type { Member, Message, Room } from './model';
import { paginate, windowParams } from './paging';

export const MEMBER_API = '/api/headless/v1';

const messageFields = z.object({
  body: z.string(),
  parent_message_id: z.number().int().nullable().optional(),
});
/** Circle's Rails controllers usually nest params under the model name; accept both. */
const legacyBody = z.union([messageFields, z.object({ chat_room_message: messageFields }).transform((b) => b.chat_room_message)]);
/** What Circle's spec asks for: a TipTap document in `rich_text_body`, `parent_message_id` for a reply. */
const specBody = z
  .object({
    rich_text_body: z.object({ body: z.object({ type: z.literal('doc'), content: z.array(z.unknown()) }) }),
    parent_message_id: z.number().int().nullable().optional(),
  })
  .transform((b) => ({ body: textOfDoc(b.rich_text_body.body.content), parent_message_id: b.parent_message_id }));
const messageBody = z.union([specBody, legacyBody]);

const node = z.object({ type: z.string(), text: z.string().optional(), content: z.array(z.unknown()).optional() });

/** The document as the plain body the model keeps: paragraphs part by a blank line, a hard break is a newline. */
function textOfDoc(content: unknown[]): string {
  const inline = (item: unknown): string => {
    const parsed = node.safeParse(item);
    if (!parsed.success) return '';
    if (parsed.data.type === 'hardBreak') return '\n';
    return (parsed.data.text ?? '') + (parsed.data.content ?? []).map(inline).join('');
  };
  return content.map(inline).join('\n\n');
}

export function parseMessageBody(body: unknown): z.infer<typeof messageFields> {
  const result = messageBody.safeParse(body);
  if (!result.success) throw unprocessable('Body can\'t be blank.', { body: ['can\'t be blank'] });
  return result.data;
}

function numericId(raw: string, record: string): number {
  if (!/^\d+$/.test(raw)) throw missingRecord(record);
  return Number(raw);
}

export function chatRoutes(ctx: SimContext): Route[] {
  const { community, records, actions } = ctx;

  const roomFor = (req: RouteRequest, member: Member): Room => {
    const room = community.roomByUuid(param(req, 'uuid'));
    if (!room || !community.participantOf(room, member.id)) throw missingRecord('chat_room');
    return room;
  };

  const messageIn = (room: Room, req: RouteRequest): Message => {
    const message = community.messages.get(numericId(param(req, 'id'), 'chat_room_message'));
    if (!message || message.roomId !== room.id || message.deletedAt) throw missingRecord('chat_room_message');
    return message;
  };

  const ownMessage = (req: RouteRequest): Message => {
    const member = requireMember(ctx, req);
    const message = messageIn(roomFor(req, member), req);
    if (message.senderId !== member.id) throw new CircleError(403, 'You can only change your own messages.');
    return message;
  };

  const route = (method: string, pattern: string, handler: Route['handler']): Route => ({ method, pattern: `${MEMBER_API}${pattern}`, handler });

  return [
    route('GET', '/messages', (req) => {
      const member = requireMember(ctx, req);
      return json({ ...paginate(community.roomsOf(member.id), req.query, (room) => records.room(room, member.id)), meta: {} });
    }),
    route('GET', '/messages/unread_chat_rooms', (req) => {
      const member = requireMember(ctx, req);
      const unread = community.roomsOf(member.id).filter((room) => community.unreadCount(room, member.id) > 0);
      return json({ chat_rooms: unread.map((room) => room.uuid) });
    }),
    route('GET', '/messages/:uuid', (req) => {
      const member = requireMember(ctx, req);
      // Circle wraps the one room; the list's rooms come bare.
      return json({ chat_room: records.room(roomFor(req, member), member.id) });
    }),
    route('POST', '/messages/:uuid/mark_all_as_read', (req) => {
      const member = requireMember(ctx, req);
      actions.markRoomRead(roomFor(req, member), member.id);
      return json({});
    }),
    route('GET', '/messages/:uuid/chat_room_messages', (req) => {
      const member = requireMember(ctx, req);
      const timeline = community.timeline(roomFor(req, member));
      const { referenceId, previous, next } = windowParams(req.query);
      const index = referenceId === null ? timeline.length - 1 : timeline.findIndex((message) => message.id === referenceId);
      if (referenceId !== null && index < 0) throw missingRecord('chat_room_message');
      const from = Math.max(0, index - previous);
      const to = index < 0 ? 0 : Math.min(timeline.length, index + next + 1);
      const window = timeline.slice(from, to);
      return json({
        id: timeline[index]?.id ?? null,
        has_previous_page: from > 0,
        has_next_page: to < timeline.length,
        first_id: window[0]?.id ?? null,
        last_id: window[window.length - 1]?.id ?? null,
        total_count: timeline.length,
        records: window.map((message) => records.message(message)),
      });
    }),
    route('POST', '/messages/:uuid/chat_room_messages', (req) => {
      const member = requireMember(ctx, req);
      const room = roomFor(req, member);
      if (ctx.config.refuseMessages) throw unprocessable('You are not allowed to post in this chat.', { base: ['is read only'] });
      const { body, parent_message_id: parentId = null } = parseMessageBody(req.body);
      const message = actions.sendMessage({ room, senderId: member.id, body, parentId });
      // Circle accepts and creates later: the answer names the message by its creation uuid only.
      return json({ creation_uuid: message.creationUuid, parent_message_id: message.parentId, sent_at: message.createdAt.toISOString() }, 202);
    }),
    route('GET', '/messages/:uuid/chat_room_messages/:id', (req) => {
      const member = requireMember(ctx, req);
      return json(records.message(messageIn(roomFor(req, member), req)));
    }),
    route('PUT', '/messages/:uuid/chat_room_messages/:id', (req) => {
      const message = ownMessage(req);
      return json(records.message(actions.editMessage(message.id, parseMessageBody(req.body).body)));
    }),
    route('DELETE', '/messages/:uuid/chat_room_messages/:id', (req) => {
      actions.deleteMessage(ownMessage(req).id);
      return noContent();
    }),
    route('GET', '/chat_threads', (req) => {
      const member = requireMember(ctx, req);
      return json(paginate(community.threadsOf(member.id), req.query, (thread) => records.thread(thread, member.id)));
    }),
    route('GET', '/chat_threads/unread_chat_threads', (req) => {
      const member = requireMember(ctx, req);
      const unread = community.threadsOf(member.id).filter((thread) => community.threadUnreadCount(thread, member.id) > 0);
      return json({ chat_thread_ids: unread.map((thread) => thread.id) });
    }),
    route('GET', '/chat_threads/:id', (req) => {
      const member = requireMember(ctx, req);
      const thread = community.threads.get(numericId(param(req, 'id'), 'chat_thread'));
      const room = thread && community.rooms.get(thread.roomId);
      const parent = thread && community.messages.get(thread.parentId);
      if (!thread || !room || !parent || parent.deletedAt || !community.participantOf(room, member.id)) {
        throw missingRecord('chat_thread');
      }
      return json(records.thread(thread, member.id));
    }),
  ];
}
