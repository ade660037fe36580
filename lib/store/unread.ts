import type { UnreadFields } from '../circle/model';

/**
 * Unread counts that converge whatever order events come in. A count alone cannot: a read
 * that overtakes a newer message would zero it. So a record keeps Circle's last known count
 * (`unreadBase`, true at `unreadBaseAt`) plus the live messages counted since, with their
 * times; a read drops what was sent before it, a deletion drops its own entry.
 */

/**
 * Beyond this many live entries the oldest fold into the base: bounded, and still a count.
 * Every message in a room rewrites the room's record with this list, so it stays short; a read
 * that lands among the folded ones, overtaken by this many newer messages, is not a real race.
 */
export const MAX_LIVE = 64;

interface Folded {
  count: number;
  at?: number;
}

function settle<T extends UnreadFields>(record: T, live: [number, number][], base: number, baseAt: number | undefined, readAt: number | undefined, folded: Folded = foldedOf(record)): T {
  const cutoff = readAt ?? -Infinity;
  const kept = live.filter(([, sentAt]) => sentAt > cutoff);
  const effectiveBase = readAt !== undefined && baseAt !== undefined && readAt >= baseAt ? 0 : base;
  // A read drops the folded messages only once it is past all of them: their times are gone.
  let { count, at } = folded.at !== undefined && cutoff >= folded.at ? { count: 0, at: undefined } : folded;
  const overflow = Math.max(0, kept.length - MAX_LIVE);
  if (overflow) {
    count += overflow;
    at = Math.max(at ?? -Infinity, ...kept.slice(0, overflow).map(([, sentAt]) => sentAt));
  }
  const listed = kept.slice(overflow);
  return {
    ...record,
    unreadBase: effectiveBase,
    unreadBaseAt: baseAt,
    unreadLive: listed,
    unreadFolded: count || undefined,
    unreadFoldedAt: count ? at : undefined,
    readAt,
    unread: effectiveBase + count + listed.length,
  };
}

const foldedOf = (record: UnreadFields): Folded => ({ count: record.unreadFolded ?? 0, at: record.unreadFoldedAt });
const baseOf = (record: UnreadFields) => record.unreadBase ?? record.unread - (record.unreadLive?.length ?? 0) - (record.unreadFolded ?? 0);

export function countUnread<T extends UnreadFields>(record: T, id: number, sentAt: number): T {
  const live = record.unreadLive ?? [];
  // Read already, or already inside Circle's own count (a live event delivered late, after a REST read).
  if (live.some(([known]) => known === id) || sentAt <= (record.readAt ?? -Infinity) || sentAt <= (record.unreadBaseAt ?? -Infinity)) return record;
  return settle(record, [...live, [id, sentAt]], baseOf(record), record.unreadBaseAt, record.readAt);
}

export function uncountUnread<T extends UnreadFields>(record: T, id: number): T {
  const live = record.unreadLive ?? [];
  if (!live.some(([known]) => known === id)) return record;
  return settle(record, live.filter(([known]) => known !== id), baseOf(record), record.unreadBaseAt, record.readAt);
}

export function readUpTo<T extends UnreadFields>(record: T, at: number): T {
  return settle(record, record.unreadLive ?? [], baseOf(record), record.unreadBaseAt ?? -Infinity, Math.max(record.readAt ?? -Infinity, at));
}

/** Circle's own count at `at`: it includes every message sent before then. */
export function rebaseUnread<T extends UnreadFields>(record: T, count: number, at: number): T {
  const newer = (record.unreadLive ?? []).filter(([, sentAt]) => sentAt > at);
  const readAt = record.readAt !== undefined && record.readAt > at ? record.readAt : undefined;
  const folded = foldedOf(record);
  return settle(record, newer, count, at, readAt, folded.at !== undefined && folded.at <= at ? { count: 0 } : folded);
}
