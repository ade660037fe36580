import { httpUrl } from './safe-url';

/**
 * Circle's rich text (a TipTap/ProseMirror document) reduced to what the popup shows: inline
 * text with bold, italic, code and http(s) links, and mentions. Everything else (unknown
 * nodes, unknown marks, attributes) is dropped to its text, so nothing a sender writes can
 * become markup: the view turns this into elements with text children only.
 */
export type Inline =
  | { kind: 'text'; text: string; bold?: true; italic?: true; code?: true; href?: string }
  | { kind: 'mention'; label: string }
  | { kind: 'break' };

/** One paragraph (or list item, heading, quote line) of inline content. */
export type Block = Inline[];

const MAX_DEPTH = 12;
const MAX_TEXT = 20_000;

type Node = { type?: unknown; text?: unknown; content?: unknown; marks?: unknown; attrs?: unknown };

const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Paragraph-like nodes start a new block; everything else is inline or a container of blocks. */
const BLOCKS = new Set(['paragraph', 'heading', 'codeBlock', 'listItem', 'blockquote']);

export function toBlocks(doc: unknown): Block[] | undefined {
  if (!isNode(doc) || doc.type !== 'doc' || !Array.isArray(doc.content)) return undefined;
  const blocks: Block[] = [];
  let budget = MAX_TEXT;
  const walk = (node: unknown, depth: number, into: Block | undefined): void => {
    if (!isNode(node) || depth > MAX_DEPTH || budget <= 0) return;
    const type = typeof node.type === 'string' ? node.type : '';
    if (type === 'text') {
      if (typeof node.text !== 'string' || !into) return;
      const text = node.text.slice(0, budget);
      budget -= text.length;
      into.push({ kind: 'text', text, ...marksOf(node.marks) });
      return;
    }
    if (type === 'mention') {
      const attrs = isNode(node.attrs) ? (node.attrs as Record<string, unknown>) : {};
      const label = typeof attrs.label === 'string' && attrs.label ? attrs.label : typeof attrs.id === 'string' || typeof attrs.id === 'number' ? String(attrs.id) : '';
      if (label && into) into.push({ kind: 'mention', label: label.slice(0, 200) });
      return;
    }
    if (type === 'hardBreak') {
      into?.push({ kind: 'break' });
      return;
    }
    const children = Array.isArray(node.content) ? node.content : [];
    if (BLOCKS.has(type) || !into) {
      const block: Block = [];
      blocks.push(block);
      // A list item or quote holds paragraphs: flatten them into blocks of their own.
      for (const child of children) {
        if (isNode(child) && (BLOCKS.has(String(child.type)) || child.type === 'bulletList' || child.type === 'orderedList')) walk(child, depth + 1, undefined);
        else walk(child, depth + 1, block);
      }
      return;
    }
    for (const child of children) walk(child, depth + 1, into);
  };
  for (const node of doc.content) walk(node, 1, undefined);
  const shown = blocks.filter((block) => block.length);
  return shown.length ? shown : undefined;
}

function marksOf(marks: unknown): { bold?: true; italic?: true; code?: true; href?: string } {
  const result: { bold?: true; italic?: true; code?: true; href?: string } = {};
  if (!Array.isArray(marks)) return result;
  for (const mark of marks) {
    if (!isNode(mark)) continue;
    if (mark.type === 'bold' || mark.type === 'strong') result.bold = true;
    else if (mark.type === 'italic' || mark.type === 'em') result.italic = true;
    else if (mark.type === 'code') result.code = true;
    else if (mark.type === 'link') {
      const href = httpUrl(isNode(mark.attrs) ? (mark.attrs as Record<string, unknown>).href : undefined);
      if (href) result.href = href;
    }
  }
  return result;
}

/** Plain text of a body for places that show one line (the room list). */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
