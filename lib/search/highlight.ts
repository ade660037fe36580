import { fold } from './fold';

/** A part of a text that matched, [start, end) in the text's own characters. */
export type Range = readonly [number, number];

const WORD = /[\p{L}\p{M}\p{N}]+/gu;

/**
 * Where the query's words start words of `text`, in `text`'s own offsets: folding changes
 * lengths ("ß" is two letters folded, "é" one), so the prefix is walked character by character.
 */
export function matchRanges(text: string, query: readonly string[]): Range[] {
  if (!query.length) return [];
  const ranges: Range[] = [];
  for (const match of text.matchAll(WORD)) {
    const word = match[0];
    const folded = fold(word);
    const prefix = query.filter((q) => folded.startsWith(q)).reduce((a, b) => (b.length > a.length ? b : a), '');
    if (!prefix) continue;
    let end = 0;
    let length = 0;
    for (const char of word) {
      if (length >= prefix.length) break;
      length += fold(char).length;
      end += char.length;
    }
    // Marks after the last matched letter belong to it ("é" written as e + ◌́).
    while (end < word.length && /\p{M}/u.test(word[end]!)) end++;
    ranges.push([match.index, match.index + end]);
  }
  return ranges;
}

export interface Snippet {
  text: string;
  ranges: Range[];
}

/** Characters kept before the first match, so a long message shows where it matched. */
const LEAD = 24;
const LENGTH = 160;

/** A line of `text` around its first match, cut at word edges, with the matches in its offsets. */
export function snippet(text: string, query: readonly string[]): Snippet {
  const line = text.replace(/\s+/g, ' ').trim();
  const ranges = matchRanges(line, query);
  const first = ranges[0]?.[0] ?? 0;
  let start = first > LEAD ? line.lastIndexOf(' ', first - LEAD) + 1 : 0;
  if (start >= first) start = Math.max(0, first - LEAD);
  const end = Math.min(line.length, start + LENGTH);
  const cut = line.slice(start, end);
  const lead = start > 0 ? '…' : '';
  const shift = lead.length - start;
  return {
    text: lead + cut + (end < line.length ? '…' : ''),
    ranges: ranges.filter(([a, b]) => a >= start && b <= end).map(([a, b]) => [a + shift, b + shift] as const),
  };
}

/** The text cut into plain and matched parts, in order: what a view turns into text nodes and marks. */
export function parts(text: string, ranges: readonly Range[]): { text: string; match: boolean }[] {
  const out: { text: string; match: boolean }[] = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start < at) continue;
    if (start > at) out.push({ text: text.slice(at, start), match: false });
    out.push({ text: text.slice(start, end), match: true });
    at = end;
  }
  if (at < text.length) out.push({ text: text.slice(at), match: false });
  return out;
}
