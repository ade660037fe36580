import { describe, expect, it } from 'vitest';
import type { Notification, Room } from '../circle/model';
import { BADGE_MODES } from '../settings/preferences';
import { badgeView, communitiesBadgeView } from './badge';
import { chatTallies, mentionCount, modeCount, NO_TALLIES, type BadgeTallies } from './modes';

const room = (uuid: string, kind: string, unread: number, extra: Partial<Room> = {}): Room => ({ community: 'c', uuid, id: uuid.length, kind, name: uuid, participants: [], lastActivityAt: 0, unread, ...extra });
const note = (id: number, action: string, readAt?: number): Notification => ({ community: 'c', id, createdAt: id, action, ...(readAt ? { readAt } : {}) });

describe('what each badge mode counts', () => {
  const rooms = [room('dm', 'direct', 2), room('group', 'group_chat', 3), room('muted-group', 'group_chat', 5), room('muted-dm', 'direct', 7), room('old', 'direct', 9, { archived: true })];

  it('leaves muted and archived rooms out of the chats, and keeps the DMs apart', () => {
    expect(chatTallies(rooms, ['muted-group', 'muted-dm'])).toEqual({ chats: 5, direct: 2 });
    expect(chatTallies(rooms, [])).toEqual({ chats: 17, direct: 9 });
  });

  it('counts unread mentions only', () => {
    expect(mentionCount([note(1, 'mention'), note(2, 'chat_mention'), note(3, 'mention', 5), note(4, 'comment'), note(5, 'like')])).toBe(2);
  });

  const tallies: BadgeTallies = { notifications: 4, chats: 5, direct: 2, mentions: 1, waiting: 3, waitingDirect: 1 };

  it('gives each mode its own number', () => {
    expect(Object.fromEntries(BADGE_MODES.map((mode) => [mode, modeCount(mode, tallies).count]))).toEqual({
      notifications: 4,
      'notifications-and-chats': 9,
      'dms-and-mentions': 3,
      chats: 5,
      waiting: 3,
    });
    expect(modeCount('waiting', tallies).what).toBe('waiting');
    expect(modeCount('chats', tallies).what).toBe('unread');
    expect(modeCount('notifications', tallies).what).toBe('new');
  });

  it('marks a count that holds a DM or a mention, and only then', () => {
    for (const mode of BADGE_MODES) expect(modeCount(mode, tallies).personal).toBe(true);
    const plain = { ...NO_TALLIES, notifications: 4, chats: 5 };
    for (const mode of BADGE_MODES) expect(modeCount(mode, plain).personal).toBe(false);
    // A mention counts in the notifications modes, not in the chats-only one.
    expect(modeCount('chats', { ...plain, mentions: 2 }).personal).toBe(false);
    expect(modeCount('notifications', { ...plain, mentions: 2 }).personal).toBe(true);
    expect(modeCount('waiting', { ...plain, waiting: 2 }).personal).toBe(false);
  });
});

describe('the badge of a count with a DM or a mention', () => {
  it('has its own colour and says so in the tooltip', () => {
    const plain = badgeView({ kind: 'count', count: 3 });
    const personal = badgeView({ kind: 'count', count: 3, personal: true });
    expect(personal.text).toBe('3');
    expect(personal.color).not.toBe(plain.color);
    expect(personal.color).not.toBe(badgeView({ kind: 'signed-out' }).color);
    expect(personal.note).toBe('badgePersonal');
    expect(plain.note).toBeUndefined();
    // Nothing to show, nothing to mark.
    expect(badgeView({ kind: 'count', count: 0, personal: true }).note).toBeUndefined();
  });

  it('names what the mode counts in the tooltip', () => {
    expect(badgeView({ kind: 'count', count: 2, what: 'waiting' }).title).toEqual({ key: 'badgeCountWaiting', substitution: '2' });
    expect(badgeView({ kind: 'count', count: 2, what: 'unread' }).title.key).toBe('badgeCountUnread');
  });

  it('sums over communities and is marked when any of them holds a DM or a mention', () => {
    const view = communitiesBadgeView([
      { label: 'One', state: { kind: 'count', count: 3, what: 'unread' } },
      { label: 'Two', state: { kind: 'count', count: 1, what: 'unread', personal: true } },
    ]);
    expect(view.text).toBe('4');
    expect(view.color).toBe(badgeView({ kind: 'count', count: 1, personal: true }).color);
    expect(view.note).toBe('badgePersonal');
    const none = communitiesBadgeView([{ label: 'One', state: { kind: 'count', count: 3 } }, { label: 'Two', state: { kind: 'count', count: 1 } }]);
    expect(none.note).toBeUndefined();
  });
});
