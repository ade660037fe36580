/**
 * What was held back while the member was away, summed across communities and worker restarts
 * (kept in storage.local by the worker): messages by room, and notifications.
 */
export interface Held {
  /** `{community}/{room uuid}` → messages held in it. */
  rooms: Record<string, number>;
  notifications: number;
}

/** One batch's share: a community's held messages by room uuid, and its held notifications. */
export interface HeldBatch {
  community: string;
  rooms: ReadonlyMap<string, number>;
  notifications: number;
}

export const NOTHING_HELD: Held = { rooms: {}, notifications: 0 };

/** Far more rooms than a member is in: the bound keeps a runaway stream from filling storage. */
const MAX_ROOMS = 1000;

const count = (value: unknown): number => (typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : 0);

/** What storage holds, checked: anything malformed counts as nothing rather than stopping the summary. */
export function parseHeld(value: unknown): { held: Held; rejected: boolean } {
  if (value === undefined || value === null) return { held: NOTHING_HELD, rejected: false };
  if (typeof value !== 'object') return { held: NOTHING_HELD, rejected: true };
  const raw = value as { rooms?: unknown; notifications?: unknown };
  const rooms: Record<string, number> = {};
  let rejected = typeof raw.rooms !== 'object' || raw.rooms === null;
  if (!rejected) {
    for (const [room, n] of Object.entries(raw.rooms as Record<string, unknown>)) {
      if (count(n) > 0) rooms[room] = count(n);
      else rejected = true;
    }
  }
  if (raw.notifications !== undefined && count(raw.notifications) === 0 && raw.notifications !== 0) rejected = true;
  return { held: { rooms, notifications: count(raw.notifications) }, rejected };
}

export function addHeld(held: Held, batch: HeldBatch): Held {
  const rooms = { ...held.rooms };
  for (const [uuid, n] of batch.rooms) {
    const key = `${batch.community}/${uuid}`;
    if (n <= 0 || (!(key in rooms) && Object.keys(rooms).length >= MAX_ROOMS)) continue;
    rooms[key] = (rooms[key] ?? 0) + n;
  }
  return { rooms, notifications: held.notifications + Math.max(0, batch.notifications) };
}

export interface HeldSummary {
  messages: number;
  rooms: number;
  notifications: number;
}

export function summarize(held: Held): HeldSummary {
  const counts = Object.values(held.rooms);
  return { messages: counts.reduce((sum, n) => sum + n, 0), rooms: counts.length, notifications: held.notifications };
}

export const isNothing = (summary: HeldSummary) => summary.messages === 0 && summary.notifications === 0;

/** What the keeper asks of the browser (lib/brain/quiet-keeper.ts, through the shared port's `quiet`). */
export interface QuietStorage {
  /** The tally as stored, unchecked: the keeper parses it, so a bad value is counted and dropped, not trusted. */
  read(): Promise<unknown>;
  /** Undefined: nothing held any more. */
  write(held: Held | undefined): Promise<void>;
  /** The summary in the member's language (`_locales`). */
  words(summary: HeldSummary): { title: string; message: string };
  /** The browser's own IANA zone, for quiet hours that name none. */
  zone(): string;
}
