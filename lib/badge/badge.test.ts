import { describe, expect, it } from 'vitest';
import { badgeView, communitiesBadgeView, countText } from './badge';

describe('badge', () => {
  it('shows counts, capped at 99+, and nothing for zero or nonsense', () => {
    expect(countText(1)).toBe('1');
    expect(countText(99)).toBe('99');
    expect(countText(100)).toBe('99+');
    expect(countText(0)).toBe('');
    expect(countText(-3)).toBe('');
    expect(countText(Number.NaN)).toBe('');
  });

  it('gives each connection state its own text', () => {
    const texts = (['not-set-up', 'connecting', 'offline', 'signed-out'] as const).map((kind) => badgeView({ kind }).text);
    expect(new Set(texts).size).toBe(texts.length);
    expect(texts.every((text) => text.length > 0 && text.length <= 4)).toBe(true);
  });

  it('puts the exact count in the tooltip', () => {
    expect(badgeView({ kind: 'count', count: 250 }).title).toEqual({ key: 'badgeCount', substitution: '250' });
  });
});

describe('the badge for several communities', () => {
  it('sums the counts and lists each community in the tooltip', () => {
    const view = communitiesBadgeView([
      { label: 'One', state: { kind: 'count', count: 3 } },
      { label: 'Two', state: { kind: 'count', count: 4 } },
    ]);
    expect(view.text).toBe('7');
    expect(view.lines).toEqual([
      { label: 'One', key: 'badgeLineCount', substitution: '3' },
      { label: 'Two', key: 'badgeLineCount', substitution: '4' },
    ]);
  });

  it('says in each community\'s line what the badge mode counts', () => {
    const lines = (what: 'new' | 'unread' | 'waiting') =>
      communitiesBadgeView([
        { label: 'One', state: { kind: 'count', count: 2, what } },
        { label: 'Two', state: { kind: 'count', count: 0, what } },
      ]).lines?.map((line) => line.key);
    expect(lines('new')).toEqual(['badgeLineCount', 'badgeLineCount']);
    expect(lines('unread')).toEqual(['badgeLineCountUnread', 'badgeLineCountUnread']);
    expect(lines('waiting')).toEqual(['badgeLineCountWaiting', 'badgeLineCountWaiting']);
  });

  it('keeps counting when one community is in trouble, in the colour of that trouble, and says which', () => {
    const view = communitiesBadgeView([
      { label: 'One', state: { kind: 'count', count: 3 } },
      { label: 'Two', state: { kind: 'signed-out' } },
    ]);
    expect(view.text).toBe('3');
    expect(view.color).toBe(badgeView({ kind: 'signed-out' }).color);
    expect(view.lines?.[1]).toEqual({ label: 'Two', key: 'badgeLineSignedOut' });
    const offline = communitiesBadgeView([{ label: 'One', state: { kind: 'count', count: 0 } }, { label: 'Two', state: { kind: 'offline' } }]);
    expect(offline.color).toBe(badgeView({ kind: 'offline' }).color);
  });

  it('shows the worst trouble when no community has a count, and one community as it always did', () => {
    expect(communitiesBadgeView([{ label: 'One', state: { kind: 'connecting' } }, { label: 'Two', state: { kind: 'offline' } }]).text).toBe(badgeView({ kind: 'offline' }).text);
    expect(communitiesBadgeView([{ label: 'One', state: { kind: 'count', count: 2 } }])).toEqual(badgeView({ kind: 'count', count: 2 }));
    expect(communitiesBadgeView([])).toEqual(badgeView({ kind: 'not-set-up' }));
  });
});
