// @vitest-environment node
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from './db';
import type { StoreEvent } from './events';
import { Store } from './store';
import { COMMUNITY, ME, message, notification, room } from './testing';

let store: Store;
let n = 0;
beforeEach(async () => {
  store = new Store(await openDatabase(`store-test-${++n}`), { messagesPerRoom: 5, notifications: 3 });
});

const at = 50_000;
const apply = async (...events: StoreEvent[]) => (await store.apply(COMMUNITY, ME, events)).change;
const newMessage = (m = message(1, 'r1')): StoreEvent => ({ type: 'newMessage', message: m, at });

describe('Store, event by event', () => {
  it('chatRoomCreated inserts and chatRoomUpdated merges', async () => {
    await apply({ type: 'chatRoomCreated', room: room('r1', { unread: 2 }), at: 1 });
    await apply({ type: 'chatRoomUpdated', uuid: 'r1', name: 'Renamed', at: at + 1 });
    expect(await store.room(COMMUNITY, 'r1')).toMatchObject({ name: 'Renamed', unread: 2 });
    await apply({ type: 'chatRoomUpdated', uuid: 'r1', name: 'Stale', at: at - 1 });
    expect((await store.room(COMMUNITY, 'r1'))?.name).toBe('Renamed');
  });

  it('chatRoomDeleted removes the room and its messages, and a late message cannot bring it back', async () => {
    await apply({ type: 'chatRoomCreated', room: room('r1'), at: 1 }, newMessage(message(1, 'r1')), newMessage(message(2, 'r1')));
    await apply({ type: 'chatRoomDeleted', uuid: 'r1', at });
    expect(await store.room(COMMUNITY, 'r1')).toBeUndefined();
    expect(await store.messages(COMMUNITY, 'r1')).toEqual([]);
    await apply(newMessage(message(3, 'r1')));
    expect(await store.room(COMMUNITY, 'r1')).toBeUndefined();
    expect(await store.rooms(COMMUNITY)).toEqual([]);
  });

  it('newMessage on three channels is stored once, counted once, and moves the room up', async () => {
    await apply({ type: 'chatRoomCreated', room: room('r1', { lastActivityAt: 1 }), at: 1 }, { type: 'chatRoomCreated', room: room('r2', { lastActivityAt: 2 }), at: 1 });
    const m = message(1, 'r1', { sentAt: 99_000 });
    const change = await apply(newMessage(m), newMessage(m), newMessage(m));
    expect(change.rooms).toEqual(['r1']);
    expect(await store.messages(COMMUNITY, 'r1')).toHaveLength(1);
    const [top] = await store.rooms(COMMUNITY);
    expect(top).toMatchObject({ uuid: 'r1', unread: 1, lastActivityAt: 99_000, lastMessage: { id: 1 } });
    await apply(newMessage(m));
    expect((await store.room(COMMUNITY, 'r1'))?.unread).toBe(1);
  });

  it('does not count the member own messages as unread', async () => {
    await apply({ type: 'chatRoomCreated', room: room('r1'), at: 1 }, newMessage(message(1, 'r1', { sender: { memberId: ME, name: 'Me' } })));
    expect((await store.room(COMMUNITY, 'r1'))?.unread).toBe(0);
  });

  it('a message for an unknown room makes a stub for REST to fill in', async () => {
    const change = await apply(newMessage(message(1, 'r9')));
    expect(change.stubs).toEqual(['r9']);
    expect(await store.room(COMMUNITY, 'r9')).toMatchObject({ stub: true, unread: 1 });
  });

  it('a reply bumps its parent and its thread, not the room', async () => {
    await apply({ type: 'chatRoomCreated', room: room('r1'), at: 1 }, newMessage(message(1, 'r1')));
    await apply(newMessage(message(2, 'r1', { parentId: 1, threadId: 40, sentAt: 80_000 })));
    expect(await store.message(COMMUNITY, 1)).toMatchObject({ repliesCount: 1, lastReplyAt: 80_000 });
    expect((await store.room(COMMUNITY, 'r1'))?.unread).toBe(1);
    await apply({ type: 'chatThreadRead', threadId: 40, at: 90_000 });
    await apply({ type: 'deletedMessage', id: 2, at });
    expect((await store.message(COMMUNITY, 1))?.repliesCount).toBe(0);
  });

  it('updatedMessage edits, and an older edit loses', async () => {
    await apply(newMessage(message(1, 'r1')));
    await apply({ type: 'updatedMessage', message: message(1, 'r1', { body: 'edited', editedAt: 5 }), at });
    await apply({ type: 'updatedMessage', message: message(1, 'r1', { body: 'older edit', editedAt: 4 }), at });
    expect(await store.message(COMMUNITY, 1)).toMatchObject({ body: 'edited', editedAt: 5 });
  });

  it('deletedMessage removes, takes back its unread, and wins over a late duplicate', async () => {
    await apply({ type: 'chatRoomCreated', room: room('r1'), at: 1 }, newMessage(message(1, 'r1')), newMessage(message(2, 'r1')));
    await apply({ type: 'deletedMessage', id: 2, at });
    expect(await store.room(COMMUNITY, 'r1')).toMatchObject({ unread: 1, lastMessage: { id: 1 } });
    await apply(newMessage(message(2, 'r1')));
    expect(await store.message(COMMUNITY, 2)).toMatchObject({ deleted: true, body: '' });
    expect((await store.room(COMMUNITY, 'r1'))?.unread).toBe(1);
  });

  it('chatRoomRead zeroes unread; messages older than the read stay read', async () => {
    await apply({ type: 'chatRoomCreated', room: room('r1'), at: 1 }, newMessage(message(1, 'r1', { sentAt: 10 })));
    await apply({ type: 'chatRoomRead', uuid: 'r1', at: 100 });
    expect((await store.room(COMMUNITY, 'r1'))?.unread).toBe(0);
    await apply(newMessage(message(2, 'r1', { sentAt: 50 })));
    expect((await store.room(COMMUNITY, 'r1'))?.unread).toBe(0);
    await apply(newMessage(message(3, 'r1', { sentAt: 150 })));
    expect((await store.room(COMMUNITY, 'r1'))?.unread).toBe(1);
  });

  it('chatRoomPinned and UnPinned set and clear the pin, pinned rooms first', async () => {
    await apply({ type: 'chatRoomCreated', room: room('r1', { id: 1, lastActivityAt: 1 }), at: 1 }, { type: 'chatRoomCreated', room: room('r2', { id: 2, lastActivityAt: 2 }), at: 1 });
    await apply({ type: 'chatRoomPinned', roomId: 1, pinnedAt: 5, at });
    expect((await store.rooms(COMMUNITY)).map((r) => r.uuid)).toEqual(['r1', 'r2']);
    await apply({ type: 'chatRoomUnPinned', roomId: 1, at: at + 1 });
    expect((await store.rooms(COMMUNITY)).map((r) => r.uuid)).toEqual(['r2', 'r1']);
  });

  it('a REST snapshot, which names no pin (Circle\'s rooms carry none), keeps the live pin', async () => {
    await apply({ type: 'chatRoomCreated', room: room('r1', { id: 1 }), at: 1 }, { type: 'chatRoomPinned', roomId: 1, pinnedAt: 5, at });
    await apply({ type: 'roomSnapshot', room: room('r1', { id: 1, name: 'Fresh', muted: true }), at: at + 10 });
    expect(await store.room(COMMUNITY, 'r1')).toMatchObject({ name: 'Fresh', pinnedAt: 5, muted: true });
    await apply({ type: 'chatRoomUnPinned', roomId: 1, at: at + 20 });
    await apply({ type: 'roomSnapshot', room: room('r1', { id: 1, muted: undefined }), at: at + 30 });
    expect(await store.room(COMMUNITY, 'r1')).toMatchObject({ pinnedAt: undefined, muted: undefined });
  });

  it('newNotification inserts and the count events set the count', async () => {
    await apply({ type: 'newNotification', notification: notification(1), at }, { type: 'updateNewNotificationCount', count: 4, at });
    expect(await store.notifications(COMMUNITY)).toHaveLength(1);
    expect(await store.counter(COMMUNITY, 'newNotifications')).toBe(4);
    await apply({ type: 'resetNewNotificationCount', count: 0, at });
    expect(await store.counter(COMMUNITY, 'newNotifications')).toBe(0);
  });

  it('keeps only the newest messages per room (whole pages of 3 for a bound of 5) and notifications', async () => {
    await apply(...Array.from({ length: 12 }, (_, i) => newMessage(message(i + 1, 'r1'))));
    expect((await store.messages(COMMUNITY, 'r1')).map((m) => m.id)).toEqual([7, 8, 9, 10, 11, 12]);
    await apply(...Array.from({ length: 6 }, (_, i) => ({ type: 'newNotification', notification: notification(i + 1), at }) as StoreEvent));
    expect((await store.notifications(COMMUNITY)).map((x) => x.id)).toEqual([6, 5, 4]);
  });

  it('keeps communities apart and clears one on sign-out', async () => {
    await apply(newMessage(message(1, 'r1')));
    await store.apply('http://other.test/1', 1, [newMessage({ ...message(1, 'r1'), community: 'http://other.test/1' })]);
    await store.clear(COMMUNITY);
    expect(await store.rooms(COMMUNITY)).toEqual([]);
    expect(await store.rooms('http://other.test/1')).toHaveLength(1);
  });

  it('stores nothing of a batch with a record IndexedDB cannot take: no half batch', async () => {
    const broken = message(2, 'r1', { richText: () => undefined });
    await expect(apply(newMessage(message(1, 'r1')), newMessage(broken))).rejects.toMatchObject({ name: 'DataCloneError' });
    expect(await store.messages(COMMUNITY, 'r1')).toEqual([]);
    expect(await store.room(COMMUNITY, 'r1')).toBeUndefined();
  });

  it('fails a commit the faults say to fail, and keeps nothing of it', async () => {
    let fault: Error | undefined = new DOMException('full', 'QuotaExceededError');
    const faulty = new Store(await openDatabase(`store-test-${++n}`), undefined, { commit: () => fault });
    await expect(faulty.apply(COMMUNITY, ME, [newMessage()])).rejects.toMatchObject({ name: 'QuotaExceededError' });
    expect(await faulty.messages(COMMUNITY, 'r1')).toEqual([]);
    fault = undefined;
    await faulty.apply(COMMUNITY, ME, [newMessage()]);
    expect(await faulty.messages(COMMUNITY, 'r1')).toHaveLength(1);
  });

  it('counts rejected frames by kind', async () => {
    await store.apply(COMMUNITY, ME, [], { invalid_json: 2, unknown_event: 1 });
    await store.apply(COMMUNITY, ME, [], { invalid_json: 1 });
    expect(await store.diagnostics(COMMUNITY)).toEqual({ invalid_json: 3, unknown_event: 1 });
  });
});

describe('Store, live events against REST snapshots', () => {
  it('does not count a message twice when its live event comes after a REST read that included it', async () => {
    await apply({ type: 'roomSnapshot', room: room('r1', { unread: 3 }), at: 60_000 });
    await apply(newMessage(message(1, 'r1', { sentAt: 59_000 })));
    expect((await store.room(COMMUNITY, 'r1'))?.unread).toBe(3);
    await apply(newMessage(message(2, 'r1', { sentAt: 61_000 })));
    expect((await store.room(COMMUNITY, 'r1'))?.unread).toBe(4);
  });
});
