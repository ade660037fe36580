import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import specRichText from '../../lib/circle/fixtures/spec-rich-text-body.json';
import type { Message, Room } from '../../lib/circle/model';
import { Popup } from './Popup';
import { FakeSource, settle, useMountPoint } from './testing';
import type { ConnectionStatus } from '../../lib/wire/status';
import type { ActionResult } from '../../lib/wire/messages';

const NOW = Date.now();
const status: ConnectionStatus = { key: 'c0ffee07', label: 'community.example', phase: 'live', community: 'http://circle.test/7', memberId: 7, startedAt: NOW, updatedAt: NOW, sync: { kind: 'sign-in', done: 1, total: 1, startedAt: NOW, finishedAt: NOW } };

const room = (uuid: string, extra: Partial<Room> = {}): Room => ({
  community: 'http://circle.test/7', uuid, id: 1, kind: 'group_chat', name: `Room ${uuid}`, participants: [{ name: 'Ada Lovelace', avatarUrl: 'javascript:alert(1)' }], unread: 0, lastActivityAt: NOW - 60_000, ...extra,
});
const message = (id: number, body: string, extra: Partial<Message> = {}): Message => ({ community: 'http://circle.test/7', id, roomUuid: 'r1', sentAt: NOW - 1000 * (100 - id), body, sender: { memberId: 8, name: 'Ada Lovelace' }, repliesCount: 0, ...extra });

/** The first mention's sgid in Circle's example. */
const specMention = (specRichText.body.content[0]!.content[1]!.attrs as { sgid: string }).sgid;

const root = useMountPoint();
let source: FakeSource;
beforeEach(() => {
  source = new FakeSource();
  source.roomList = [room('r1', { unread: 2, lastActivityAt: NOW - 1000 }), room('r2'), room('r3', { lastActivityAt: NOW - 120_000 })];
  source.messageList.set('r1', [message(1, 'first'), message(2, 'second', { editedAt: NOW, repliesCount: 3, reactions: [{ emoji: '👍', count: 2 }, { emoji: '🎉', count: 1 }] }), message(3, '', { deleted: true })]);
});

async function show() {
  await act(() => render(<Popup status={status} source={source} onOpenOptions={() => {}} />, root()));
  await act(settle);
}
const names = () => [...root().querySelectorAll('.room-name')].map((el) => el.textContent);
const press = (el: Element, key: string) => el.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));

