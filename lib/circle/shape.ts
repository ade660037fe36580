import { CIRCLE_EVENTS } from './envelope';

/**
 * The shape of a channel message Circle sent and we could not read: keys, types, nesting and
 * bucketed array lengths, so a member can show us Circle's live envelope without showing us
 * anything of theirs. No string, number or boolean value is kept; the one exception is a
 * string that is exactly one of Circle's event names, a closed list that is the very thing
 * the sample is for ("which key carries the event name").
 */
export interface ShapeSample {
  /** The rejection kind (`no_event_name`, `invalid_newMessage`…). */
  kind: string;
  shape: string;
  count: number;
  lastAt: number;
}

/** Distinct shapes kept, the most recent last. */
export const SHAPE_SAMPLES = 20;
const MAX_DEPTH = 6;
const MAX_KEYS = 24;
const MAX_SHAPE_CHARS = 600;
const EVENT_NAMES = new Set<string>(CIRCLE_EVENTS);
/** A key that reads as a field name; anything else (an id, a name, text used as a key) is masked. */
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,39}$/;

function bucket(length: number): string {
  if (length <= 1) return String(length);
  if (length < 10) return '2-9';
  return length < 100 ? '10-99' : '100+';
}

function keyOf(key: string): string {
  if (FIELD_NAME.test(key)) return key;
  return /^\d+$/.test(key) ? '<n>' : '<key>';
}

function shapeAt(value: unknown, depth: number): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[0]';
    if (depth >= MAX_DEPTH) return `[${bucket(value.length)} …]`;
    const items = [...new Set(value.slice(0, 10).map((item) => shapeAt(item, depth + 1)))];
    return `[${bucket(value.length)} ${items.slice(0, 2).join('|')}${items.length > 2 ? '|…' : ''}]`;
  }
  switch (typeof value) {
    case 'string':
      return EVENT_NAMES.has(value) ? `"${value}"` : 'str';
    case 'number':
      return 'num';
    case 'boolean':
      return 'bool';
    case 'object': {
      if (depth >= MAX_DEPTH) return '{…}';
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record).sort();
      const fields = keys.slice(0, MAX_KEYS).map((key) => `${keyOf(key)}:${shapeAt(record[key], depth + 1)}`);
      if (keys.length > MAX_KEYS) fields.push('…');
      return `{${fields.join(',')}}`;
    }
    default:
      return typeof value;
  }
}

export function shapeOf(value: unknown): string {
  const shape = shapeAt(value, 0);
  return shape.length > MAX_SHAPE_CHARS ? `${shape.slice(0, MAX_SHAPE_CHARS - 1)}…` : shape;
}

/** `newer` counted into `older`: a shape seen in both is added up and moved last; the oldest go past the limit. */
export function mergeShapes(older: readonly ShapeSample[], newer: readonly ShapeSample[], limit = SHAPE_SAMPLES): ShapeSample[] {
  let merged = [...older];
  for (const sample of newer) {
    const same = merged.find((m) => m.kind === sample.kind && m.shape === sample.shape);
    merged = merged.filter((m) => m !== same);
    merged.push({ ...sample, count: sample.count + (same?.count ?? 0) });
  }
  return merged.slice(-limit);
}

/** The samples with this message counted. */
export function recordShape(samples: readonly ShapeSample[], kind: string, message: unknown, at: number, limit = SHAPE_SAMPLES): ShapeSample[] {
  return mergeShapes(samples, [{ kind, shape: shapeOf(message), count: 1, lastAt: at }], limit);
}
