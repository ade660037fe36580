import { describe, expect, it } from 'vitest';
import { matchRanges, parts, snippet } from './highlight';

describe('matchRanges', () => {
  it('marks the matched prefix of each word in the original characters', () => {
    const text = 'Zoë wrote to zoe';
    expect(matchRanges(text, ['zo'])).toEqual([[0, 2], [13, 15]]);
    expect(matchRanges(text, ['zoe']).map(([a, b]) => text.slice(a, b))).toEqual(['Zoë', 'zoe']);
  });

  it('walks lengths that folding changes: ß for ss, a decomposed é', () => {
    const text = 'Straße und Cafe\u0301 au lait';
    expect(matchRanges(text, ['strass']).map(([a, b]) => text.slice(a, b))).toEqual(['Straß']);
    expect(matchRanges(text, ['cafe']).map(([a, b]) => text.slice(a, b))).toEqual(['Cafe\u0301']);
  });

  it('marks a word once, with the longest query word it starts with, and nothing inside words', () => {
    expect(matchRanges('banana bandana', ['ban', 'band'])).toEqual([[0, 3], [7, 11]]);
    expect(matchRanges('urban', ['ban'])).toEqual([]);
  });
});

describe('snippet', () => {
  it('starts near the first match of a long message, with ellipses where it was cut', () => {
    const long = `${'lorem ipsum '.repeat(20)}the needle here ${'dolor '.repeat(40)}`;
    const cut = snippet(long, ['needle']);
    expect(cut.text.startsWith('…')).toBe(true);
    expect(cut.text.endsWith('…')).toBe(true);
    const [a, b] = cut.ranges[0]!;
    expect(cut.text.slice(a, b)).toBe('needle');
  });

  it('keeps a short message whole, on one line', () => {
    expect(snippet('Hello\n\nWorld', ['wor'])).toEqual({ text: 'Hello World', ranges: [[6, 9]] });
  });
});

describe('parts', () => {
  it('cuts a text into plain and matched parts, in order, all of it once', () => {
    expect(parts('Hello World', [[0, 2], [6, 9]])).toEqual([
      { text: 'He', match: true },
      { text: 'llo ', match: false },
      { text: 'Wor', match: true },
      { text: 'ld', match: false },
    ]);
  });
});
