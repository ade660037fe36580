import { describe, expect, it } from 'vitest';
import { fold, queryWords, words } from './fold';

describe('fold', () => {
  it('lowers case, drops diacritics and spells ß out', () => {
    expect(fold('Zoë Müller-Straße ÉTÉ')).toBe('zoe muller-strasse ete');
    expect(fold('GROẞ')).toBe('gross');
    // Already decomposed (e + combining acute) folds as the composed form does.
    expect(fold('Cafe\u0301')).toBe(fold('Café'));
  });

  it('cuts text into distinct words of letters and digits', () => {
    expect(words('Hallo, hallo! Über 2 Brücken… 😀 x_y')).toEqual(['hallo', 'uber', '2', 'brucken', 'x', 'y']);
  });

  it('keeps each query word once, and drops a word another one starts with', () => {
    expect(queryWords('an Anna  ann')).toEqual(['anna']);
    expect(queryWords('  ')).toEqual([]);
    expect(queryWords('Grüße gr')).toEqual(['grusse']);
  });
});
