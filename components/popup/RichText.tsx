import type { ComponentChildren } from 'preact';
import { useMemo } from 'preact/hooks';
import { toBlocks, type Inline } from '../../lib/ui/rich-text';

/**
 * A message body as elements, never as HTML: Circle's rich text through the whitelist in
 * lib/ui/rich-text (bold, italic, code, http(s) links, mentions), or the plain body when
 * there is none. Every string lands as a text child, so markup in a body stays text.
 */
export function RichText({ doc, body }: { doc: unknown; body: string }) {
  const blocks = useMemo(() => toBlocks(doc), [doc]);
  if (!blocks) {
    return (
      <div class="body">
        {body.split(/\n+/).map((line, i) => (
          <p key={i}>{line}</p>
        ))}
      </div>
    );
  }
  return (
    <div class="body">
      {blocks.map((block, i) => (
        <p key={i}>{block.map(inline)}</p>
      ))}
    </div>
  );
}

function inline(part: Inline, i: number): ComponentChildren {
  if (part.kind === 'break') return <br key={i} />;
  if (part.kind === 'mention') {
    return (
      <span key={i} class="mention">
        @{part.label.replace(/^@/, '')}
      </span>
    );
  }
  let node: ComponentChildren = part.text;
  if (part.code) node = <code>{node}</code>;
  if (part.italic) node = <em>{node}</em>;
  if (part.bold) node = <strong>{node}</strong>;
  // Only http(s) survives lib/ui/rich-text; a new tab without an opener or a referrer.
  if (part.href) {
    node = (
      <a href={part.href} target="_blank" rel="noopener noreferrer">
        {node}
      </a>
    );
  }
  return <span key={i}>{node}</span>;
}
