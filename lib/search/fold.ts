/**
 * Text as search compares it: lower case, no diacritics ("Zoë" finds "zoe"), ß as ss. The
 * same folding runs on what is indexed and on what is typed, so neither needs the other's form.
 */
const MARKS = /\p{M}/gu;
const WORD = /[\p{L}\p{N}]+/gu;

export function fold(text: string): string {
  // NFD splits "é" into "e" and its combining mark, which then goes; lower case comes after,
  // as "ẞ" lowers to "ß", which is then spelt out.
  return text.normalize('NFD').replace(MARKS, '').toLowerCase().replace(/ß/g, 'ss');
}

/** The distinct folded words of a text: runs of letters and digits, as many as it has. */
export function words(text: string): string[] {
  return [...new Set(fold(text).match(WORD) ?? [])];
}

/** Folded query words, each a prefix every result must have (AND); repeats and prefixes of one another kept once. */
export function queryWords(query: string): string[] {
  const all = words(query).sort((a, b) => b.length - a.length);
  return all.filter((word, i) => !all.slice(0, i).some((longer) => longer.startsWith(word)));
}
