/**
 * `/_sim/*`: the control API as HTTP. These routes are a contract other tests and the demo
 * rely on; each one only validates its body and calls Control.
 */
import { z } from 'zod';
import { configPatchSchema } from './config';
import type { Control } from './control';
import { ENVELOPE_VARIANTS } from './envelope';
import { notFound, unprocessable } from './errors';
import type { Route, RouteRequest } from './http';
import { json, noContent, param } from './http';
import { NOTIFICATION_KINDS } from './notification-kinds';
import type { NotificationKindName } from './notification-kinds';

const id = z.number().int().positive();
const ms = z.number().int().min(0);
const memberBody = z.object({ community_member_id: id.optional() });
const kinds = Object.keys(NOTIFICATION_KINDS) as [NotificationKindName, ...NotificationKindName[]];

const schemas = {
  broadcast: z.object({ stream: z.string().min(1), payload: z.unknown() }),
  kill: z.object({ ms }),
  halfOpen: z.object({ ms, member_id: id.optional(), community_member_id: id.optional() }),
  disconnect: z.object({ community_member_id: id }),
  revoke: z.object({ token: z.string().min(1) }),
  activity: z.object({ per_minute: z.number().min(0).max(600) }),
  envelope: z.object({ variant: z.enum(ENVELOPE_VARIANTS) }),
  message: z.object({
    chat_room_uuid: z.string().min(1),
    sender_member_id: id,
    body: z.string(),
    parent_message_id: id.nullable().optional(),
    /** Sent earlier than now: a conversation that has waited for an answer, without a test waiting for it. */
    sent_at: z.iso.datetime().optional(),
  }),
  edit: z.object({ body: z.string() }),
  notification: z.object({
    community_member_id: id,
    kind: z.enum(kinds).optional(),
    actor_member_id: id.optional(),
    notifiable_title: z.string().optional(),
    space_title: z.string().optional(),
    notifiable_id: id.optional(),
    action: z.string().optional(),
    display_action: z.string().optional(),
    notifiable_type: z.string().optional(),
    actor_name: z.string().optional(),
    actor_image: z.string().optional(),
    notification_text_structure: z.array(z.string()).optional(),
    action_web_url: z.string().optional(),
    read_at: z.iso.datetime().nullable().optional(),
  }),
  room: z.object({
    kind: z.enum(['direct', 'group_chat']).default('group_chat'),
    community_member_ids: z.array(id).min(1),
    name: z.string().optional(),
    description: z.string().optional(),
    show_history: z.boolean().optional(),
    announce: z.boolean().optional(),
  }),
  roomChanges: z.object({ name: z.string().optional(), description: z.string().optional(), show_history: z.boolean().optional() }),
  tokens: z.object({ community_member_id: id, access_token_ttl_seconds: z.number().int().optional(), refresh_token_ttl_seconds: z.number().int().optional() }),
};

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (!result.success) throw unprocessable('Invalid control request.', z.flattenError(result.error).fieldErrors);
  return result.data;
}

const numericParam = (req: RouteRequest, name: string): number => {
  const raw = param(req, name);
  if (!/^\d+$/.test(raw)) throw notFound('Not found.');
  return Number(raw);
};

