import type { UnreadFields } from '../circle/model';

/**
 * Unread counts that converge whatever order events come in. A count alone cannot: a read
 * that overtakes a newer message would zero it. So a record keeps Circle's last known count
 * (`unreadBase`, true at `unreadBaseAt`) plus the live messages counted since, with their
 * times; a read drops what was sent before it, a deletion drops its own entry.
 */

/** Beyond this many live entries the oldest fold into the base: bounded, and still a count. */
const MAX_LIVE = 500;

function settle<T extends UnreadFields>(record: T, live: [number, number][], base: number, baseAt: number | undefined, readAt: number | undefined): T {
  const cutoff = readAt ?? -Infinity;
  const kept = live.filter(([, sentAt]) => sentAt > cutoff);
  const effectiveBase = readAt !== undefined && baseAt !== undefined && readAt >= baseAt ? 0 : base;
  const overflow = Math.max(0, kept.length - MAX_LIVE);
  const folded = kept.slice(overflow);
  return {
    ...record,
    unreadBase: effectiveBase + overflow,
    unreadBaseAt: baseAt,
    unreadLive: folded,
    readAt,
    unread: effectiveBase + overflow + folded.length,
  };
}

export function countUnread<T extends UnreadFields>(record: T, id: number, sentAt: number): T {
  const live = record.unreadLive ?? [];
  // Read already, or already inside Circle's own count (a live event delivered late, after a REST read).
  if (live.some(([known]) => known === id) || sentAt <= (record.readAt ?? -Infinity) || sentAt <= (record.unreadBaseAt ?? -Infinity)) return record;
  return settle(record, [...live, [id, sentAt]], record.unreadBase ?? record.unread, record.unreadBaseAt, record.readAt);
}

export function uncountUnread<T extends UnreadFields>(record: T, id: number): T {
  const live = record.unreadLive ?? [];
  if (!live.some(([known]) => known === id)) return record;
  return settle(record, live.filter(([known]) => known !== id), record.unreadBase ?? 0, record.unreadBaseAt, record.readAt);
}

export function readUpTo<T extends UnreadFields>(record: T, at: number): T {
  return settle(record, record.unreadLive ?? [], record.unreadBase ?? record.unread, record.unreadBaseAt ?? -Infinity, Math.max(record.readAt ?? -Infinity, at));
}

/** Circle's own count at `at`: it includes every message sent before then. */
export function rebaseUnread<T extends UnreadFields>(record: T, count: number, at: number): T {
  const newer = (record.unreadLive ?? []).filter(([, sentAt]) => sentAt > at);
  const readAt = record.readAt !== undefined && record.readAt > at ? record.readAt : undefined;
  return settle(record, newer, count, at, readAt);
}
