import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import type { Room } from '../../lib/circle/model';
import { firstScreenOf } from '../../lib/ui/first-screen-snapshot';
import { afterFirstPaint } from './first-paint';
import { Popup } from './Popup';
import { FakeSource, useMountPoint } from './testing';
import type { ConnectionStatus } from '../../lib/wire/status';

const NOW = Date.now();
const status: ConnectionStatus = { key: 'c0ffee07', label: 'community.example', phase: 'live', community: 'http://circle.test/7', memberId: 7, memberName: 'Grace Hopper', startedAt: NOW, updatedAt: NOW, sync: { kind: 'sign-in', done: 1, total: 1, startedAt: NOW, finishedAt: NOW } };
const picture = 'https://cdn.circle.test/ada.png';
const room = (n: number): Room => ({ community: 'http://circle.test/7', uuid: `r${n}`, id: n, kind: 'direct', name: '', participants: [{ memberId: 100 + n, name: `Ada ${n}`, avatarUrl: picture }], unread: 0, lastActivityAt: NOW - n * 60_000 });

const root = useMountPoint();

describe('the popup before and after its first paint', () => {
  it('shows the rows in view with initials first, then the pictures, the overscan and the full read', async () => {
    const source = new FakeSource();
    source.roomList = Array.from({ length: 30 }, (_, i) => room(i + 1));
    source.firstScreen = firstScreenOf(source.community, source.roomList, 7);
    await act(() => render(<Popup status={status} source={source} onOpenOptions={() => {}} />, root()));
    const rows = () => root().querySelectorAll('[role="option"]').length;
    const pictures = () => root().querySelectorAll(`#rooms img[src="${picture}"]`).length;
    const initials = () => root().querySelectorAll('#rooms .avatar.initials').length;
    // The guessed 8 rows and the one the last may reveal, nothing below them yet.
    expect(rows()).toBe(9);
    expect(pictures()).toBe(0);
    expect(initials()).toBe(9);
    expect(source.reads.rooms).toBe(0);

    await act(async () => {
      await afterFirstPaint();
      await new Promise((resolve) => setTimeout(resolve));
    });
    expect(rows()).toBe(13);
    expect(pictures()).toBe(13);
    expect(initials()).toBe(0);
    expect(source.reads.rooms).toBe(1);
  });
});
