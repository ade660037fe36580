// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import type { CircleApi } from '../circle/api';
import { MAX_ROOM_PAGES, Sync } from './rest-sync';

/** A Circle whose room list says "there is more" forever. */
function endlessCircle() {
  return {
    rooms: vi.fn(async () => ({ records: [], rejected: 0, hasNext: true })),
    notifications: vi.fn(async () => ({ records: [], rejected: 0, hasNext: false })),
    newNotificationsCount: vi.fn(async () => 0),
  };
}

describe('Sync paging', () => {
  const target = { apply: vi.fn(async () => ({}) as never), rooms: async () => [], newestMessageId: async () => undefined };

  it('stops room paging at its cap at sign-in, and says so', async () => {
    const api = endlessCircle();
    const warn = vi.fn();
    await new Sync({ api: api as unknown as CircleApi, community: 'c', target, recentRooms: 5, logger: { warn } }).signIn();
    expect(api.rooms).toHaveBeenCalledTimes(MAX_ROOM_PAGES);
    expect(warn).toHaveBeenCalledWith('room paging stopped at its page cap', { pages: MAX_ROOM_PAGES });
  });

  it('stops a backfill\'s room paging at the same cap', async () => {
    const api = endlessCircle();
    let n = 0;
    // Every page brings a room not stored yet, so only the cap ends it.
    api.rooms.mockImplementation(async () => ({ records: [{ uuid: `r${n++}`, lastMessage: undefined }] as never[], rejected: 0, hasNext: true }));
    const sync = new Sync({ api: api as unknown as CircleApi, community: 'c', target: { ...target, newestMessageId: async () => 1 }, recentRooms: 5, logger: {} });
    (api as unknown as { messages: unknown }).messages = vi.fn(async () => ({ records: [], rejected: 0, hasNext: false }));
    await sync.backfill();
    expect(api.rooms).toHaveBeenCalledTimes(MAX_ROOM_PAGES);
  });
});

