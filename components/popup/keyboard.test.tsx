import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Message, Notification, Room, Thread } from '../../lib/circle/model';
import type { ConnectionStatus } from '../../lib/wire/status';
import { Popup } from './Popup';
import { FakeSource, settle, useGerman, useMountPoint } from './testing';

const NOW = Date.now();
const C = 'http://circle.test/7';
const status: ConnectionStatus = { key: 'c0ffee07', label: 'community.example', phase: 'live', community: C, memberId: 7, startedAt: NOW, updatedAt: NOW, sync: { kind: 'sign-in', done: 1, total: 1, startedAt: NOW, finishedAt: NOW } };
const room = (uuid: string, extra: Partial<Room> = {}): Room => ({ community: C, uuid, id: 1, kind: 'group_chat', name: `Room ${uuid}`, participants: [], unread: 0, lastActivityAt: NOW - 60_000, ...extra });
const message = (id: number): Message => ({ community: C, id, roomUuid: 'r1', sentAt: NOW - 100_000 + id, body: `message ${id}`, sender: { memberId: 8, name: 'Ada Lovelace' }, repliesCount: 0 });
const thread = (id: number, extra: Partial<Thread> = {}): Thread => ({ community: C, id, roomUuid: 'r1', parentMessageId: 100, followed: true, unread: 0, parent: { id: 100, body: 'The parent', sentAt: NOW - 90_000 }, lastReply: { id: 102, body: 'The last reply', sentAt: NOW - 1_000 }, lastActivityAt: NOW - 1_000, ...extra });
const notification = (id: number, extra: Partial<Notification> = {}): Notification => ({ community: C, id, createdAt: NOW - id * 1000, text: `Notification ${id}`, url: `https://community.example/n/${id}`, ...extra });

const root = useMountPoint();
let source: FakeSource;
beforeEach(() => {
  source = new FakeSource();
  source.roomList = [room('r1', { lastActivityAt: NOW - 1000 }), room('r2', { unread: 3 }), room('r3', { lastActivityAt: NOW - 120_000 })];
  source.messageList.set('r1', [message(1), message(2)]);
  source.threadList = [thread(40), thread(41, { unread: 2, parentMessageId: 200, lastActivityAt: NOW - 5_000 })];
  source.notificationList = [notification(1, { readAt: NOW }), notification(2)];
  // As the background does: the read goes into the store, and its notice follows.
  source.answer = async (request) => {
    if (request.action === 'mark-room-read') {
      source.roomList = source.roomList.map((r) => (r.uuid === request.uuid ? { ...r, unread: 0 } : r));
      source.emit({ rooms: [request.uuid] });
    }
    if (request.action === 'mark-thread-read') {
      source.threadList = source.threadList.map((th) => (th.id === request.id ? { ...th, unread: 0 } : th));
      source.emit({ threads: [request.id] });
    }
    return { ok: true };
  };
});

async function show() {
  await act(() => render(<Popup status={status} source={source} onOpenOptions={() => {}} />, root()));
  await act(settle);
}
const key = async (el: Element, init: KeyboardEventInit) => {
  await act(() => void el.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init })));
  await act(settle);
};
const focus = async (el: HTMLElement) => {
  await act(() => el.focus());
  await act(settle);
};
const said = () => root().querySelector('#rooms-keys + [role="status"]')?.textContent;
const rows = (list: string) => [...root().querySelectorAll<HTMLElement>(`#${list} [role="option"]`)];
const focusedText = () => document.activeElement?.textContent ?? '';
const openTab = async (id: string) => {
  await act(() => root().querySelector<HTMLElement>(`#tab-${id}`)!.click());
  await act(settle);
};

