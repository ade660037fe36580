import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Message, Room } from '../../lib/circle/model';
import { Popup } from './Popup';
import { FakeSource, settle, useMountPoint } from './testing';
import type { ActionResult, MemberAction } from '../../lib/wire/messages';
import type { ConnectionStatus } from '../../lib/wire/status';

const NOW = Date.now();
const status: ConnectionStatus = { key: 'c0ffee07', label: 'community.example', phase: 'live', community: 'http://circle.test/7', memberId: 7, startedAt: NOW, updatedAt: NOW, sync: { kind: 'sign-in', done: 1, total: 1, startedAt: NOW, finishedAt: NOW } };
const room = (uuid: string, extra: Partial<Room> = {}): Room => ({ community: 'http://circle.test/7', uuid, id: 1, kind: 'group_chat', name: `Room ${uuid}`, participants: [], unread: 0, lastActivityAt: NOW - 60_000, ...extra });
const message = (id: number, body = `message ${id}`): Message => ({ community: 'http://circle.test/7', id, roomUuid: 'r1', sentAt: NOW - 1000 * (1000 - id), body, sender: { memberId: 8, name: 'Ada Lovelace' }, repliesCount: 0 });
const ids = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => message(from + i));

const root = useMountPoint();
let source: FakeSource;
let pending: ((result: ActionResult) => void)[];
beforeEach(() => {
  source = new FakeSource();
  source.roomList = [room('r1', { unread: 2, lastMessage: { id: 100, body: 'message 100', sentAt: NOW } }), room('r2', { unread: 1 })];
  pending = [];
  source.answer = (request: MemberAction) => new Promise<ActionResult>((resolve) => (request.action === 'load-history' || request.action === 'mark-all-read' ? pending.push(resolve) : resolve({ ok: true })));
});

async function openRoom() {
  await act(() => render(<Popup status={status} source={source} onOpenOptions={() => {}} />, root()));
  await act(settle);
  await act(() => root().querySelector<HTMLElement>('[role="option"]')!.click());
  await act(settle);
}
const answer = (result: ActionResult) =>
  act(async () => {
    pending.shift()!(result);
    await settle();
  });
const shown = () => [...root().querySelectorAll('[role="log"] [data-id]')].map((el) => Number(el.getAttribute('data-id')));
const key = (el: Element, init: KeyboardEventInit) => act(() => void el.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init })));
const button = (text: string) => [...root().querySelectorAll<HTMLElement>('button')].find((b) => b.textContent?.includes(text) || b.getAttribute('aria-label') === text)!;

describe('history on demand', () => {
  it('a room with nothing stored asks Circle for its newest page and shows it, never "no messages" meanwhile', async () => {
    await openRoom();
    expect(source.acts).toEqual([{ action: 'load-history', uuid: 'r1', before: undefined }]);
    expect(root().textContent).not.toContain('No messages');
    expect(root().querySelector('.skeleton')).not.toBeNull();
    await answer({ ok: true, messages: ids(71, 100), hasPrevious: true });
    expect(shown()).toEqual(ids(71, 100).map((m) => m.id));
  });

  it('the log takes the focus once the history has come, unless the member has already gone to the composer', async () => {
    await openRoom();
    await answer({ ok: true, messages: ids(71, 100), hasPrevious: true });
    expect(document.activeElement).toBe(root().querySelector('.room-view .log'));
    render(null, root());
    await openRoom();
    const area = root().querySelector<HTMLTextAreaElement>('.composer textarea')!;
    area.focus();
    await answer({ ok: true, messages: ids(71, 100), hasPrevious: true });
    expect(document.activeElement).toBe(area);
  });

  it('a full cache that stops short of the room\'s last message asks too; one that is current does not', async () => {
    source.messageList.set('r1', ids(50, 80));
    await openRoom();
    expect(source.acts).toEqual([{ action: 'load-history', uuid: 'r1', before: undefined }]);
    render(null, root());
    source.acts = [];
    source.messageList.set('r1', ids(70, 100));
    await openRoom();
    expect(source.acts).toEqual([]);
    expect(shown()).toHaveLength(31);
  });

  it('scrolled to the top: the page before the oldest, merged with the stored ones, each once, until Circle has no more', async () => {
    source.messageList.set('r1', ids(70, 100));
    await openRoom();
    const log = root().querySelector<HTMLElement>('[role="log"]')!;
    Object.defineProperty(log, 'scrollHeight', { configurable: true, get: () => 3000 });
    Object.defineProperty(log, 'clientHeight', { configurable: true, get: () => 400 });
    log.scrollTop = 10;
    await act(() => void log.dispatchEvent(new Event('scroll')));
    expect(source.acts).toEqual([{ action: 'load-history', uuid: 'r1', before: 70 }]);
    expect(root().querySelector('.log-top')?.textContent).toBe('Loading older messages…');
    // A second scroll while the page is on its way asks nothing more.
    await act(() => void log.dispatchEvent(new Event('scroll')));
    expect(source.acts).toHaveLength(1);
    await answer({ ok: true, messages: [...ids(40, 69), message(70, 'stale copy')], hasPrevious: false });
    expect(shown()).toEqual(ids(40, 100).map((m) => m.id));
    expect(root().querySelector('[data-id="70"]')?.textContent).toContain('message 70');
    expect(root().querySelector('.log-top')?.textContent).toBe('This is the beginning of the chat');
    await act(() => void log.dispatchEvent(new Event('scroll')));
    expect(source.acts).toHaveLength(1);
  });

  it('Circle unreachable: says so in the room and keeps what is cached', async () => {
    source.messageList.set('r1', ids(95, 97));
    await openRoom();
    await answer({ ok: false, error: { code: 'network' } });
    expect(shown()).toEqual([95, 96, 97]);
    expect(root().querySelector('.room-note')?.textContent).toBe('Could not load messages from Circle: Circle cannot be reached. Check your internet connection.');
  });
});

