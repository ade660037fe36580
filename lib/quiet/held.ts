/**
 * What was held back while the member was away, summed across communities and worker restarts
 * (kept in storage.local by the worker): messages by room, and notifications.
 */
export interface Held {
  /** `{community}/{room uuid}` → messages held in it. */
  rooms: Record<string, number>;
  notifications: number;
  /** Where the last summary's click goes; kept past the raise, as the click may come after a worker restart. */
  opens?: SummaryOpens;
}

/** The one room held, else the community that held the most (its chats), else nothing named (notifications). */
export interface SummaryOpens {
  community?: string;
  room?: string;
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
  const opens = parseOpens((raw as { opens?: unknown }).opens);
  return { held: { rooms, notifications: count(raw.notifications), ...(opens ? { opens } : {}) }, rejected };
}

function parseOpens(value: unknown): SummaryOpens | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { community, room } = value as Record<string, unknown>;
  return { ...(typeof community === 'string' ? { community } : {}), ...(typeof community === 'string' && typeof room === 'string' ? { room } : {}) };
}

export function summaryOpens(held: Held): SummaryOpens {
  const entries = Object.entries(held.rooms);
  if (entries.length === 0) return {};
  // A community key holds slashes itself (`{circle origin}/{member id}`); a room uuid none.
  const split = (key: string) => ({ community: key.slice(0, key.lastIndexOf('/')), room: key.slice(key.lastIndexOf('/') + 1) });
  if (entries.length === 1 && held.notifications === 0) return split(entries[0]![0]);
  const byCommunity = new Map<string, number>();
  for (const [key, n] of entries) byCommunity.set(split(key).community, (byCommunity.get(split(key).community) ?? 0) + n);
  const [community] = [...byCommunity].reduce((best, next) => (next[1] > best[1] ? next : best));
  return { community };
}

export function addHeld(held: Held, batch: HeldBatch): Held {
  const rooms = { ...held.rooms };
  for (const [uuid, n] of batch.rooms) {
    const key = `${batch.community}/${uuid}`;
    if (n <= 0 || (!(key in rooms) && Object.keys(rooms).length >= MAX_ROOMS)) continue;
    rooms[key] = (rooms[key] ?? 0) + n;
  }
  return { ...held, rooms, notifications: held.notifications + Math.max(0, batch.notifications) };
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
