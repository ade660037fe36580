import { describe, expect, it } from 'vitest';
import type { ConnectionStatus } from '../wire/status';
import type { FirstScreen } from './first-screen-snapshot';
import { openingCommunity } from './opening';

const entry = (key: string, extra: Partial<ConnectionStatus> = {}): ConnectionStatus => ({ key, label: key, phase: 'live', community: `https://${key}.test/1`, count: 0, startedAt: 0, updatedAt: 0, ...extra });
const screen = (key: string, extra: Partial<FirstScreen> = {}): FirstScreen => ({ community: `https://${key}.test/1`, rooms: [], total: 3, unread: 0, ...extra });
const screensOf = (...list: FirstScreen[]) => Object.fromEntries(list.map((s) => [s.community, s]));
const opened = (board: ConnectionStatus[], screens: Record<string, FirstScreen>, last?: string) => openingCommunity(board, screens, last)?.key;

describe('the community the popup opens on', () => {
  const board = [entry('a'), entry('b'), entry('c')];

  it('is the one with the newest unread room or notification, whatever the member chose last', () => {
    expect(opened(board, screensOf(screen('a', { unread: 1, unreadAt: 500 }), screen('b', { unread: 2, unreadAt: 900 }), screen('c')), 'a')).toBe('b');
    expect(opened(board, screensOf(screen('a', { unread: 1, unreadAt: 500 }), screen('c', { noticeAt: 700 })), 'a')).toBe('c');
  });

  it('breaks a tie by the count, then by the settings’ order', () => {
    const counted = [entry('a', { count: 1 }), entry('b', { count: 4 }), entry('c', { count: 4 })];
    expect(opened(counted, screensOf(screen('a', { noticeAt: 700 }), screen('b', { noticeAt: 700 }), screen('c', { noticeAt: 700 })))).toBe('b');
    // After a browser restart: counts, and no snapshot to say when.
    expect(opened(counted, {}, 'a')).toBe('b');
  });

  it('with nothing unread, is the one the member last chose, else the first; a community gone from the list is forgotten', () => {
    const screens = screensOf(screen('a'), screen('b'), screen('c'));
    expect(opened(board, screens, 'c')).toBe('c');
    expect(opened(board, screens, 'gone')).toBe('a');
    expect(opened(board, screens, undefined)).toBe('a');
  });

  it('is the only entry there is, with or without a key (not set up)', () => {
    const notSetUp: ConnectionStatus = { phase: 'not-set-up', startedAt: 0, updatedAt: 0 };
    expect(openingCommunity([notSetUp], {}, 'a')).toBe(notSetUp);
    expect(openingCommunity([], {}, 'a')).toBeUndefined();
  });
});
