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
});

