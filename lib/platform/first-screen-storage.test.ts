import 'fake-indexeddb/auto';
import { fakeBrowser } from 'wxt/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { Room } from '../circle/model';
import { database } from './database';
import { firstScreenRefresher, readFirstScreen } from './first-screen-storage';

const COMMUNITY = 'https://circle.test/7';
const room = (i: number, extra: Partial<Room> = {}): Room => ({ community: COMMUNITY, uuid: `r${i}`, id: i, kind: 'group_chat', name: `Room ${i}`, participants: [], unread: 0, lastActivityAt: 1_000 + i, ...extra });
const nextWrite = () => new Promise<void>((resolve) => fakeBrowser.storage.session.onChanged.addListener(() => resolve()));

afterEach(() => {
  fakeBrowser.reset();
});

describe('the first screen', () => {
  it('is drawn again from the store after its rooms changed', async () => {
    const db = await database();
    for (let i = 0; i < 30; i++) await db.put('rooms', room(i, { unread: i === 3 ? 1 : 0 }));
    await db.put('rooms', room(99, { deleted: true }));
    const refresh = firstScreenRefresher(0);
    const written = nextWrite();
    refresh(COMMUNITY);
    await written;
    const screen = await readFirstScreen();
    expect(screen).toMatchObject({ community: COMMUNITY, total: 30, unread: 1 });
    expect(screen?.rooms.map((r) => r.uuid).slice(0, 3)).toEqual(['r29', 'r28', 'r27']);
  });
});
