/**
 * Circle's `rich_text_body` as its OpenAPI file shows it: a TipTap document under `body`,
 * Circle's own plain rendering (`circle_ios_fallback_text`), files, and mentions that carry
 * only an `sgid`, resolved in `sgids_to_object_map` and `community_members`.
 * Decision (the spec leaves the map's entries untyped): an entry is
 * `{type: "CommunityMember", id, community_member_id, name, avatar_url, user_public_uid}`.
 */
import { createHash } from 'node:crypto';
import type { Community, FileSpec, Member, Message, Span } from './model';

type Json = Record<string, unknown>;

export interface RichTextBody {
  body: { type: 'doc'; content: { type: 'paragraph'; content: Json[] }[] };
  circle_ios_fallback_text: string;
  attachments: Json[];
  inline_attachments: Json[];
  sgids_to_object_map: Record<string, Json>;
  format: 'chat';
  community_members: Json[];
  entities: unknown[];
  group_mentions: unknown[];
  polls: unknown[];
}

const sha1 = (text: string): string => createHash('sha1').update(text).digest('hex');

/** Rails' signed global id, in its shape: base64 of the gid, `--`, a digest. Stable per member. */
export function memberSgid(communityId: number, memberId: number): string {
  const gid = `gid://circle/CommunityMember/${memberId}?community=${communityId}&purpose=rich_text_field`;
  return `${Buffer.from(gid).toString('base64')}--${sha1(gid)}`;
}

/** A plain body as Circle's editor would send it: a blank line parts paragraphs, a newline is a hard break. */
export function spansOf(body: string): Span[][] {
  return body
    .split(/\n{2,}/)
    .filter((paragraph) => paragraph.length > 0)
    .map((paragraph) => paragraph.split('\n').flatMap((line, i): Span[] => [...(i > 0 ? [{ hardBreak: true } as const] : []), ...(line ? [{ text: line }] : [])]));
}

function spanText(span: Span, community: Community): string {
  if ('hardBreak' in span) return '\n';
  if ('mention' in span) return `@${community.members.get(span.mention)?.name ?? ''}`;
  return span.text;
}

/** What `body` and `circle_ios_fallback_text` say: the text with names for mentions. */
export function plainText(paragraphs: Span[][], community: Community): string {
  return paragraphs.map((spans) => spans.map((span) => spanText(span, community)).join('')).join('\n');
}

function node(span: Span, community: Community): Json {
  const fallback = spanText(span, community);
  if ('hardBreak' in span) return { type: 'hardBreak', circle_ios_fallback_text: fallback };
  if ('mention' in span) return { type: 'mention', attrs: { sgid: memberSgid(community.id, span.mention) } };
  const marks = [
    ...(span.bold ? [{ type: 'bold' }] : []),
    ...(span.italic ? [{ type: 'italic' }] : []),
    ...(span.href ? [{ type: 'link', attrs: { href: span.href, target: '_blank' } }] : []),
  ];
  return { type: 'text', text: span.text, ...(marks.length ? { marks } : {}), circle_ios_fallback_text: fallback };
}

function file(spec: FileSpec, community: Community): Json {
  return {
    id: spec.id,
    signed_id: `${Buffer.from(`blob:${spec.id}`).toString('base64')}--${sha1(`blob:${spec.id}`)}`,
    filename: spec.filename,
    content_type: spec.contentType,
    byte_size: spec.byteSize,
    type: spec.contentType.split('/')[0] ?? 'file',
    metadata: { identified: true, analyzed: true, width: spec.width, height: spec.height },
    url: spec.url ?? `${community.webUrl}/rails/active_storage/blobs/${spec.id}/${encodeURIComponent(spec.filename)}`,
  };
}

function mentioned(paragraphs: Span[][], community: Community): Member[] {
  const ids = new Set(paragraphs.flat().flatMap((span) => ('mention' in span ? [span.mention] : [])));
  return [...ids].flatMap((id) => community.members.get(id) ?? []);
}

export function richTextBody(message: Message, community: Community): RichTextBody {
  const paragraphs = message.rich?.paragraphs ?? spansOf(message.body);
  const members = mentioned(paragraphs, community);
  return {
    body: { type: 'doc', content: paragraphs.map((spans) => ({ type: 'paragraph', content: spans.map((span) => node(span, community)) })) },
    circle_ios_fallback_text: plainText(paragraphs, community),
    attachments: (message.rich?.attachments ?? []).map((spec) => file(spec, community)),
    inline_attachments: (message.rich?.inlineAttachments ?? []).map((spec) => file(spec, community)),
    sgids_to_object_map: Object.fromEntries(members.map((member) => [memberSgid(community.id, member.id), {
      type: 'CommunityMember', id: member.id, community_member_id: member.id, name: member.name, avatar_url: member.avatarUrl, user_public_uid: member.publicUid,
    }])),
    format: 'chat',
    community_members: members.map((member) => ({
      id: member.id,
      name: member.name,
      headline: member.headline,
      avatar_url: member.avatarUrl,
      roles: { admin: false, moderator: false },
      rich_text_field_sgid: memberSgid(community.id, member.id),
      member_tags: [],
    })),
    entities: [],
    group_mentions: [],
    polls: [],
  };
}