describe('popup keyboard', () => {
  it('j and k move the focus like the arrows, and not with Shift, Ctrl, Alt or Meta held', async () => {
    await show();
    await focus(rows('rooms')[0]!);
    await key(document.activeElement!, { key: 'j' });
    expect(focusedText()).toContain('Room r2');
    await key(document.activeElement!, { key: 'j' });
    expect(focusedText()).toContain('Room r3');
    await key(document.activeElement!, { key: 'k' });
    expect(focusedText()).toContain('Room r2');
    for (const held of [{ key: 'J', shiftKey: true }, { key: 'j', ctrlKey: true }, { key: 'j', altKey: true }, { key: 'j', metaKey: true }]) {
      await key(document.activeElement!, held);
      expect(focusedText()).toContain('Room r2');
    }
  });

  it('e marks the focused room read through Circle, its count gone at once, and says so', async () => {
    await show();
    await focus(rows('rooms')[0]!);
    await key(document.activeElement!, { key: 'j' });
    expect(rows('rooms')[1]!.querySelector('.badge')).not.toBeNull();
    await key(document.activeElement!, { key: 'e' });
    expect(source.acts).toEqual([{ action: 'mark-room-read', uuid: 'r2' }]);
    expect(rows('rooms')[1]!.querySelector('.badge')).toBeNull();
    expect(said()).toBe('Room r2 is marked as read');
    // Still in the list, on the same row: e reads, it does not open.
    expect(focusedText()).toContain('Room r2');
    expect(root().querySelector('[role="log"]')).toBeNull();
  });

  it('a refused e says Circle\'s reason, not "marked as read"', async () => {
    source.answer = async () => ({ ok: false, error: { code: 'rejected' } });
    await show();
    await focus(rows('rooms')[1]!);
    await key(document.activeElement!, { key: 'e' });
    expect(said()).toMatch(/^Circle did not mark this chat as read/);
  });

  it('typing j, k and e in the composer writes them, and neither moves, marks nor leaves the room', async () => {
    await show();
    await focus(rows('rooms')[0]!);
    await key(document.activeElement!, { key: 'Enter' });
    const area = root().querySelector<HTMLTextAreaElement>('.composer textarea')!;
    area.focus();
    for (const k of ['j', 'k', 'e']) await key(area, { key: k });
    expect(document.activeElement).toBe(area);
    expect(source.acts.filter((a) => a.action !== 'load-history')).toEqual([]);
    expect(root().querySelector('[role="log"]')).not.toBeNull();
    // Escape still goes back, to the row the member came from.
    await key(document.body, { key: 'Escape' });
    expect(root().querySelector('[role="log"]')).toBeNull();
    expect(focusedText()).toContain('Room r1');
  });

  it('e on a thread marks it read; on a notification, reads it without opening it', async () => {
    await show();
    await openTab('threads');
    const unreadThread = rows('threads').find((row) => row.querySelector('.dot'))!;
    await focus(unreadThread);
    await key(unreadThread, { key: 'e' });
    expect(source.acts).toEqual([{ action: 'mark-thread-read', id: 41 }]);
    expect(rows('threads').some((row) => row.querySelector('.dot'))).toBe(false);

    await openTab('notifications');
    await focus(rows('notifications')[0]!);
    await key(document.activeElement!, { key: 'j' });
    expect(focusedText()).toContain('Notification 2');
    await key(document.activeElement!, { key: 'e' });
    expect(source.acts.slice(1)).toEqual([{ action: 'mark-notification-read', id: 2 }]);
    expect(source.opened).toEqual([]);
  });

  it('rows name their shortcuts, and each list describes its keys, in English and German', async () => {
    await show();
    expect(rows('rooms')[0]!.getAttribute('aria-keyshortcuts')).toBe('E M');
    const hint = (list: string) => document.getElementById(root().querySelector(`#${list}`)!.getAttribute('aria-describedby')!)?.textContent;
    expect(hint('rooms')).toMatch(/J and K .* E marks .* M mutes/);
    await openTab('threads');
    expect(rows('threads')[0]!.getAttribute('aria-keyshortcuts')).toBe('E');
    expect(hint('threads')).toMatch(/E marks it as read/);
    await openTab('notifications');
    expect(rows('notifications')[0]!.getAttribute('aria-keyshortcuts')).toBe('E');
    expect(hint('notifications')).toMatch(/without opening it/);
    useGerman();
    await openTab('chats');
    expect(hint('rooms')).toMatch(/J und K .* E markiert .* M schaltet/);
  });
});
