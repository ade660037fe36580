import { MAX_RICH_TEXT_CHARS } from './model';

/**
 * Circle's `rich_text_body`: `{body: {type: "doc", content}, circle_ios_fallback_text,
 * attachments, inline_attachments, sgids_to_object_map, community_members, …}`. Mentions in
 * the doc carry only an `sgid`; who it names is in `sgids_to_object_map` or in the
 * `community_members` entry with that `rich_text_field_sgid` (docs/circle-api.md).
 * Records stored before the whole object was kept hold the bare doc: both are read here.
 */
type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The TipTap document, from the whole rich text or from an old record's bare doc. */
export function docOf(richText: unknown): Json | undefined {
  if (!isObject(richText)) return undefined;
  if (richText.type === 'doc') return richText;
  return isObject(richText.body) && richText.body.type === 'doc' ? richText.body : undefined;
}

/** Circle's own one-line rendering of the rich text, when it sent one. */
export function fallbackText(richText: unknown): string | undefined {
  if (!isObject(richText)) return undefined;
  const text = richText.circle_ios_fallback_text;
  return typeof text === 'string' ? text : undefined;
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

/** Member ids an sgid stands for, from the map and from the members list. */
function mentionTargets(richText: unknown): Map<string, number> {
  const targets = new Map<string, number>();
  if (!isObject(richText)) return targets;
  const map = richText.sgids_to_object_map;
  if (isObject(map)) {
    for (const [sgid, entry] of Object.entries(map)) {
      const id = isObject(entry) ? Number(entry.community_member_id ?? entry.id) : Number.NaN;
      if (Number.isInteger(id)) targets.set(sgid, id);
    }
  }
  const members = richText.community_members;
  if (Array.isArray(members)) {
    for (const member of members) {
      if (isObject(member) && typeof member.rich_text_field_sgid === 'string' && Number.isInteger(Number(member.id))) {
        targets.set(member.rich_text_field_sgid, Number(member.id));
      }
    }
  }
  return targets;
}

/** Whether the rich text mentions the member: by sgid, or by the id older shapes carried. */
export function mentionsMember(richText: unknown, memberId: number): boolean {
  const targets = mentionTargets(richText);
  const stack: unknown[] = [docOf(richText)];
  while (stack.length) {
    const node = stack.pop();
    if (!isObject(node)) continue;
    const attrs = isObject(node.attrs) ? node.attrs : undefined;
    if (node.type === 'mention' && attrs) {
      const bySgid = typeof attrs.sgid === 'string' ? targets.get(attrs.sgid) : undefined;
      if ([bySgid, attrs.id, attrs.community_member_id].some((v) => v !== undefined && Number(v) === memberId)) return true;
    }
    if (Array.isArray(node.content)) stack.push(...(node.content as unknown[]));
  }
  return false;
}
