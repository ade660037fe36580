import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Room } from '../../lib/circle/model';
import { firstScreenOf } from '../../lib/ui/first-screen-snapshot';
import { Popup } from './Popup';
import { FakeSource, settle, useMountPoint } from './testing';
import type { ConnectionStatus } from '../../lib/wire/status';

const NOW = Date.now();
const status: ConnectionStatus = { key: 'c0ffee07', label: 'community.example', phase: 'live', community: 'http://circle.test/7', memberId: 7, memberName: 'Grace Hopper', startedAt: NOW, updatedAt: NOW, sync: { kind: 'sign-in', done: 1, total: 1, startedAt: NOW, finishedAt: NOW } };
const room = (uuid: string, extra: Partial<Room> = {}): Room => ({ community: 'http://circle.test/7', uuid, id: 1, kind: 'group_chat', name: `Room ${uuid}`, participants: [], unread: 0, lastActivityAt: NOW - 60_000, ...extra });

const root = useMountPoint();
let source: FakeSource;
beforeEach(() => {
  source = new FakeSource();
  source.roomList = [room('r1', { unread: 2, lastActivityAt: NOW - 1000 }), room('r2'), room('r3', { unread: 1, lastActivityAt: NOW - 120_000 })];
});

const names = () => [...root().querySelectorAll('.room-name')].map((el) => el.textContent);
const setSize = () => root().querySelector('[role="option"]')?.getAttribute('aria-setsize');
const chatsTab = () => root().querySelector('#tab-chats')?.textContent;

describe('Popup first screen', () => {
  it('paints the stored head of the list before reading the cache, then the whole list', async () => {
    source.firstScreen = firstScreenOf(source.community, source.roomList, 7);
    source.firstScreen.rooms = source.firstScreen.rooms.slice(0, 2);
    await act(() => render(<Popup status={status} source={source} onOpenOptions={() => {}} />, root()));
    expect(names()).toEqual(['Room r1', 'Room r2']);
    expect(source.reads.rooms).toBe(0);
    // The whole list's figures, not the head's: no scrollbar jump, no count change.
    expect(setSize()).toBe('3');
    expect(chatsTab()).toContain('2');

    await act(settle);
    expect(names()).toEqual(['Room r1', 'Room r2', 'Room r3']);
    expect(source.reads.rooms).toBe(1);
    expect(setSize()).toBe('3');
    expect(source.remembered).toEqual([source.roomList]);
  });

  it('reads the cache at once without a first screen, or with another community’s', async () => {
    source.firstScreen = { ...firstScreenOf('http://circle.test/8', [room('elsewhere')], 8) };
    await act(() => render(<Popup status={status} source={source} onOpenOptions={() => {}} />, root()));
    expect(names()).toEqual([]);
    await act(settle);
    expect(names()).toEqual(['Room r1', 'Room r2', 'Room r3']);
    expect(source.remembered).toHaveLength(1);
  });
});
