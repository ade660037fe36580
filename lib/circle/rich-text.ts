/**
 * Circle's `rich_text_body` as its OpenAPI file has it (docs/circle-api.md, "Rich text"):
 * `{body: {type: "doc", content}, circle_ios_fallback_text, attachments, inline_attachments,
 * sgids_to_object_map, community_members, …}`. Records stored before we knew that hold the
 * TipTap document itself, so both are read. Nothing here trusts a field's type.
 */
import { MAX_RICH_TEXT_CHARS } from './model';

export interface CircleRichText {
  /** The TipTap document, or undefined when there is none. */
  doc: unknown;
  /** Circle's own plain rendering, for one-line places. */
  fallbackText?: string;
  attachments: unknown[];
  /** The name Circle gave a mentioned object, by its sgid. */
  mentionName(sgid: string): string | undefined;
  /** The community member an sgid names, from the map or the members list. */
  mentionMemberId(sgid: string): number | undefined;
}

type Bag = Record<string, unknown>;
const isBag = (value: unknown): value is Bag => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

export function readRichText(value: unknown): CircleRichText | undefined {
  if (!isBag(value)) return undefined;
  if (value.type === 'doc') return { doc: value, attachments: [], mentionName: () => undefined, mentionMemberId: () => undefined };
  const map = isBag(value.sgids_to_object_map) ? value.sgids_to_object_map : {};
  const members = Array.isArray(value.community_members) ? value.community_members.filter(isBag) : [];
  return {
    doc: isBag(value.body) && value.body.type === 'doc' ? value.body : undefined,
    fallbackText: typeof value.circle_ios_fallback_text === 'string' ? value.circle_ios_fallback_text : undefined,
    attachments: [...(Array.isArray(value.attachments) ? value.attachments : []), ...(Array.isArray(value.inline_attachments) ? value.inline_attachments : [])],
    mentionName(sgid) {
      // Decision (docs/circle-api.md): the map's entries are not specified; a name is taken
      // from the entry itself or a member it nests, then from `community_members` by the
      // sgid or by the member id the sgid names.
      const entry = map[sgid];
      const named = isBag(entry) ? (text(entry.name) ?? text(entry.display_name) ?? (isBag(entry.community_member) ? text(entry.community_member.name) : undefined)) : undefined;
      if (named) return named;
      const id = sgidMemberId(sgid);
      const member = members.find((m) => m.rich_text_field_sgid === sgid || (id !== undefined && Number(m.id) === id));
      return member ? text(member.name) : undefined;
    },
    mentionMemberId(sgid) {
      const entry = map[sgid];
      const member = members.find((m) => m.rich_text_field_sgid === sgid);
      const id = Number((isBag(entry) ? (entry.community_member_id ?? entry.id) : undefined) ?? member?.id);
      return Number.isInteger(id) && id > 0 ? id : undefined;
    },
  };
}

/**
 * The community member an sgid names. A Rails signed global id is a base64 Marshal blob
 * (signed, not encrypted) around `gid://<app>/CommunityMember/<id>`, so the id can be read
 * without Circle's key; anything else is undefined.
 */
export function sgidMemberId(sgid: unknown): number | undefined {
  if (typeof sgid !== 'string' || sgid.length > 4096) return undefined;
  let decoded: string;
  try {
    decoded = atob(sgid.split('--')[0]!);
  } catch {
    return undefined;
  }
  const match = /gid:\/\/[^/]+\/CommunityMember\/(\d+)/.exec(decoded);
  return match ? Number(match[1]) : undefined;
}

/** Members mentioned in a rich text: by the sgid Circle sends, or by the ids older records carry. */
export function mentionedMemberIds(value: unknown): Set<number> {
  const ids = new Set<number>();
  const rich = readRichText(value);
  const stack: unknown[] = [rich?.doc];
  let budget = 10_000;
  while (stack.length && budget-- > 0) {
    const node = stack.pop();
    if (!isBag(node)) continue;
    if (node.type === 'mention' && isBag(node.attrs)) {
      const { sgid, id, community_member_id: memberId } = node.attrs;
      const bySgid = typeof sgid === 'string' ? [rich?.mentionMemberId(sgid), sgidMemberId(sgid)] : [];
      for (const candidate of [...bySgid, Number(memberId), Number(id)]) if (Number.isInteger(candidate) && candidate! > 0) ids.add(candidate!);
    }
    if (Array.isArray(node.content)) stack.push(...node.content);
  }
  return ids;
}

/** A message as one line of plain text: Circle's fallback text, else the plain body, else the document's text. */
export function plainText(richText: unknown, body: string): string {
  const rich = readRichText(richText);
  const fallback = rich?.fallbackText?.trim();
  if (fallback) return fallback;
  if (body.trim()) return body;
  const parts: string[] = [];
  const stack: unknown[] = [rich?.doc];
  let budget = 10_000;
  while (stack.length && budget-- > 0) {
    const node = stack.pop();
    if (!isBag(node)) continue;
    if (typeof node.text === 'string') parts.push(node.text);
    else if (node.type === 'hardBreak' || node.type === 'paragraph') parts.push(' ');
    if (Array.isArray(node.content)) stack.push(...[...node.content].reverse());
  }
  return parts.join('').replace(/\s+/g, ' ').trim();
}

/** The TipTap document of a rich text, or undefined. */
export function docOf(value: unknown): Record<string, unknown> | undefined {
  return readRichText(value)?.doc as Record<string, unknown> | undefined;
}

/** Kept whole when it is small enough; else dropped (the plain body stays) and marked. */
export function capRichText(richText: unknown): { richText?: unknown; richTextDropped?: true } {
  if (richText === undefined || richText === null) return {};
  let size: number;
  try {
    size = JSON.stringify(richText).length;
  } catch {
    return { richTextDropped: true };
  }
  return size > MAX_RICH_TEXT_CHARS ? { richTextDropped: true } : { richText };
}

/**
 * What the member typed, as Circle's editor sends it: a blank line parts paragraphs, a
 * newline is a hard break, the text itself is Circle's fallback. Plain text only: the
 * composer offers no marks, and nothing typed is read as markup.
 */
export function richTextOf(typed: string): Bag {
  const paragraphs = typed
    .replace(/\r\n?/g, '\n')
    .trim()
    .split(/\n{2,}/)
    .map((paragraph) => ({
      type: 'paragraph',
      content: paragraph.split('\n').flatMap((line, i) => [...(i > 0 ? [{ type: 'hardBreak' }] : []), ...(line ? [{ type: 'text', text: line }] : [])]),
    }));
  return { body: { type: 'doc', content: paragraphs }, circle_ios_fallback_text: typed.trim(), attachments: [], inline_attachments: [], sgids_to_object_map: {}, format: 'chat', community_members: [], entities: [], group_mentions: [], polls: [] };
}