describe('Popup', () => {
  it('lists rooms from the cache with their unread counts, and avatars only from safe sources', async () => {
    await show();
    expect(names()).toEqual(['Room r1', 'Room r2', 'Room r3']);
    expect(root().querySelector('[role="option"] .badge')?.textContent).toContain('2 unread messages');
    expect(root().querySelector('img[src^="javascript"]')).toBeNull();
    expect(root().querySelector('.avatar.initials')?.textContent).toBe('AL');
  });

  it('re-reads only the rooms a change names, and keeps the focused row focused as it moves', async () => {
    await show();
    const r3 = [...root().querySelectorAll<HTMLElement>('[role="option"]')][2]!;
    r3.focus();
    source.roomList = [room('r1', { unread: 2 }), room('r2'), room('r3', { lastActivityAt: NOW, unread: 1, lastMessage: { id: 9, body: 'moved up', sentAt: NOW } })];
    await act(async () => {
      source.emit({ rooms: ['r3'], messages: 1 });
      await settle();
    });
    expect(names()).toEqual(['Room r3', 'Room r1', 'Room r2']);
    expect(source.reads.rooms).toBe(1);
    expect(source.reads.roomsByUuid).toEqual([['r3']]);
    expect(document.activeElement?.textContent).toContain('moved up');
  });

  it('opens a room by keyboard, shows its messages with marks, and Escape comes back to the same row', async () => {
    await show();
    const first = root().querySelector<HTMLElement>('[role="option"]')!;
    first.focus();
    await act(() => void press(first, 'Enter'));
    await act(settle);
    expect(root().querySelector('h2')?.textContent).toBe('Room r1');
    const log = root().querySelector('[role="log"]')!;
    expect(log.textContent).toContain('first');
    expect(log.textContent).toContain('Edited');
    expect(log.textContent).toContain('3 replies');
    expect(log.textContent).toContain('This message was deleted');
    const reactions = log.querySelector('[data-id="2"] ul.reactions');
    expect(reactions?.getAttribute('aria-label')).toBe('Reactions');
    expect([...reactions!.querySelectorAll('li .visually-hidden')].map((el) => el.textContent)).toEqual(['👍 2 reactions', '🎉 1 reaction']);
    expect(log.querySelector('[data-id="1"] ul.reactions')).toBeNull();
    await act(() => void press(document.body, 'Escape'));
    await act(settle);
    expect(names()[0]).toBe('Room r1');
    expect(document.activeElement?.querySelector('.room-name')?.textContent).toBe('Room r1');
  });

  it('shows 0 at once on Mark as read, and the count again with a message when Circle refuses', async () => {
    let refuse: (value: ActionResult) => void = () => {};
    source.answer = async (request) => (request.action === 'mark-room-read' ? new Promise((resolve) => (refuse = resolve)) : { ok: true });
    await show();
    await act(() => root().querySelector<HTMLElement>('[role="option"]')!.click());
    await act(settle);
    const button = [...root().querySelectorAll('button')].find((b) => b.textContent?.includes('Mark as read'))!;
    await act(() => button.click());
    expect(root().querySelector('.unread-state')?.textContent).toBe('No unread messages');
    expect(source.acts.filter((a) => a.action !== 'load-history')).toEqual([{ action: 'mark-room-read', uuid: 'r1' }]);
    await act(async () => {
      refuse({ ok: false, error: { code: 'rejected' } });
      await settle();
    });
    expect(root().querySelector('.unread-state')?.textContent).toBe('2 unread messages');
    expect(root().querySelector('[role="alert"]')?.textContent).toContain('Circle refused the request.');
  });

  it('follows new messages in the open room without moving the focus', async () => {
    await show();
    await act(() => root().querySelector<HTMLElement>('[role="option"]')!.click());
    await act(settle);
    const button = [...root().querySelectorAll<HTMLElement>('button')].find((b) => b.textContent?.includes('Mark as read'))!;
    button.focus();
    source.messageList.set('r1', [...source.messageList.get('r1')!, message(4, 'just now')]);
    await act(async () => {
      source.emit({ messages: 1 });
      await settle();
    });
    expect(root().querySelector('[role="log"]')?.textContent).toContain('just now');
    expect(document.activeElement).toBe(button);
  });

  it('renders hostile bodies and rich text as text', async () => {
    source.messageList.set('r1', [
      message(1, '<img src=x onerror=alert(1)>'),
      message(2, 'ignored', {
        richText: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'bad', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] }, { type: 'text', text: ' good', marks: [{ type: 'link', attrs: { href: 'https://example.com/' } }] }] }] },
      }),
    ]);
    await show();
    await act(() => root().querySelector<HTMLElement>('[role="option"]')!.click());
    await act(settle);
    const log = root().querySelector('[role="log"]')!;
    expect(log.querySelector('.body img')).toBeNull();
    expect(log.textContent).toContain('<img src=x onerror=alert(1)>');
    const links = [...log.querySelectorAll('a')];
    expect(links.map((a) => [a.getAttribute('href'), a.getAttribute('rel'), a.getAttribute('target')])).toEqual([['https://example.com/', 'noopener noreferrer', '_blank']]);
    expect(log.textContent).toContain('bad good');
  });

  it("shows Circle's published rich text with its links, mentions and line breaks, and an attachment-only message by its file's name", async () => {
    source.messageList.set('r1', [
      message(1, 'Tempora consequuntur expedita quo.', { richText: { ...specRichText, sgids_to_object_map: { [specMention]: { name: 'Maya Chen' } } } }),
      message(2, '', { richText: { body: { type: 'doc', content: [] }, attachments: [{ filename: 'agenda.pdf', content_type: 'application/pdf' }] } }),
    ]);
    await show();
    await act(() => root().querySelector<HTMLElement>('[role="option"]')!.click());
    await act(settle);
    const [first, second] = [...root().querySelectorAll('[role="log"] .body')];
    expect([...first!.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual(['https://www.google.com/', 'http://circle.so/']);
    expect([...first!.querySelectorAll('.mention')].map((m) => m.textContent)).toEqual(['@Maya Chen', '@someone']);
    expect(first!.querySelectorAll('br')).toHaveLength(3);
    expect(first!.textContent).toContain('How was your weekend?');
    expect(second!.textContent).toBe('agenda.pdf');
  });

  it('opens an http(s) notification in a tab, marks it read and resets the count; other addresses stay closed', async () => {
    source.count = 2;
    source.notificationList = [
      { community: 'c', id: 1, createdAt: NOW, actorName: 'Ada', displayAction: 'mentioned you in', notifiableTitle: 'Post', url: 'https://community.example/c/post' },
      { community: 'c', id: 2, createdAt: NOW - 1, actorName: 'Eve', displayAction: 'liked', notifiableTitle: 'Evil', url: 'javascript:alert(1)' },
    ];
    await show();
    const tab = [...root().querySelectorAll<HTMLElement>('[role="tab"]')].find((t) => t.textContent?.startsWith('Notifications'))!;
    await act(() => tab.click());
    await act(settle);
    const rows = [...root().querySelectorAll<HTMLElement>('[role="option"]')];
    await act(() => rows[0]!.click());
    await act(settle);
    expect(source.opened).toEqual(['https://community.example/c/post']);
    expect(source.acts).toEqual([{ action: 'mark-notification-read', id: 1 }, { action: 'reset-new-count' }]);
    await act(() => rows[1]!.click());
    await act(settle);
    expect(source.opened).toEqual(['https://community.example/c/post']);
  });

  it('says the connection in words with the way out of each state', async () => {
    const calls: string[] = [];
    const showStatus = (extra: Partial<ConnectionStatus>) =>
      act(() => render(<Popup status={{ ...status, ...extra }} source={source} onOpenOptions={() => calls.push('options')} onRetry={() => calls.push('retry')} />, root()));
    const button = (name: string) => [...root().querySelectorAll<HTMLElement>('.connection button')].find((b) => b.textContent === name);

    await showStatus({ phase: 'reconnecting', cable: { nextRetryAt: Date.now() + 7_600 } as ConnectionStatus['cable'] });
    expect(root().querySelector('.connection [role="status"]')?.textContent).toBe('Reconnecting in 8 s');
    button('Retry now')!.click();
    await showStatus({ phase: 'offline' });
    expect(root().querySelector('.connection')?.textContent).toContain('Offline — retrying by itself');
    await showStatus({ phase: 'signed-out' });
    expect(root().querySelector('.connection [role="status"]')?.textContent).toBe('Signed out — sign in');
    expect(button('Retry now')).toBeUndefined();
    button('Sign in')!.click();
    await showStatus({ phase: 'live' });
    expect(root().querySelector('.connection')?.textContent).toBe('Live');
    expect(root().querySelector('.connection button')).toBeNull();
    expect(calls).toEqual(['retry', 'options']);
  });

  it('says when the browser would not save or open the cache, and that nothing is lost', async () => {
    const showStatus = (extra: Partial<ConnectionStatus>) => act(() => render(<Popup status={{ ...status, ...extra }} source={source} onOpenOptions={() => {}} />, root()));
    await showStatus({ phase: 'live', storage: { problem: 'write', error: 'QuotaExceededError', since: NOW } });
    expect(root().querySelector('.connection')?.textContent).toContain("New messages can't be saved right now");
    await showStatus({ phase: 'error', reason: { code: 'storage_unavailable' }, storage: { problem: 'open', error: 'UnknownError', since: NOW } });
    expect(root().querySelector('.connection [role="status"]')?.textContent).toContain("The browser's storage for Circle Live would not open. Nothing is lost");
    await showStatus({ phase: 'live', storage: { last: { problem: 'write', since: NOW, clearedAt: NOW } } });
    expect(root().querySelector('.connection')?.textContent).toBe('Live');
  });
});
