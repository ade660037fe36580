import 'fake-indexeddb/auto';
import { fakeBrowser } from 'wxt/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { Room } from '../circle/model';
import type { Change } from '../store/change';
import { announceChange } from './changes';
import { database } from './database';
import { keepFirstScreen, readFirstScreen, writeFirstScreen } from './first-screen';
import { writeStatus } from './status';

const COMMUNITY = 'https://circle.test/7';
const room = (i: number, extra: Partial<Room> = {}): Room => ({ community: COMMUNITY, uuid: `r${i}`, id: i, kind: 'group_chat', name: `Room ${i}`, participants: [], unread: 0, lastActivityAt: 1_000 + i, ...extra });
const change = (rooms: string[]): Change => ({ community: COMMUNITY, rooms, messages: 0, notifications: 0, counters: [], stubs: [], announced: [], newNotifications: [] });
const nextWrite = () => new Promise<void>((resolve) => fakeBrowser.storage.session.onChanged.addListener(() => resolve()));

let stop: (() => void) | undefined;
afterEach(() => {
  stop?.();
  fakeBrowser.reset();
});

describe('keepFirstScreen', () => {
  it('rewrites the popup’s first screen from the store after a room change', async () => {
    const db = await database();
    for (let i = 0; i < 30; i++) await db.put('rooms', room(i, { unread: i === 3 ? 1 : 0 }));
    await db.put('rooms', room(99, { deleted: true }));
    stop = keepFirstScreen(0);
    const written = nextWrite();
    announceChange(change(['r3']));
    await written;
    const screen = await readFirstScreen();
    expect(screen).toMatchObject({ community: COMMUNITY, total: 30, unread: 1 });
    expect(screen?.rooms.map((r) => r.uuid).slice(0, 3)).toEqual(['r29', 'r28', 'r27']);
  });

  it('forgets it on sign-out, which clears the cache without a change notice', async () => {
    await writeFirstScreen({ community: COMMUNITY, rooms: [room(1)], total: 1, unread: 0 });
    stop = keepFirstScreen(0);
    await writeStatus({ phase: 'live', community: COMMUNITY, startedAt: 1, updatedAt: 1 });
    expect(await readFirstScreen()).toBeDefined();
    const removed = nextWrite();
    await writeStatus({ phase: 'signed-out', community: COMMUNITY, startedAt: 1, updatedAt: 2 });
    await removed;
    expect(await readFirstScreen()).toBeUndefined();
  });
});
