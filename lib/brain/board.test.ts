// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { StatusBoard } from '../wire/status';
import { Board } from './board';
import type { BadgeLine } from './shared-port';

function board(earlier: StatusBoard | undefined) {
  const shown: BadgeLine[][] = [];
  const port = { status: { read: async () => earlier, write: async () => {} }, showBadge: async (lines: BadgeLine[]) => void shown.push(lines) };
  return { board: new Board(port), shown };
}

const EARLIER: StatusBoard = { communities: [{ key: 'k1', label: 'One', phase: 'live', count: 3, startedAt: 1, updatedAt: 2 }] };
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the board on a start', () => {
  it('leaves the badge the last worker set when a worker is woken: no "connecting" before the first publish', async () => {
    const { board: b, shown } = board(EARLIER);
    await b.restore();
    b.order([{ key: 'k1', label: 'One' }], 10);
    await settle();
    expect(shown).toEqual([]);
    await b.setBadge('k1', { kind: 'count', count: 4 });
    expect(shown).toEqual([[{ label: 'One', state: { kind: 'count', count: 4 } }]]);
  });

  it('says "connecting" on a browser start, and on a first start, when the toolbar holds no badge yet', async () => {
    for (const started of [true, false]) {
      const { board: b, shown } = board(started ? EARLIER : undefined);
      await b.restore();
      if (started) b.started();
      b.order([{ key: 'k1', label: 'One' }], 10);
      await settle();
      expect(shown.at(-1)).toEqual([{ label: 'One', state: { kind: 'connecting' } }]);
    }
  });

  it('a browser start heard after the communities were ordered still says "connecting" for those not yet published', async () => {
    const { board: b, shown } = board(EARLIER);
    await b.restore();
    b.order([{ key: 'k1', label: 'One' }], 10);
    b.started();
    await settle();
    expect(shown).toEqual([[{ label: 'One', state: { kind: 'connecting' } }]]);
  });
});

describe("a woken worker's early badge", () => {
  it('is written once, never over a published badge, and only when no other community would show "connecting"', async () => {
    const { board: b, shown } = board(EARLIER);
    await b.restore();
    b.order([{ key: 'k1', label: 'One' }], 10);
    await b.early('k1', { kind: 'count', count: 4, what: 'new' });
    // The brain's first publish says the same: the toolbar is not told twice.
    await b.setBadge('k1', { kind: 'count', count: 4, what: 'new' });
    await b.early('k1', { kind: 'count', count: 9, what: 'new' });
    expect(shown).toEqual([[{ label: 'One', state: { kind: 'count', count: 4, what: 'new' } }]]);

    const two = board({ communities: [...EARLIER.communities, { key: 'k2', label: 'Two', phase: 'live', count: 1, startedAt: 1, updatedAt: 2 }] });
    await two.board.restore();
    two.board.order([{ key: 'k1', label: 'One' }, { key: 'k2', label: 'Two' }], 10);
    await two.board.early('k1', { kind: 'count', count: 4, what: 'new' });
    expect(two.shown).toEqual([]);
  });
});
