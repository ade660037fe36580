/**
 * Circle's seed names its events but not the key that carries the name, so every plausible
 * envelope is accepted here, once, and nowhere else (docs/circle-api.md, "unknown envelope"):
 *   {event: "newMessage", ...payload}     {type: "newMessage", ...payload}
 *   {event: "newMessage", data: {...}}    {event: "newMessage", message: {...}}  (record keyed by kind)
 * Anything else is a counted rejection with a reason, never an exception.
 */
export const CIRCLE_EVENTS = [
  'newNotification',
  'updateNewNotificationCount',
  'resetNewNotificationCount',
  'chatRoomCreated',
  'chatRoomUpdated',
  'chatRoomDeleted',
  'chatRoomRead',
  'chatRoomPinned',
  'chatRoomUnPinned',
  'newMessage',
  'updatedMessage',
  'deletedMessage',
  'chatThreadRead',
] as const;

export type CircleEventName = (typeof CIRCLE_EVENTS)[number];

export type Envelope =
  | { ok: true; event: CircleEventName; payload: Record<string, unknown> }
  | { ok: false; reason: 'not_an_object' | 'no_event_name' | 'unknown_event'; name?: string };

const KNOWN = new Set<string>(CIRCLE_EVENTS);
/** Keys under which a record may sit beside the event name. */
const RECORD_KEYS = new Set(['data', 'payload', 'message', 'chat_room', 'notification', 'chat_thread', 'record', 'json_message']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function openEnvelope(message: unknown): Envelope {
  if (!isRecord(message)) return { ok: false, reason: 'not_an_object' };
  const named = typeof message.event === 'string' ? 'event' : typeof message.type === 'string' ? 'type' : undefined;
  if (!named) return { ok: false, reason: 'no_event_name' };
  const name = message[named] as string;
  if (!KNOWN.has(name)) return { ok: false, reason: 'unknown_event', name: name.slice(0, 64) };
  const rest: Record<string, unknown> = { ...message };
  delete rest[named];
  const keys = Object.keys(rest);
  const only = keys.length === 1 ? keys[0]! : undefined;
  const inner = only === undefined ? undefined : rest[only];
  const payload = only !== undefined && RECORD_KEYS.has(only) && isRecord(inner) ? inner : rest;
  return { ok: true, event: name as CircleEventName, payload };
}