describe('Sync backfill', () => {
  const SINCE = 10_000_000;
  const room = (id: number, sentAt: number) => ({ uuid: 'r1', lastMessage: { id, body: '', sentAt } });

  it("reads a room active since the last sync again from the newest message stored before it, even when its last message is already stored", async () => {
    // The live feed brought message 9 after a reconnect; 5–8 came while the socket was down.
    const api = {
      rooms: vi.fn(async () => ({ records: [room(9, SINCE + 5_000)] as never[], rejected: 0, hasNext: false })),
      notifications: vi.fn(async () => ({ records: [], rejected: 0, hasNext: false })),
      newNotificationsCount: vi.fn(async () => 0),
      messages: vi.fn(async () => ({ records: [], rejected: 0, hasNext: false })),
    };
    const newestMessageId = vi.fn(async (_uuid: string, before?: number) => (before === undefined ? 9 : 4));
    const target = { apply: vi.fn(async () => ({}) as never), rooms: async () => [room(9, SINCE + 5_000)] as never[], newestMessageId };
    await new Sync({ api: api as unknown as CircleApi, community: 'c', target, recentRooms: 5, logger: {} }).backfill(SINCE);
    expect(newestMessageId).toHaveBeenCalledWith('r1', expect.any(Number));
    expect(newestMessageId.mock.calls[0]![1]).toBeLessThan(SINCE);
    expect(api.messages).toHaveBeenCalledWith('c', 'r1', expect.objectContaining({ id: 4 }));
  });

  it('leaves a room alone whose last message is stored and older than the last sync', async () => {
    const api = {
      rooms: vi.fn(async () => ({ records: [room(9, SINCE - 3_600_000)] as never[], rejected: 0, hasNext: false })),
      notifications: vi.fn(async () => ({ records: [], rejected: 0, hasNext: false })),
      newNotificationsCount: vi.fn(async () => 0),
      messages: vi.fn(async () => ({ records: [], rejected: 0, hasNext: false })),
    };
    const target = { apply: vi.fn(async () => ({}) as never), rooms: async () => [room(9, SINCE - 3_600_000)] as never[], newestMessageId: async () => 9 };
    await new Sync({ api: api as unknown as CircleApi, community: 'c', target, recentRooms: 5, logger: {} }).backfill(SINCE);
    expect(api.messages).not.toHaveBeenCalled();
  });

  it('keeps every message a room with nothing stored got since the last sync, beyond the sign-in\'s newest 20', async () => {
    // 30 messages while away, 70 older ones: one page of 100, of which the 30 and none older are kept.
    const messages = Array.from({ length: 100 }, (_, i) => ({ id: i + 1, roomUuid: 'r1', sentAt: i < 70 ? SINCE - 3_600_000 : SINCE + i }));
    const api = {
      rooms: vi.fn(async () => ({ records: [room(100, SINCE + 99)] as never[], rejected: 0, hasNext: false })),
      notifications: vi.fn(async () => ({ records: [], rejected: 0, hasNext: false })),
      newNotificationsCount: vi.fn(async () => 0),
      messages: vi.fn(async () => ({ records: messages as never[], rejected: 0, hasNext: false })),
    };
    const apply = vi.fn(async (_events: { type: string; message?: { id: number } }[]) => ({}) as never);
    const target = { apply, rooms: async () => [] as never[], newestMessageId: async () => undefined };
    await new Sync({ api: api as unknown as CircleApi, community: 'c', target, recentRooms: 5, logger: {} }).backfill(SINCE);
    expect(api.messages).toHaveBeenCalledTimes(1);
    expect(api.messages).toHaveBeenCalledWith('c', 'r1', { previous: 100, next: 0 });
    const stored = apply.mock.calls.flatMap(([events]) => events.flatMap((e) => (e.type === 'messageSnapshot' ? [e.message!.id] : [])));
    expect(stored.sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => 71 + i));
  });

  it('keeps the newest 20 of a room with nothing stored when fewer came since the last sync', async () => {
    const messages = Array.from({ length: 100 }, (_, i) => ({ id: i + 1, roomUuid: 'r1', sentAt: i < 95 ? SINCE - 3_600_000 : SINCE + i }));
    const api = {
      rooms: vi.fn(async () => ({ records: [room(100, SINCE + 99)] as never[], rejected: 0, hasNext: false })),
      notifications: vi.fn(async () => ({ records: [], rejected: 0, hasNext: false })),
      newNotificationsCount: vi.fn(async () => 0),
      messages: vi.fn(async () => ({ records: messages as never[], rejected: 0, hasNext: false })),
    };
    const apply = vi.fn(async (_events: { type: string; message?: { id: number } }[]) => ({}) as never);
    const target = { apply, rooms: async () => [] as never[], newestMessageId: async () => undefined };
    await new Sync({ api: api as unknown as CircleApi, community: 'c', target, recentRooms: 5, logger: {} }).backfill(SINCE);
    const stored = apply.mock.calls.flatMap(([events]) => events.flatMap((e) => (e.type === 'messageSnapshot' ? [e.message!.id] : [])));
    expect(stored.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => 81 + i));
  });

  it('asks for the notifications count before the room pages, so the badge does not wait behind them', async () => {
    const order: string[] = [];
    const api = {
      rooms: vi.fn(async () => (order.push('rooms'), { records: [] as never[], rejected: 0, hasNext: false })),
      notifications: vi.fn(async () => (order.push('notifications'), { records: [], rejected: 0, hasNext: false })),
      newNotificationsCount: vi.fn(async () => (order.push('count'), 0)),
      messages: vi.fn(async () => ({ records: [], rejected: 0, hasNext: false })),
    };
    const target = { apply: vi.fn(async () => ({}) as never), rooms: async () => [] as never[], newestMessageId: async () => undefined };
    await new Sync({ api: api as unknown as CircleApi, community: 'c', target, recentRooms: 5, logger: {} }).backfill(SINCE);
    expect(order.indexOf('count')).toBeLessThan(order.indexOf('rooms'));
  });
});
