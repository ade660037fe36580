/** How much the cache keeps; the database stays bounded however long the browser runs. */
export interface Retention {
  messagesPerRoom: number;
  notifications: number;
  /** Messages per stored page, when not derived from `messagesPerRoom` (lib/store/pages.ts). */
  messagesPerPage?: number;
}

export const DEFAULT_RETENTION: Retention = { messagesPerRoom: 100, notifications: 200 };

/** How many of the oldest to evict from a list of `count` records bounded by `max`. */
export function excess(count: number, max: number): number {
  return Math.max(0, count - Math.max(0, max));
}
