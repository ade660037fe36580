import { describe, expect, it } from 'vitest';
import type { Room } from '../circle/model';
import { FIRST_SCREEN_ROWS, firstScreenOf, memberIdOf, sameFirstScreen, selfOf } from './first-screen-snapshot';

const COMMUNITY = 'https://circle.test/7';
const room = (i: number, extra: Partial<Room> = {}): Room => ({ community: COMMUNITY, uuid: `r${i}`, id: i, kind: 'group_chat', name: `Room ${i}`, participants: [], unread: 0, lastActivityAt: 1_000 - i, ...extra });

describe('first screen', () => {
  it('keeps the head of the list and what the whole list says: its length, unread rooms, the member', () => {
    const me = { memberId: 7, name: 'Grace Hopper', avatarUrl: 'https://img.test/g.png' };
    const rooms = Array.from({ length: 40 }, (_, i) => room(i, { unread: i % 10 === 0 ? 2 : 0, ...(i === 30 ? { lastMessage: { id: 1, body: 'hi', sentAt: 1, sender: me } } : {}) }));
    const screen = firstScreenOf(COMMUNITY, rooms, 7);
    expect(screen.rooms).toEqual(rooms.slice(0, FIRST_SCREEN_ROWS));
    expect(screen).toMatchObject({ community: COMMUNITY, total: 40, unread: 4, self: me });
    expect(firstScreenOf(COMMUNITY, rooms, 8).self).toBeUndefined();
  });

  it('says when the newest unread activity was, a pinned old room or a notification among it', () => {
    const rooms = [room(9, { pinnedAt: 1, unread: 1 }), room(1), room(3, { unread: 2 })];
    expect(firstScreenOf(COMMUNITY, rooms, 7)).toMatchObject({ unreadAt: 997 });
    expect(firstScreenOf(COMMUNITY, [room(9, { pinnedAt: 1, unread: 1 }), room(1)], 7, 5_000)).toMatchObject({ unreadAt: 991, noticeAt: 5_000 });
    expect(firstScreenOf(COMMUNITY, [room(1)], 7)).not.toHaveProperty('unreadAt');
  });

  it('finds the member in the first room whose last message is theirs', () => {
    const mine = (i: number, name: string) => room(i, { lastMessage: { id: i, body: '', sentAt: 1, sender: { memberId: 7, name } } });
    expect(selfOf([room(0), mine(1, 'newer'), mine(2, 'older')], 7)?.name).toBe('newer');
    expect(selfOf([mine(1, 'x')], undefined)).toBeUndefined();
  });

  it('compares by content, as storage hands it back', () => {
    const a = firstScreenOf(COMMUNITY, [room(1), room(2)], 7);
    expect(sameFirstScreen(a, JSON.parse(JSON.stringify(a)))).toBe(true);
    expect(sameFirstScreen(a, firstScreenOf(COMMUNITY, [room(2), room(1)], 7))).toBe(false);
    expect(sameFirstScreen(a, undefined)).toBe(false);
  });

  it('reads the member id from the community key', () => {
    expect(memberIdOf('https://app.circle.so/2400')).toBe(2400);
    expect(memberIdOf('https://app.circle.so/')).toBeUndefined();
  });
});
