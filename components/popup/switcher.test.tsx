import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Room } from '../../lib/circle/model';
import { Popup } from './Popup';
import { FakeSource, settle, useGerman, useMountPoint } from './testing';
import type { ConnectionStatus } from '../../lib/wire/status';

const NOW = Date.now();
const sync = { kind: 'sign-in' as const, done: 1, total: 1, startedAt: NOW, finishedAt: NOW };
const entry = (key: string, label: string, community: string, extra: Partial<ConnectionStatus> = {}): ConnectionStatus => ({ key, label, phase: 'live', community, memberId: 7, count: 0, startedAt: NOW, updatedAt: NOW, sync, ...extra });
const room = (community: string, uuid: string, extra: Partial<Room> = {}): Room => ({ community, uuid, id: 1, kind: 'group_chat', name: `Room ${uuid}`, participants: [], unread: 0, lastActivityAt: NOW - 60_000, ...extra });

const A = 'http://one.test/7';
const B = 'http://two.test/7';
const C = 'http://three.test/7';

const root = useMountPoint();
let board: ConnectionStatus[];
let sources: Record<string, FakeSource>;
let current: string;
let switched: string[];

beforeEach(() => {
  board = [entry('aaaa0001', 'Acme Academy', A), entry('bbbb0002', 'Builders Club', B, { count: 3 }), entry('cccc0003', 'Craft Guild', C, { phase: 'signed-out', count: 0 })];
  sources = { [A]: new FakeSource(A), [B]: new FakeSource(B), [C]: new FakeSource(C) };
  sources[A]!.roomList = [room(A, 'a1', { unread: 1 })];
  sources[B]!.roomList = [room(B, 'b1', { unread: 2 }), room(B, 'b2')];
  current = 'aaaa0001';
  switched = [];
});

/** As main.tsx does: the chosen community's status and source; a switch renders the other. */
async function show(communities = board) {
  const status = communities.find((c) => c.key === current)!;
  await act(() =>
    render(
      <Popup
        status={status}
        communities={communities}
        source={sources[status.community!]}
        onOpenOptions={() => {}}
        onSwitch={(key) => {
          switched.push(key);
          current = key;
          void show(communities);
        }}
      />,
      root(),
    ),
  );
  await act(settle);
}

const button = () => root().querySelector<HTMLButtonElement>('.switcher-button');
const items = () => [...root().querySelectorAll<HTMLElement>('[role="menuitemradio"]')];
const press = (el: Element, key: string) => el.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
const names = () => [...root().querySelectorAll('.room-name')].map((el) => el.textContent);

describe('the community switcher', () => {
  it('is not there for one community: its name is', async () => {
    await show([board[0]!]);
    expect(button()).toBeNull();
    expect(root().querySelector('.who')?.textContent).toBe('Acme Academy');
  });

  it('says the community shown, what waits in the others and that one needs attention', async () => {
    await show();
    expect(button()?.getAttribute('aria-haspopup')).toBe('menu');
    expect(button()?.getAttribute('aria-expanded')).toBe('false');
    expect(button()?.textContent).toBe('Acme Academy3, switch community, 3 new in your other communities, another community needs attention');
    expect(button()?.querySelector('.trouble-dot')).not.toBeNull();
  });

  it('by keyboard: opens on the current community, arrows move, Escape closes and gives the focus back', async () => {
    await show();
    button()!.focus();
    await act(() => void press(button()!, 'ArrowDown'));
    expect(button()?.getAttribute('aria-expanded')).toBe('true');
    expect(root().querySelector('[role="menu"]')?.getAttribute('aria-label')).toBe('Communities');
    expect(items().map((i) => i.getAttribute('aria-checked'))).toEqual(['true', 'false', 'false']);
    expect(document.activeElement).toBe(items()[0]);
    await act(() => void press(items()[0]!, 'ArrowDown'));
    expect(document.activeElement).toBe(items()[1]);
    await act(() => void press(items()[1]!, 'End'));
    expect(document.activeElement).toBe(items()[2]);
    await act(() => void press(items()[2]!, 'ArrowDown'));
    expect(document.activeElement).toBe(items()[0]);
    await act(() => void press(items()[0]!, 'Escape'));
    expect(root().querySelector('[role="menu"]')).toBeNull();
    expect(document.activeElement).toBe(button());
    expect(switched).toEqual([]);
  });

  it('each community with its initials, name, count, and trouble in words', async () => {
    await show();
    await act(() => button()!.click());
    const [acme, builders, craft] = items();
    expect(acme?.querySelector('.avatar.initials')?.textContent).toBe('AA');
    expect(acme?.textContent).toBe('AAAcme Academy');
    expect(builders?.textContent).toBe('BCBuilders Club3, 3 new');
    expect(craft?.classList.contains('trouble')).toBe(true);
    expect(craft?.textContent).toBe('CGCraft Guild, Signed out');
  });

  it('choosing one shows that community alone, its rooms and its actions, and the focus comes back to the switcher', async () => {
    await show();
    expect(names()).toEqual(['Room a1']);
    await act(() => button()!.click());
    await act(() => items()[1]!.click());
    await act(settle);
    expect(switched).toEqual(['bbbb0002']);
    expect(names()).toEqual(['Room b1', 'Room b2']);
    expect(button()?.textContent).toContain('Builders Club');
    expect(document.activeElement).toBe(button());

    await act(() => [...root().querySelectorAll<HTMLElement>('button')].find((b) => b.textContent?.includes('Mark all as read'))!.click());
    await act(settle);
    expect(sources[B]!.acts).toEqual([{ action: 'mark-all-read', what: 'chats' }]);
    expect(sources[A]!.acts).toEqual([]);
  });

  it('in German', async () => {
    useGerman();
    await show();
    expect(button()?.textContent).toBe('Acme Academy3, Community wechseln, 3 neue in deinen anderen Communitys, eine andere Community braucht Aufmerksamkeit');
    await act(() => button()!.click());
    expect(root().querySelector('[role="menu"]')?.getAttribute('aria-label')).toBe('Communitys');
    expect(items()[2]?.textContent).toBe('CGCraft Guild, Abgemeldet');
  });
});
