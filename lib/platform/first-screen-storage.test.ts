import 'fake-indexeddb/auto';
import { fakeBrowser } from 'wxt/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { Notification, Room } from '../circle/model';
import { firstScreenOf } from '../ui/first-screen-snapshot';
import { database } from './database';
import { clearFirstScreen, firstScreenRefresher, readFirstScreens, writeFirstScreen } from './first-screen-storage';

const COMMUNITY = 'https://circle.test/7';
const OTHER = 'https://other.test/9';
const room = (i: number, extra: Partial<Room> = {}): Room => ({ community: COMMUNITY, uuid: `r${i}`, id: i, kind: 'group_chat', name: `Room ${i}`, participants: [], unread: 0, lastActivityAt: 1_000 + i, ...extra });
const notification = (id: number, extra: Partial<Notification> = {}): Notification => ({ community: COMMUNITY, id, createdAt: 10_000 + id, actorName: 'Ada', ...extra });
const nextWrite = () => new Promise<void>((resolve) => fakeBrowser.storage.session.onChanged.addListener(() => resolve()));

afterEach(() => {
  fakeBrowser.reset();
});

describe('the first screens', () => {
  it('are drawn again from the store after a community changed, with when its newest unread notification came', async () => {
    const db = await database();
    for (let i = 0; i < 30; i++) await db.put('rooms', room(i, { unread: i === 3 ? 1 : 0 }));
    await db.put('rooms', room(99, { deleted: true }));
    await db.put('notifications', notification(1));
    await db.put('notifications', notification(2, { readAt: 1 }));
    await writeFirstScreen(firstScreenOf(OTHER, [], 9));
    const refresh = firstScreenRefresher(0);
    const written = nextWrite();
    refresh(COMMUNITY);
    await written;
    const screens = await readFirstScreens();
    expect(screens[COMMUNITY]).toMatchObject({ community: COMMUNITY, total: 30, unread: 1, unreadAt: 1_003, noticeAt: 10_001 });
    expect(screens[COMMUNITY]?.rooms.map((r) => r.uuid).slice(0, 3)).toEqual(['r29', 'r28', 'r27']);
    expect(screens[OTHER]).toMatchObject({ community: OTHER, total: 0 });
  });

  it('are cleared one community at a time, or all at once', async () => {
    await writeFirstScreen(firstScreenOf(COMMUNITY, [room(1)], 7));
    await writeFirstScreen(firstScreenOf(OTHER, [], 9));
    await clearFirstScreen(COMMUNITY);
    expect(Object.keys(await readFirstScreens())).toEqual([OTHER]);
    await writeFirstScreen(firstScreenOf(COMMUNITY, [room(1)], 7));
    await clearFirstScreen();
    // Nothing left under the key: a signed-out browser holds no room names.
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  });

  it('a refresh under way when its community is cleared does not write it back; another community’s does', async () => {
    const db = await database();
    await db.put('rooms', room(1));
    await db.put('rooms', room(2, { community: OTHER }));
    const refresh = firstScreenRefresher(0);
    refresh(COMMUNITY);
    refresh(OTHER);
    await clearFirstScreen(COMMUNITY);
    await new Promise<void>((resolve) => fakeBrowser.storage.session.onChanged.addListener((changes) => (changes.firstScreen?.newValue ? resolve() : undefined)));
    expect(Object.keys(await readFirstScreens())).toEqual([OTHER]);
  });
});