describe('alert choice from the room', () => {
  const radios = () => [...root().querySelectorAll<HTMLElement>('[role="menuitemradio"]')];
  const checked = () => radios().find((item) => item.getAttribute('aria-checked') === 'true')?.textContent;

  it('the bell opens a menu of three on the choice in force; a choice is stored, said, and gives the bell the focus back', async () => {
    source.messageList.set('r1', ids(70, 100));
    await openRoom();
    const bell = button('Alerts for this chat');
    expect(bell.getAttribute('aria-haspopup')).toBe('menu');
    bell.focus();
    await key(bell, { key: 'ArrowDown' });
    await act(settle);
    expect(bell.getAttribute('aria-expanded')).toBe('true');
    expect(radios().map((item) => item.textContent)).toEqual(['Every message', 'Only mentions', 'Never']);
    expect(checked()).toBe('Every message');
    expect(document.activeElement).toBe(radios()[0]);
    await key(radios()[0]!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(radios()[1]);
    await act(async () => {
      radios()[1]!.click();
      await settle();
    });
    expect(source.roomAlerts).toEqual({ r1: 'mentions' });
    expect(radios()).toEqual([]);
    expect(document.activeElement).toBe(bell);
    expect([...root().querySelectorAll('[role="status"]')].map((el) => el.textContent)).toContain('Alerts for Room r1: Only mentions');

    // "Never" mutes: the bell shows it pressed, the list marks the room.
    await act(async () => {
      bell.click();
      await settle();
    });
    expect(checked()).toBe('Only mentions');
    await act(async () => {
      radios()[2]!.click();
      await settle();
    });
    expect(source.muted).toEqual(['r1']);
    expect(source.roomAlerts).toEqual({});
    expect(button('Alerts for this chat').classList.contains('pressed')).toBe(true);

    // Escape closes without choosing.
    await act(async () => {
      bell.click();
      await settle();
    });
    expect(checked()).toBe('Never');
    await key(radios()[2]!, { key: 'Escape' });
    expect(radios()).toEqual([]);
    expect(document.activeElement).toBe(bell);
    expect(source.muted).toEqual(['r1']);
    await act(async () => {
      button('Back to chats').click();
      await settle();
    });
    expect([...root().querySelectorAll('[role="option"] .room.muted .room-name')].map((el) => el.textContent)).toEqual(['Room r1']);
  });

  it('a room the policy fixes shows its choice, locked, with the policy\'s note, and a click changes nothing', async () => {
    source.messageList.set('r1', ids(70, 100));
    source.roomAlerts = { r1: 'mentions' };
    source.lockedRooms.add('r1');
    await openRoom();
    await act(async () => {
      button('Alerts for this chat').click();
      await settle();
    });
    expect(checked()).toBe('Only mentions');
    expect(radios().map((item) => item.getAttribute('aria-disabled'))).toEqual(['true', 'true', 'true']);
    const menu = root().querySelector('[role="menu"]')!;
    expect(document.getElementById(menu.getAttribute('aria-describedby')!)?.textContent).toContain('Set by your organisation');
    await act(async () => {
      radios()[2]!.click();
      await settle();
    });
    expect(source.muted).toEqual([]);
    expect(source.roomAlerts).toEqual({ r1: 'mentions' });
  });
});

describe('mark all as read', () => {
  it('chats: every count 0 at once, back with Circle\'s reason when it refuses', async () => {
    await act(() => render(<Popup status={status} source={source} onOpenOptions={() => {}} />, root()));
    await act(settle);
    const all = button('Mark all as read');
    await act(() => all.click());
    expect(source.acts).toEqual([{ action: 'mark-all-read', what: 'chats' }]);
    expect(root().querySelectorAll('[role="option"] .badge')).toHaveLength(0);
    expect(root().querySelector('.tab-count')).toBeNull();
    await answer({ ok: false, error: { code: 'rejected' } });
    expect(root().querySelectorAll('[role="option"] .badge')).toHaveLength(2);
    expect(root().querySelector('[role="alert"]')?.textContent).toContain('Circle refused the request.');
  });

  it('notifications: all read and the tab count 0 at once', async () => {
    source.count = 2;
    source.notificationList = [
      { community: 'c', id: 1, createdAt: NOW, actorName: 'Ada', displayAction: 'mentioned you in', notifiableTitle: 'Post', url: 'https://community.example/c/post' },
      { community: 'c', id: 2, createdAt: NOW - 1, actorName: 'Eve', displayAction: 'liked', notifiableTitle: 'Post', url: 'https://community.example/c/post', readAt: NOW },
    ];
    await act(() => render(<Popup status={status} source={source} onOpenOptions={() => {}} />, root()));
    await act(settle);
    await act(() => root().querySelector<HTMLElement>('#tab-notifications')!.click());
    await act(settle);
    expect(root().querySelectorAll('.notification.unread')).toHaveLength(1);
    await act(() => button('Mark all as read').click());
    expect(source.acts).toEqual([{ action: 'mark-all-read', what: 'notifications' }]);
    expect(root().querySelectorAll('.notification.unread')).toHaveLength(0);
    expect(root().querySelector('#tab-notifications')?.querySelector('.tab-count')).toBeNull();
    source.notificationList = source.notificationList.map((n) => ({ ...n, readAt: NOW }));
    source.count = 0;
    await answer({ ok: true });
    expect(root().querySelector('[role="alert"]')).toBeNull();
  });
});

describe('reply from the room', () => {
  const type = async (text: string) => {
    const area = root().querySelector<HTMLTextAreaElement>('.composer textarea')!;
    await act(() => {
      area.value = text;
      area.dispatchEvent(new Event('input', { bubbles: true }));
    });
    return area;
  };
  const key = (el: Element, init: KeyboardEventInit) => act(() => void el.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init })));
  const sends = () => source.acts.filter((a) => a.action === 'send-message');
  const texts = () => [...root().querySelectorAll('[role="log"] .message')].map((el) => el.textContent ?? '').filter((text) => text.includes('On my way'));

  beforeEach(() => {
    localStorage.clear();
    source.messageList.set('r1', ids(70, 100));
  });

  it('Enter sends, Shift+Enter does not; the message shows once: sending, then the stored copy', async () => {
    let reply: (result: ActionResult) => void = () => {};
    source.answer = (request) => new Promise((resolve) => (request.action === 'send-message' ? (reply = resolve) : resolve({ ok: true })));
    await openRoom();
    const area = await type('On my way');
    await key(area, { key: 'Enter', shiftKey: true });
    expect(sends()).toEqual([]);
    await key(area, { key: 'Enter' });
    expect(sends()).toEqual([{ action: 'send-message', uuid: 'r1', text: 'On my way', parentId: undefined }]);
    expect(area.value).toBe('');
    expect(document.activeElement).toBe(area);
    expect(texts()).toEqual(['On my waySending…']);
    // The store's copy comes first (the live echo), Circle's answer after: still once.
    source.messageList.set('r1', [...ids(70, 100), { ...message(101, 'On my way'), sender: { memberId: 7, name: 'Me' } }]);
    await act(async () => {
      source.emit({ messages: 1 });
      await settle();
    });
    expect(texts()).toHaveLength(1);
    expect(root().querySelector('[data-pending]')).toBeNull();
    await act(async () => {
      reply({ ok: true, creationUuid: 'c1', messageId: 101 });
      await settle();
    });
    expect(texts()).toHaveLength(1);
  });

  it('refused: "not sent" with Circle\'s reason and the text kept; Retry sends it again', async () => {
    const answers: ActionResult[] = [{ ok: false, error: { code: 'forbidden' } }, { ok: true, creationUuid: 'c2' }];
    source.answer = async (request) => (request.action === 'send-message' ? answers.shift()! : { ok: true });
    await openRoom();
    await key(await type('On my way'), { key: 'Enter' });
    await act(settle);
    const failed = root().querySelector('[data-pending].failed')!;
    expect(failed.textContent).toContain('On my way');
    expect(failed.querySelector('[role="alert"]')?.textContent).toContain('Not sent: Circle refuses access');
    await act(async () => {
      failed.querySelector<HTMLElement>('button')!.click();
      await settle();
    });
    expect(sends()).toHaveLength(2);
    expect(root().querySelector('[data-pending].failed')).toBeNull();
    expect(document.activeElement).toBe(root().querySelector('.composer textarea'));
  });

  it('a draft survives closing the popup', async () => {
    await openRoom();
    await type('half a thought');
    render(null, root());
    await openRoom();
    expect(root().querySelector<HTMLTextAreaElement>('.composer textarea')!.value).toBe('half a thought');
  });
});
