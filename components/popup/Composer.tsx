import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../lib/platform/i18n';

interface Props {
  /** Where the draft is kept: one per room (and thread) and community. */
  draftKey: string;
  label: string;
  onSend: (text: string) => void;
}

const read = (key: string) => {
  try {
    return localStorage.getItem(key) ?? '';
  } catch {
    return '';
  }
};
const write = (key: string, value: string) => {
  try {
    if (value) localStorage.setItem(key, value);
    else localStorage.removeItem(key);
  } catch {
    // A page without storage keeps the draft while open only.
  }
};

/**
 * The foot of a room: Enter sends, Shift+Enter breaks the line. The draft is kept in the
 * page's own storage as it is typed, so closing the popup loses nothing.
 */
export function Composer({ draftKey, label, onSend }: Props) {
  const [text, setText] = useState(() => read(draftKey));
  const area = useRef<HTMLTextAreaElement>(null);

  useEffect(() => setText(read(draftKey)), [draftKey]);

  const send = () => {
    if (!text.trim()) return;
    onSend(text);
    setText('');
    write(draftKey, '');
    area.current?.focus();
  };

  return (
    <form class="composer" onSubmit={(event) => (event.preventDefault(), send())}>
      <textarea
        ref={area}
        rows={2}
        value={text}
        aria-label={label}
        placeholder={t('composerPlaceholder')}
        onInput={(event) => {
          const value = event.currentTarget.value;
          setText(value);
          write(draftKey, value);
        }}
        onKeyDown={(event) => {
          if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
          event.preventDefault();
          send();
        }}
      />
      <button type="submit" class="button small" aria-disabled={!text.trim()}>
        {t('composerSend')}
      </button>
    </form>
  );
}
