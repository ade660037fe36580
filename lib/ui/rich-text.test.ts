import { describe, expect, it } from 'vitest';
import { renderRichText } from './rich-text';

const toBlocks = (value: unknown) => renderRichText(value)?.blocks;

const doc = (...content: unknown[]) => ({ type: 'doc', content: [{ type: 'paragraph', content }] });

describe('toBlocks', () => {
  it('keeps text with bold, italic, code, http(s) links and mentions', () => {
    const blocks = toBlocks(
      doc(
        { type: 'text', text: 'Hi ' },
        { type: 'mention', attrs: { label: 'Ada', id: '7' } },
        { type: 'text', text: ' see ', marks: [{ type: 'italic' }] },
        { type: 'text', text: 'this', marks: [{ type: 'bold' }, { type: 'link', attrs: { href: 'https://example.com/a' } }] },
        { type: 'text', text: 'x()', marks: [{ type: 'code' }] },
      ),
    );
    expect(blocks).toEqual([
      [
        { kind: 'text', text: 'Hi ' },
        { kind: 'mention', label: 'Ada' },
        { kind: 'text', text: ' see ', italic: true },
        { kind: 'text', text: 'this', bold: true, href: 'https://example.com/a' },
        { kind: 'text', text: 'x()', code: true },
      ],
    ]);
  });

  it('drops links that are not http(s), keeping their text', () => {
    for (const href of ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'vbscript:x', '/relative', 42]) {
      expect(toBlocks(doc({ type: 'text', text: 'click', marks: [{ type: 'link', attrs: { href } }] }))).toEqual([[{ kind: 'text', text: 'click' }]]);
    }
  });

  it('ignores unknown nodes, marks and attributes rather than rendering them', () => {
    const blocks = toBlocks(
      doc(
        { type: 'iframe', attrs: { src: 'x', onerror: 'alert(1)' } },
        { type: 'text', text: '<img src=x onerror=alert(1)>', marks: [{ type: 'script' }, { type: 'textStyle', attrs: { style: 'x' } }] },
        { type: 'html', html: '<script>alert(1)</script>' },
      ),
    );
    expect(blocks).toEqual([[{ kind: 'text', text: '<img src=x onerror=alert(1)>' }]]);
  });

  it('turns lists, headings and hard breaks into paragraphs and breaks, in order', () => {
    const blocks = toBlocks({
      type: 'doc',
      content: [
        { type: 'heading', content: [{ type: 'text', text: 'Title' }] },
        { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'one' }] }] }, { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'two' }] }] }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'a' }, { type: 'hardBreak' }, { type: 'text', text: 'b' }] },
      ],
    });
    expect(blocks).toEqual([[{ kind: 'text', text: 'Title' }], [{ kind: 'text', text: 'one' }], [{ kind: 'text', text: 'two' }], [{ kind: 'text', text: 'a' }, { kind: 'break' }, { kind: 'text', text: 'b' }]]);
  });

  it('is undefined for anything that is not a document, so the plain body shows', () => {
    for (const value of [undefined, null, 'text', [], { type: 'paragraph' }, { type: 'doc' }, { type: 'doc', content: [] }, doc(), { body: { type: 'paragraph' } }, { body: doc(), attachments: 'x' }])
      expect(renderRichText(value)).toBeUndefined();
  });

  it('survives hostile depth and size', () => {
    let deep: unknown = { type: 'text', text: 'deep' };
    for (let i = 0; i < 10_000; i++) deep = { type: 'blockquote', content: [deep] };
    expect(() => toBlocks({ type: 'doc', content: [deep] })).not.toThrow();
    const huge = toBlocks(doc({ type: 'text', text: 'x'.repeat(100_000) }));
    expect((huge?.[0]?.[0] as { text: string }).text.length).toBeLessThanOrEqual(20_000);
  });

  it("reads Circle's rich_text_body: mentions by sgid through the map, else @someone; strike; emoji as text", () => {
    const sgid = btoa('\x04\b{\bI"\bgid\x06:\x06ETI";gid://circle/CommunityMember/2401?expires_in') + '--f00d';
    const rendered = renderRichText({
      body: doc(
        { type: 'mention', attrs: { sgid } },
        { type: 'text', text: ' ' },
        { type: 'mention', attrs: { sgid: 'unknown' } },
        { type: 'text', text: 'gone', marks: [{ type: 'strike' }] },
        { type: 'emoji', attrs: { name: 'tada', emoji: '🎉' } },
        { type: 'emoji', attrs: { name: 'custom_party' } },
      ),
      sgids_to_object_map: { [sgid]: { name: 'Maya Chen' } },
      attachments: [],
    });
    expect(rendered?.blocks).toEqual([
      [
        { kind: 'mention', label: 'Maya Chen' },
        { kind: 'text', text: ' ' },
        { kind: 'mention' },
        { kind: 'text', text: 'gone', strike: true },
        { kind: 'text', text: '🎉' },
        { kind: 'text', text: ':custom_party:' },
      ],
    ]);
  });

  it('names attachments, listed and inline, by file name or as an image or a file', () => {
    const rendered = renderRichText({
      body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'image', attrs: { src: 'https://x/y.png', onerror: 'alert(1)' } }] }] },
      attachments: [{ filename: 'plan.pdf', content_type: 'application/pdf' }, { content_type: 'image/png' }, 'junk'],
      inline_attachments: [{ filename: 'photo.jpg', content_type: 'image/jpeg' }],
    });
    expect(rendered).toEqual({
      blocks: [],
      attachments: [{ name: 'plan.pdf', image: false }, { image: true }, { image: false }, { name: 'photo.jpg', image: true }, { image: true }],
    });
  });
});
