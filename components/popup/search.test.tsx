import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Message, Room } from '../../lib/circle/model';
import type { ConnectionStatus } from '../../lib/wire/status';
import { Popup } from './Popup';
import { loadSearchView } from './Search';
import { FakeSource, settle, useGerman, useMountPoint } from './testing';

const NOW = Date.now();
const C = 'http://circle.test/7';
const status: ConnectionStatus = { key: 'c0ffee07', label: 'community.example', phase: 'live', community: C, memberId: 7, startedAt: NOW, updatedAt: NOW, sync: { kind: 'sign-in', done: 1, total: 1, startedAt: NOW, finishedAt: NOW } };
const room = (uuid: string, name: string): Room => ({ community: C, uuid, id: 1, kind: 'group_chat', name, participants: [], unread: 0, lastActivityAt: NOW - 60_000 });
const message = (id: number, roomUuid: string, body: string, sender = 'Ada Lovelace', extra: Partial<Message> = {}): Message => ({ community: C, id, roomUuid, sentAt: NOW - 100_000 + id, body, sender: { memberId: 8, name: sender }, repliesCount: 0, ...extra });

const root = useMountPoint();
beforeAll(() => loadSearchView());
let source: FakeSource;
beforeEach(() => {
  source = new FakeSource();
  source.roomList = [room('r1', 'General'), room('r2', 'Café Zürich')];
  source.messageList.set('r1', [message(1, 'r1', 'Welcome everyone'), message(2, 'r1', 'Lunch at noon?', 'Zoë Brown'), ...Array.from({ length: 150 }, (_, i) => message(10 + i, 'r1', `filler ${i}`))]);
  source.messageList.set('r2', [message(3, 'r2', 'Grüße aus Zürich'), message(4, 'r2', 'a reply about lunch', 'Bo', { parentId: 3, threadId: 90 })]);
  // As the store reads: a room's newest `limit` timeline messages.
  source.messages = async (uuid: string, limit = 100) => (source.messageList.get(uuid) ?? []).filter((m) => !m.parentId).slice(-limit);
});

async function show() {
  await act(() => render(<Popup status={status} source={source} onOpenOptions={() => {}} />, root()));
  await act(settle);
}
const key = async (el: Element, init: KeyboardEventInit) => {
  await act(() => void el.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init })));
  await act(settle);
};
const field = () => root().ownerDocument.querySelector<HTMLInputElement>('.search-view input');
const type = async (text: string) => {
  const input = field()!;
  for (let i = 1; i <= text.length; i++) {
    input.value = text.slice(0, i);
    await act(() => void input.dispatchEvent(new Event('input', { bubbles: true })));
  }
  await act(settle);
};
const results = () => [...document.querySelectorAll<HTMLElement>('#search-results [role="option"]')];
const marks = () => results().map((row) => [...row.querySelectorAll('mark')].map((m) => m.textContent));
const said = () => document.querySelector('.search-view [role="status"]')?.textContent;
const searchButton = () => document.querySelector<HTMLElement>('.search-button')!;

async function openSearch() {
  await act(() => searchButton().click());
  await act(settle);
}

