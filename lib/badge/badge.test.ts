import { describe, expect, it } from 'vitest';
import { badgeView, countText } from './badge';

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
