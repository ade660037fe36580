import { describe, expect, it } from 'vitest';
import example from './fixtures/spec-rich-text-body.json';
import { mentionedMemberIds, plainText, readRichText, sgidMemberId } from './rich-text';

// The first message of the 200 example of GET /messages/{uuid}/chat_room_messages in Circle's
// published OpenAPI file, as it is.
describe("Circle's rich_text_body", () => {
  it('reads the document under body and the fallback text beside it', () => {
    const rich = readRichText(example);
    expect((rich?.doc as { type: string }).type).toBe('doc');
    expect(rich?.fallbackText).toMatch(/^Hi ,\nHow was your weekend\?/);
  });

  it('reads the member id a signed global id names, and nothing from garbage', () => {
    expect(mentionedMemberIds(example)).toEqual(new Set([2459453, 2072]));
    for (const junk of ['', 'not base64!', 'AAAA--x', 42, undefined, 'x'.repeat(5000)]) expect(sgidMemberId(junk)).toBeUndefined();
  });

  it('still reads an older record that stored the bare document with member ids', () => {
    const doc = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'mention', attrs: { id: 7, label: 'Me' } }] }] };
    expect(readRichText(doc)?.doc).toBe(doc);
    expect(mentionedMemberIds(doc)).toEqual(new Set([7]));
  });

  it('names a mention from the map, a nested member, or community_members by sgid or id', () => {
    const sgid = (id: number) => btoa(`gid://circle/CommunityMember/${id}`);
    const rich = readRichText({
      body: { type: 'doc', content: [] },
      sgids_to_object_map: { a: { name: 'Ada' }, b: { community_member: { name: 'Bo' } } },
      community_members: [{ id: 9, name: 'Cy' }, { id: 10, name: 'Di', rich_text_field_sgid: 'd' }],
    });
    expect(['a', 'b', sgid(9), 'd', sgid(11)].map((s) => rich?.mentionName(s))).toEqual(['Ada', 'Bo', 'Cy', 'Di', undefined]);
  });

  it('gives one line: the fallback text, else the body, else the text of the document', () => {
    expect(plainText(example, 'ignored')).toContain('Please check out https://www.google.com/');
    expect(plainText({ body: { type: 'doc', content: [] } }, 'plain')).toBe('plain');
    const doc = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'a' }, { type: 'hardBreak' }, { type: 'text', text: 'b' }] }, { type: 'paragraph', content: [{ type: 'text', text: 'c' }] }] };
    expect(plainText(doc, '')).toBe('a b c');
  });
});
