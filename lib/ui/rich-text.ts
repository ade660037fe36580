import { readRichText } from '../circle/rich-text';
import { httpUrl } from './safe-url';

/**
 * Circle's rich text reduced to what the popup shows: paragraphs of inline text with bold,
 * italic, strike, code and http(s) links, mentions by name, hard breaks, emoji as text, and
 * the attachments by name. Everything else (unknown nodes, marks, attributes) is dropped to
 * its text, so nothing a sender writes can become markup: the view turns this into elements
 * with text children only.
 */
export type Inline =
  | { kind: 'text'; text: string; bold?: true; italic?: true; strike?: true; code?: true; href?: string }
  /** No label: Circle named nobody we know, and the view says "@someone". */
  | { kind: 'mention'; label?: string }
  | { kind: 'break' };

/** One paragraph (or list item, heading, quote line) of inline content. */
export type Block = Inline[];

/** An attachment as the member reads it: its file name, or "image"/"file" when it has none. */
export interface AttachmentLabel {
  name?: string;
  image: boolean;
}

export interface RenderedText {
  blocks: Block[];
  attachments: AttachmentLabel[];
}

const MAX_DEPTH = 12;
const MAX_TEXT = 20_000;
const MAX_ATTACHMENTS = 20;

type Node = { type?: unknown; text?: unknown; content?: unknown; marks?: unknown; attrs?: unknown };

const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);
const attrsOf = (node: Node): Record<string, unknown> => (isNode(node.attrs) ? (node.attrs as Record<string, unknown>) : {});

/** Paragraph-like nodes start a new block; everything else is inline or a container of blocks. */
const BLOCKS = new Set(['paragraph', 'heading', 'codeBlock', 'listItem', 'blockquote']);
/** Nodes that stand for a file in the text itself (TipTap's image and Circle's attachment nodes). */
const FILE_NODES = new Set(['image', 'file', 'attachment', 'inlineAttachment', 'imageAttachment']);

/** Circle's `rich_text_body` (or a bare TipTap document from an older record); undefined when there is nothing to show. */
export function renderRichText(value: unknown): RenderedText | undefined {
  const rich = readRichText(value);
  if (!rich) return undefined;
  const blocks: Block[] = [];
  const attachments: AttachmentLabel[] = rich.attachments.map(attachmentLabel);
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
      into?.push(mention(attrsOf(node), rich.mentionName));
      return;
    }
    if (type === 'hardBreak') {
      into?.push({ kind: 'break' });
      return;
    }
    if (type === 'emoji') {
      const { emoji, name } = attrsOf(node);
      const shown = typeof emoji === 'string' && emoji.length <= 16 ? emoji : typeof name === 'string' && name.length <= 64 ? `:${name}:` : '';
      if (shown && into) into.push({ kind: 'text', text: shown });
      return;
    }
    if (FILE_NODES.has(type)) {
      attachments.push(attachmentLabel({ ...attrsOf(node), content_type: type === 'image' ? 'image/' : attrsOf(node).content_type }));
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
  const doc = rich.doc as Node | undefined;
  if (doc && Array.isArray(doc.content)) for (const node of doc.content) walk(node, 1, undefined);
  const shown = blocks.filter((block) => block.length);
  const files = attachments.slice(0, MAX_ATTACHMENTS);
  return shown.length || files.length ? { blocks: shown, attachments: files } : undefined;
}

function mention(attrs: Record<string, unknown>, nameOf: (sgid: string) => string | undefined): Inline {
  const named = typeof attrs.sgid === 'string' ? nameOf(attrs.sgid) : undefined;
  // Older records and other editors put the name in `label`.
  const label = named ?? (typeof attrs.label === 'string' && attrs.label.trim() ? attrs.label : undefined);
  return label ? { kind: 'mention', label: label.replace(/^@/, '').slice(0, 200) } : { kind: 'mention' };
}

function attachmentLabel(value: unknown): AttachmentLabel {
  const a = isNode(value) ? (value as Record<string, unknown>) : {};
  const name = [a.filename, a.name, a.title].find((v): v is string => typeof v === 'string' && v.trim().length > 0);
  const type = typeof a.content_type === 'string' ? a.content_type : typeof a.type === 'string' ? a.type : '';
  return { ...(name ? { name: name.trim().slice(0, 200) } : {}), image: /^image(\/|$)/.test(type) };
}

function marksOf(marks: unknown): { bold?: true; italic?: true; strike?: true; code?: true; href?: string } {
  const result: { bold?: true; italic?: true; strike?: true; code?: true; href?: string } = {};
  if (!Array.isArray(marks)) return result;
  for (const mark of marks) {
    if (!isNode(mark)) continue;
    if (mark.type === 'bold' || mark.type === 'strong') result.bold = true;
    else if (mark.type === 'italic' || mark.type === 'em') result.italic = true;
    else if (mark.type === 'strike' || mark.type === 'strikethrough') result.strike = true;
    else if (mark.type === 'code') result.code = true;
    else if (mark.type === 'link') {
      const href = httpUrl(attrsOf(mark).href);
      if (href) result.href = href;
    }
  }
  return result;
}