describe('popup search', () => {
  it('opens from the header with its field focused, and finds a sender and a word whatever their diacritics', async () => {
    await show();
    expect(searchButton().getAttribute('aria-label')).toBe('Search');
    expect(searchButton().getAttribute('aria-keyshortcuts')).toBe('/');
    await openSearch();
    expect(document.activeElement).toBe(field());
    expect(field()!.getAttribute('aria-label')).toBe('Search messages, people and chats');
    // The tabs step aside (CSS) while the view is there.
    expect(document.querySelector('main.popup > .search-host')).not.toBeNull();

    await type('zoe lun');
    expect(results().map((row) => row.textContent)).toEqual([expect.stringContaining('Lunch at noon?')]);
    expect(marks()).toEqual([['Zoë', 'Lun']]);
    expect(said()).toBe('1 result');

    await type('grusse');
    expect(marks()).toEqual([['Grüße']]);
  });

  it('lists a room by its name, says how many matched and how many are shown, and nothing matched', async () => {
    await show();
    await openSearch();
    await type('zur');
    expect(results()[0]!.textContent).toContain('Café Zürich');
    expect(results()[0]!.textContent).toContain('Chat');
    expect(said()).toBe('3 results');
    await type('filler');
    expect(said()).toBe('150 results, the newest 50 shown');
    // Two screens rendered, each row counted among all 50; End reaches the last one.
    expect(results()).toHaveLength(20);
    expect(results()[0]!.getAttribute('aria-setsize')).toBe('50');
    await act(() => results()[0]!.focus());
    await key(document.activeElement!, { key: 'End' });
    expect(results()).toHaveLength(50);
    expect(document.activeElement).toBe(results()[49]);
    expect(results()[49]!.getAttribute('aria-posinset')).toBe('50');
    await type('nothingatall');
    expect(results()).toEqual([]);
    expect(said()).toBe('No results');
  });

  it('Enter opens the active result in its room with that message marked, even past the newest 100; Escape comes back', async () => {
    await show();
    await openSearch();
    await type('welcome');
    await key(field()!, { key: 'Enter' });
    const found = document.querySelector('[role="log"] .message.found');
    expect(found?.getAttribute('data-id')).toBe('1');
    expect(found?.getAttribute('aria-current')).toBe('true');
    expect(document.querySelector('.search-view')).toBeNull();

    await key(document.body, { key: 'Escape' });
    expect(document.querySelector('[role="log"]')).toBeNull();
    expect(field()!.value).toBe('welcome');
    expect(document.activeElement).toBe(field());
  });

  it('arrows in the field and j/k in the list move; a thread reply opens its thread', async () => {
    await show();
    await openSearch();
    await type('lunch');
    expect(results().map((row) => row.getAttribute('aria-selected'))).toEqual(['true', 'false']);
    await key(field()!, { key: 'ArrowDown' });
    expect(field()!.getAttribute('aria-activedescendant')).toBe(results()[1]!.id);
    await key(field()!, { key: 'ArrowUp' });
    expect(field()!.getAttribute('aria-activedescendant')).toBe(results()[0]!.id);

    await act(() => results()[0]!.focus());
    await key(document.activeElement!, { key: 'j' });
    expect(document.activeElement).toBe(results()[1]);
    await key(document.activeElement!, { key: 'k' });
    expect(document.activeElement).toBe(results()[0]);
    await key(document.activeElement!, { key: 'End' });
    expect(document.activeElement).toBe(results()[1]);
    await key(document.activeElement!, { key: 'Home' });
    expect(document.activeElement).toBe(results()[0]);
    // The newest first: the reply, said to be in a thread.
    expect(results()[0]!.textContent).toContain('in a thread');
    await key(document.activeElement!, { key: 'Enter' });
    expect(document.querySelector('.thread-view')).not.toBeNull();
  });

  it('/ focuses search from the list, but is a character in a field; Escape clears, then closes back to the button', async () => {
    await show();
    const row = document.querySelector<HTMLElement>('#rooms [role="option"]')!;
    await act(() => row.focus());
    await key(row, { key: '/' });
    expect(document.activeElement).toBe(field());

    const typed = new KeyboardEvent('keydown', { key: '/', bubbles: true, cancelable: true });
    field()!.dispatchEvent(typed);
    expect(typed.defaultPrevented).toBe(false);

    await type('lunch');
    await key(field()!, { key: 'Escape' });
    expect(field()!.value).toBe('');
    await key(field()!, { key: 'Escape' });
    expect(field()).toBeNull();
    expect(document.activeElement).toBe(searchButton());
  });

  it('/ from an open room goes back and into search', async () => {
    await show();
    await act(() => document.querySelector<HTMLElement>('#rooms [role="option"]')!.click());
    await act(settle);
    expect(document.querySelector('[role="log"]')).not.toBeNull();
    await key(document.querySelector('[role="log"]')!, { key: '/' });
    expect(document.querySelector('[role="log"]')).toBeNull();
    expect(document.activeElement).toBe(field());
  });

  it('finds a message stored while it is open', async () => {
    await show();
    await openSearch();
    await type('fresh');
    expect(results()).toEqual([]);
    source.messageList.get('r2')!.push(message(500, 'r2', 'fresh news'));
    await act(() => source.emit({ rooms: ['r2'], messages: 1 }));
    await act(settle);
    expect(results().map((row) => row.textContent)).toEqual([expect.stringContaining('fresh news')]);
  });

  it('speaks German', async () => {
    useGerman();
    await show();
    expect(searchButton().getAttribute('aria-label')).toBe('Suchen');
    await openSearch();
    expect(field()!.getAttribute('aria-label')).toBe('Nachrichten, Personen und Chats durchsuchen');
    await type('lunch');
    expect(said()).toBe('2 Treffer');
  });
});
