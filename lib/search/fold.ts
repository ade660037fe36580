/**
 * Text as search compares it: lower case, no diacritics ("Zoë" finds "zoe"), ß as ss. The
 * same folding runs on what is indexed and on what is typed, so neither needs the other's form.
 */
// The combining marks' blocks (diacritics, their extensions and supplements, for symbols, half marks):
// a class of ranges runs several times faster than \p{M}, and leaves the vowel signs of Indic scripts alone.
// eslint-disable-next-line no-misleading-character-class -- the class is of combining marks, on purpose
const MARKS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
const WORD = /[\p{L}\p{N}]+/gu;
const ASCII_WORD = /[a-z0-9]+/g;
// eslint-disable-next-line no-control-regex
const NOT_ASCII = /[^\x00-\x7f]/;

export function fold(text: string): string {
  // Most messages are plain ASCII: the Unicode passes cost several times the lowering.
  if (!NOT_ASCII.test(text)) return text.toLowerCase();
  // NFD splits "é" into "e" and its combining mark, which then goes; lower case comes after,
  // as "ẞ" lowers to "ß", which is then spelt out.
  return text.normalize('NFD').replace(MARKS, '').toLowerCase().replace(/ß/g, 'ss');
}

/** The distinct folded words of a text: runs of letters and digits, as many as it has. */
export function words(text: string): string[] {
  const folded = fold(text);
  return [...new Set(folded.match(NOT_ASCII.test(folded) ? WORD : ASCII_WORD) ?? [])];
}

/** Folded query words, each a prefix every result must have (AND); repeats and prefixes of one another kept once. */
export function queryWords(query: string): string[] {
  const all = words(query).sort((a, b) => b.length - a.length);
  return all.filter((word, i) => !all.slice(0, i).some((longer) => longer.startsWith(word)));
}
