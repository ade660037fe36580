import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Message, Room, Thread } from '../../lib/circle/model';
import type { ConnectionStatus } from '../../lib/wire/status';
import { Popup } from './Popup';
import { FakeSource, settle, useMountPoint } from './testing';

const NOW = Date.now();
const C = 'http://circle.test/7';
const status: ConnectionStatus = { phase: 'live', community: C, memberId: 7, startedAt: NOW, updatedAt: NOW, sync: { kind: 'sign-in', done: 1, total: 1, startedAt: NOW, finishedAt: NOW } };
const room = (uuid: string, extra: Partial<Room> = {}): Room => ({ community: C, uuid, id: 1, kind: 'group_chat', name: `Room ${uuid}`, participants: [], unread: 0, lastActivityAt: NOW - 60_000, ...extra });
const message = (id: number, extra: Partial<Message> = {}): Message => ({ community: C, id, roomUuid: 'r1', sentAt: NOW - 100_000 + id, body: `message ${id}`, sender: { memberId: 8, name: 'Ada Lovelace' }, repliesCount: 0, ...extra });
const thread = (id: number, extra: Partial<Thread> = {}): Thread => ({ community: C, id, roomUuid: 'r1', parentMessageId: 100, followed: true, unread: 0, parent: { id: 100, body: 'The parent', sentAt: NOW - 90_000 }, lastReply: { id: 102, body: 'The last reply', sentAt: NOW - 1_000 }, lastActivityAt: NOW - 1_000, ...extra });

const root = useMountPoint();
let source: FakeSource;
beforeEach(() => {
  localStorage.clear();
  source = new FakeSource();
  source.roomList = [room('r1'), room('r2')];
  source.threadList = [thread(40, { unread: 1 }), thread(41, { parentMessageId: 200, parent: { id: 200, body: 'Other parent', sentAt: NOW - 80_000 } })];
  source.messageList.set('r1', [message(100, { repliesCount: 2, threadId: 40 }), message(101, { parentId: 100, threadId: 40, body: 'First reply' }), message(102, { parentId: 100, threadId: 40, body: 'The last reply' })]);
});

async function show() {
  await act(() => render(<Popup status={status} source={source} onOpenOptions={() => {}} />, root()));
  await act(settle);
}
const tab = (id: string) => root().querySelector<HTMLElement>(`#tab-${id}`)!;
const key = (el: Element, init: KeyboardEventInit) => act(() => void el.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init })));

describe('threads', () => {
  it('the Threads tab counts unread threads; opening one reads it at once, shows its parent and replies, and its composer replies in it', async () => {
    // As the background does: the read goes into the store, and its notice follows.
    source.answer = async (request) => {
      if (request.action === 'mark-thread-read') {
        source.threadList = source.threadList.map((th) => (th.id === request.id ? { ...th, unread: 0 } : th));
        source.emit({ threads: [request.id] });
      }
      return { ok: true };
    };
    await show();
    expect(tab('threads').querySelector('.tab-count')?.textContent).toBe('1');
    await act(() => tab('threads').click());
    await act(settle);
    const rows = root().querySelectorAll('#threads [role="option"]');
    expect(rows).toHaveLength(2);
    expect(rows[0]?.textContent).toContain('The parent');
    expect(rows[0]?.textContent).toContain('The last reply');
    expect(rows[0]?.querySelector('.dot')).not.toBeNull();
    await key(rows[0]!, { key: 'Enter' });
    await act(settle);
    expect(source.acts).toEqual(expect.arrayContaining([{ action: 'mark-thread-read', id: 40 }, { action: 'load-thread', id: 40 }]));
    expect(tab('threads')).toBeNull();
    expect([...root().querySelectorAll('[role="log"] [data-id]')].map((el) => Number(el.getAttribute('data-id')))).toEqual([100, 101, 102]);
    // In the thread, its parent carries no "N replies" link: they are right below it.
    expect(root().querySelector('[role="log"] .replies')).toBeNull();
    const area = root().querySelector<HTMLTextAreaElement>('.composer textarea')!;
    await act(() => {
      area.value = 'Agreed';
      area.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await key(area, { key: 'Enter' });
    expect(source.acts.filter((a) => a.action === 'send-message')).toEqual([{ action: 'send-message', uuid: 'r1', text: 'Agreed', parentId: 100, threadId: 40 }]);
    await key(document.body, { key: 'Escape' });
    await act(settle);
    expect(tab('threads').querySelector('.tab-count')).toBeNull();
  });

  it('"N replies" under a room\'s message opens its thread; Escape goes back to the room', async () => {
    await show();
    await act(() => root().querySelector<HTMLElement>('#rooms [role="option"]')!.click());
    await act(settle);
    const link = [...root().querySelectorAll<HTMLButtonElement>('[role="log"] button.replies')].find((b) => b.textContent === '2 replies')!;
    await act(() => link.click());
    await act(settle);
    expect(root().querySelector('#thread-title')?.textContent).toBe('Thread');
    await key(document.body, { key: 'Escape' });
    await act(settle);
    expect(root().querySelector('#room-title')?.textContent).toBe('Room r1');
  });
});

describe('mute from the rooms list', () => {
  it('M on a row mutes and unmutes it, says so, and keeps the focus on the row; its menu offers the three alert choices', async () => {
    await show();
    const row = () => root().querySelector<HTMLElement>('#rooms [role="option"]')!;
    row().focus();
    await key(row(), { key: 'm' });
    await act(settle);
    expect(source.muted).toEqual(['r1']);
    expect(row().querySelector('.room.muted')).not.toBeNull();
    expect(document.activeElement).toBe(row());
    expect([...root().querySelectorAll('[role="status"]')].map((el) => el.textContent)).toContain('Alerts for Room r1 are off');
    await act(() => void row().dispatchEvent(new MouseEvent('contextmenu', { bubbles: true, cancelable: true })));
    await act(settle);
    const items = [...root().querySelectorAll<HTMLElement>('[role="menuitemradio"]')];
    expect(items.map((item) => [item.textContent, item.getAttribute('aria-checked')])).toEqual([['Every message', 'false'], ['Only mentions', 'false'], ['Never', 'true']]);
    expect(document.activeElement).toBe(items[2]);
    await act(() => items[1]!.click());
    await act(settle);
    expect(source.muted).toEqual([]);
    expect(source.roomAlerts).toEqual({ r1: 'mentions' });
    expect(root().querySelector('[role="menu"]')).toBeNull();
    expect(document.activeElement).toBe(row());
    expect([...root().querySelectorAll('[role="status"]')].map((el) => el.textContent)).toContain('Alerts for Room r1: Only mentions');
  });
});
