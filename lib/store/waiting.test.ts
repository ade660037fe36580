import { describe, expect, it } from 'vitest';
import type { MessagePreview, Room, Thread } from '../circle/model';
import { WAITING_AT_MOST_MS, waitingOn } from './waiting';

const ME = 7;
const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 0, 10, 12);
const said = (memberId: number, hoursAgo: number, id = 1): MessagePreview => ({ id, body: 'hi', sentAt: NOW - hoursAgo * HOUR, sender: { memberId, name: `M${memberId}` } });
const dm = (uuid: string, last?: MessagePreview, extra: Partial<Room> = {}): Room => ({ community: 'c', uuid, id: 1, kind: 'direct', name: uuid, participants: [], lastActivityAt: 0, unread: 0, lastMessage: last, ...extra });
const thread = (id: number, last: MessagePreview | undefined, extra: Partial<Thread> = {}): Thread => ({ community: 'c', id, roomUuid: 'group', parentMessageId: 100 + id, followed: true, unread: 0, lastReply: last, ...extra });

describe('waiting on you', () => {
  const ctx = { memberId: ME, now: NOW, afterHours: 4 };

  it('lists DMs and followed threads where someone else spoke last, newest first', () => {
    const { items } = waitingOn([dm('a', said(2, 5)), dm('b', said(3, 30)), dm('mine', said(ME, 10))], [thread(1, said(4, 6)), thread(2, said(ME, 9))], ctx);
    expect(items.map((i) => (i.kind === 'direct' ? i.roomUuid : i.threadId))).toEqual(['a', 1, 'b']);
    expect(items[1]).toEqual({ kind: 'thread', threadId: 1, roomUuid: 'group', parentId: 101, since: NOW - 6 * HOUR, from: { memberId: 4, name: 'M4' } });
  });

  it('waits the chosen time before a conversation counts, and says when the next one will', () => {
    const rooms = [dm('soon', said(2, 3)), dm('later', said(2, 1)), dm('due', said(2, 4))];
    const first = waitingOn(rooms, [], ctx);
    expect(first.items.map((i) => i.roomUuid)).toEqual(['due']);
    expect(first.nextAt).toBe(NOW + HOUR);
    // At that moment it crosses the threshold.
    expect(waitingOn(rooms, [], { ...ctx, now: first.nextAt! }).items.map((i) => i.roomUuid)).toEqual(['soon', 'due']);
    expect(waitingOn(rooms, [], { ...ctx, afterHours: 1 }).items).toHaveLength(3);
    // All waiting: the clock next changes the list when the oldest has waited two weeks.
    expect(waitingOn(rooms, [], { ...ctx, afterHours: 1 }).nextAt).toBe(NOW - 4 * HOUR + WAITING_AT_MOST_MS);
  });

  it('a conversation silent for two weeks no longer waits', () => {
    const rooms = [dm('old', said(2, 14 * 24)), dm('nearly', said(2, 14 * 24 - 1))];
    const { items, nextAt } = waitingOn(rooms, [], ctx);
    expect(items.map((i) => i.roomUuid)).toEqual(['nearly']);
    expect(nextAt).toBe(NOW + HOUR);
    expect(waitingOn(rooms, [], { ...ctx, now: nextAt! }).items).toEqual([]);
    expect(waitingOn(rooms, [], { ...ctx, now: nextAt! }).nextAt).toBeUndefined();
  });

  it('leaves out group rooms, muted (here or in Circle), archived and deleted rooms, unfollowed threads and unknown senders', () => {
    const rooms = [
      dm('circle-muted', said(2, 9), { muted: true }),
      dm('group', said(2, 9), { kind: 'group_chat' }),
      dm('muted', said(2, 9)),
      dm('archived', said(2, 9), { archived: true }),
      dm('gone', said(2, 9), { deleted: true }),
      dm('empty'),
      dm('nobody', { id: 1, body: 'x', sentAt: NOW - 9 * HOUR }),
    ];
    const threads = [thread(1, said(2, 9), { followed: undefined }), thread(2, said(2, 9), { roomUuid: 'muted' }), thread(3, said(2, 9), { parentMessageId: undefined }), thread(4, said(2, 9), { roomUuid: 'circle-muted' })];
    expect(waitingOn(rooms, threads, { ...ctx, muted: ['muted'] })).toEqual({ items: [] });
  });

  it('counts a thread with no reply yet by its parent, when that is someone else\'s', () => {
    const items = waitingOn([], [thread(1, undefined, { parent: said(2, 8) }), thread(2, undefined, { parent: said(ME, 8) })], ctx).items;
    expect(items.map((i) => i.kind === 'thread' && i.threadId)).toEqual([1]);
  });
});
