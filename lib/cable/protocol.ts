// The ActionCable wire format, as a Rails 6.1+ server speaks it (see docs/platform.md).

export const SUBPROTOCOL = 'actioncable-v1-json';
/** Offering only JSON: a server that cannot speak it must say so instead of half-working. */
export const PROTOCOLS: readonly string[] = [SUBPROTOCOL];

export const FrameType = {
  welcome: 'welcome',
  ping: 'ping',
  disconnect: 'disconnect',
  confirm: 'confirm_subscription',
  reject: 'reject_subscription',
} as const;

export const Command = {
  subscribe: 'subscribe',
  unsubscribe: 'unsubscribe',
} as const;

export const DisconnectReason = {
  unauthorized: 'unauthorized',
  invalidRequest: 'invalid_request',
  serverRestart: 'server_restart',
  remote: 'remote',
} as const;

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type ChannelParams = { channel: string } & { [key: string]: JsonValue };

export type Frame =
  | { type: 'welcome' }
  | { type: 'ping' }
  | { type: 'disconnect'; reason: string; reconnect: boolean }
  | { type: 'confirm_subscription'; identifier: string }
  | { type: 'reject_subscription'; identifier: string }
  /** `chars`: the frame's length, so what forwards the message can size it without serialising it again. */
  | { type: 'message'; identifier: string; message: unknown; chars: number };

export type ParseFailure = 'binary_frame' | 'invalid_json' | 'not_an_object' | 'unknown_type' | 'missing_field';

export type ParseResult =
  | { ok: true; frame: Frame }
  | { ok: false; reason: ParseFailure; detail: string };

const fail = (reason: ParseFailure, detail: string): ParseResult => ({ ok: false, reason, detail });

/** Never throws: every way a frame can be wrong comes back as a reason. */
export function parseFrame(data: unknown): ParseResult {
  if (typeof data !== 'string') return fail('binary_frame', describe(data));

  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return fail('invalid_json', `${data.length} chars`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail('not_an_object', Array.isArray(value) ? 'array' : typeof value);
  }
  const record = value as Record<string, unknown>;
  const { type, identifier } = record;

  if (type === undefined) {
    // Broadcasts are the only frames without a type.
    if (typeof identifier !== 'string') return fail('missing_field', 'identifier');
    if (!('message' in record)) return fail('missing_field', 'message');
    return { ok: true, frame: { type: 'message', identifier, message: record.message, chars: data.length } };
  }
  if (typeof type !== 'string') return fail('missing_field', 'type');

  switch (type) {
    case FrameType.welcome:
    case FrameType.ping:
      return { ok: true, frame: { type } };
    case FrameType.confirm:
    case FrameType.reject:
      if (typeof identifier !== 'string') return fail('missing_field', 'identifier');
      return { ok: true, frame: { type, identifier } };
    case FrameType.disconnect:
      return {
        ok: true,
        frame: {
          type,
          reason: typeof record.reason === 'string' && record.reason !== '' ? record.reason : 'unknown',
          // Only an explicit `false` may stop us: an ambiguous frame should not silence the app.
          reconnect: record.reconnect !== false,
        },
      };
    default:
      return fail('unknown_type', type.slice(0, 64));
  }
}

function describe(data: unknown): string {
  if (data instanceof ArrayBuffer) return `ArrayBuffer(${data.byteLength})`;
  if (ArrayBuffer.isView(data)) return `${data.constructor.name}(${data.byteLength})`;
  if (typeof Blob !== 'undefined' && data instanceof Blob) return `Blob(${data.size})`;
  return typeof data;
}

/**
 * The identifier is the server's key for a subscription and is echoed back verbatim, so it is
 * built once, with sorted keys, and never re-serialised: two spellings would be two subscriptions.
 */
export function identifierFor(params: ChannelParams): string {
  return JSON.stringify(sortKeys(params));
}

function sortKeys(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const sorted: { [key: string]: JsonValue } = {};
  for (const key of Object.keys(value).sort()) {
    const item = value[key];
    if (item !== undefined) sorted[key] = sortKeys(item);
  }
  return sorted;
}

export function subscribeCommand(identifier: string): string {
  return JSON.stringify({ command: Command.subscribe, identifier });
}

export function unsubscribeCommand(identifier: string): string {
  return JSON.stringify({ command: Command.unsubscribe, identifier });
}
