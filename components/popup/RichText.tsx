import type { ComponentChildren } from 'preact';
import { useMemo } from 'preact/hooks';
import { t } from '../../lib/platform/i18n';
import { renderRichText, type Inline } from '../../lib/ui/rich-text';
import { Icon } from './view-icons';

/**
 * A message body as elements, never as HTML: Circle's rich text through the whitelist in
 * lib/ui/rich-text, or the plain body when there is none. Every string lands as a text
 * child, so markup in a body stays text.
 */
export function RichText({ richText, body }: { richText: unknown; body: string }) {
  const rendered = useMemo(() => renderRichText(richText), [richText]);
  if (!rendered) {
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
      {rendered.blocks.map((block, i) => (
        <p key={i}>{block.map(inline)}</p>
      ))}
      {rendered.attachments.length > 0 && (
        <ul class="attachments">
          {rendered.attachments.map((file, i) => (
            <li key={i}>
              <Icon name={file.image ? 'image' : 'file'} size={14} />
              {file.name ?? t(file.image ? 'messageImage' : 'messageFile')}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function inline(part: Inline, i: number): ComponentChildren {
  if (part.kind === 'break') return <br key={i} />;
  if (part.kind === 'mention') {
    return (
      <span key={i} class="mention">
        @{part.label ?? t('messageMentionSomeone')}
      </span>
    );
  }
  let node: ComponentChildren = part.text;
  if (part.code) node = <code>{node}</code>;
  if (part.strike) node = <s>{node}</s>;
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