export function controlRoutes(control: Control): Route[] {
  const route = (method: string, pattern: string, handler: Route['handler']): Route => ({ method, pattern: `/_sim${pattern}`, handler });
  return [
    route('GET', '/health', () => json(control.health())),
    route('GET', '/connections', () => json({ connections: control.connections(), refused: control.refused() })),
    route('GET', '/config', () => json(control.config())),
    route('POST', '/config', (req) => json(control.configure(parse(configPatchSchema, req.body)))),
    route('POST', '/envelope', (req) => {
      const { variant } = parse(schemas.envelope, req.body);
      control.setEnvelope(variant);
      return json({ envelope: variant });
    }),
    route('POST', '/broadcast', (req) => {
      const { stream, payload } = parse(schemas.broadcast, req.body);
      return json({ delivered: control.broadcast(stream, payload) });
    }),
    route('POST', '/restart', () => json({ closed: control.restart() })),
    route('POST', '/kill', (req) => {
      const body = parse(schemas.kill, req.body);
      return json({ terminated: control.kill(body.ms), refusing_ms: body.ms });
    }),
    route('POST', '/half-open', (req) => {
      const body = parse(schemas.halfOpen, req.body);
      return json({ silenced: control.halfOpen(body.ms, body.member_id ?? body.community_member_id) });
    }),
    route('POST', '/disconnect', (req) => json({ closed: control.disconnect(parse(schemas.disconnect, req.body).community_member_id) })),
    route('POST', '/revoke', (req) => {
      const result = control.revoke(parse(schemas.revoke, req.body).token);
      if (!result) throw notFound('Token not found.');
      return json(result);
    }),
    route('POST', '/activity', (req) => {
      const { per_minute: perMinute } = parse(schemas.activity, req.body);
      control.setActivity(perMinute);
      return json({ per_minute: perMinute });
    }),
    route('POST', '/messages', (req) => {
      const body = parse(schemas.message, req.body);
      return json(control.postMessage({
        chatRoomUuid: body.chat_room_uuid, senderMemberId: body.sender_member_id, body: body.body, parentMessageId: body.parent_message_id,
        ...(body.sent_at ? { sentAt: new Date(body.sent_at) } : {}),
      }), 201);
    }),
    route('PUT', '/messages/:id', (req) => json(control.editMessage(numericParam(req, 'id'), parse(schemas.edit, req.body).body))),
    route('DELETE', '/messages/:id', (req) => {
      control.deleteMessage(numericParam(req, 'id'));
      return noContent();
    }),
    route('POST', '/notifications', (req) => {
      const { community_member_id: memberId, kind, actor_member_id: actorMemberId, notifiable_title: title, space_title: space, notifiable_id: notifiableId, ...rest } =
        parse(schemas.notification, req.body);
      const overrides = {
        action: rest.action, displayAction: rest.display_action, notifiableType: rest.notifiable_type, actorName: rest.actor_name,
        actorImage: rest.actor_image, textStructure: rest.notification_text_structure, actionWebUrl: rest.action_web_url,
        readAt: typeof rest.read_at === 'string' ? new Date(rest.read_at) : rest.read_at,
      };
      const defined = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
      return json(control.notify(memberId, { kind, actorMemberId, title, space, notifiableId, overrides: defined }), 201);
    }),
    route('POST', '/rooms', (req) => {
      const body = parse(schemas.room, req.body);
      return json(control.createRoom({
        kind: body.kind, memberIds: body.community_member_ids, name: body.name, description: body.description, showHistory: body.show_history, announce: body.announce,
      }), 201);
    }),
    route('PATCH', '/rooms/:uuid', (req) => {
      const body = parse(schemas.roomChanges, req.body);
      control.updateRoom(param(req, 'uuid'), { name: body.name, description: body.description, showHistory: body.show_history });
      return json({ success: true });
    }),
    route('DELETE', '/rooms/:uuid', (req) => {
      control.deleteRoom(param(req, 'uuid'));
      return noContent();
    }),
    route('POST', '/rooms/:uuid/pin', (req) => {
      control.pin(param(req, 'uuid'), parse(memberBody, req.body).community_member_id);
      return json({ success: true });
    }),
    route('POST', '/rooms/:uuid/unpin', (req) => {
      control.unpin(param(req, 'uuid'), parse(memberBody, req.body).community_member_id);
      return json({ success: true });
    }),
    route('POST', '/threads/:id/read', (req) => {
      control.readThread(numericParam(req, 'id'), parse(memberBody, req.body).community_member_id);
      return json({ success: true });
    }),
    route('POST', '/tokens', (req) => {
      const body = parse(schemas.tokens, req.body);
      return json(control.issueTokens(body.community_member_id, {
        accessTokenTtlSeconds: body.access_token_ttl_seconds, refreshTokenTtlSeconds: body.refresh_token_ttl_seconds,
      }));
    }),
  ];
}
