import { useLayoutEffect, useRef } from 'preact/hooks';
import type { Message } from '../../lib/circle/model';
import { t } from '../../lib/platform/i18n';
import { dayLabel } from '../../lib/ui/message-time';
import { MessageItem } from './MessageItem';
import type { Pending } from './sending';

/** Messages closer than this from the same sender read as one turn. */
const GROUP_MS = 5 * 60_000;
/** Within this of the bottom counts as "reading the newest": new messages keep it in view. */
const STICK_PX = 48;

interface Props {
  messages: readonly Message[];
  roomName: string;
  memberId?: number;
  now: number;
  locale: string;
  /** Scrolled to (near) the top: time for an older page. */
  onNearTop?: () => void;
  /** What to say above the oldest message: loading, or the room's beginning. */
  top?: string;
  /** Sent from here, not stored yet: below the stored ones. */
  pending?: readonly Pending[];
  onRetry?: (key: number) => void;
  onOpenThread?: (message: Message) => void;
  /** The message a search result opened: scrolled to and marked, once it is in the log. */
  found?: number;
}

/** This close to the top asks for the older page before the reader hits the edge. */
const NEAR_TOP_PX = 120;

/**
 * A room's recent messages, newest at the bottom. It opens at the bottom and follows new
 * messages only while the reader is there: scrolled up to read, they stay where they are.
 * Focusable, so the keyboard scrolls it; a live region, so new messages are announced.
 */
export function MessageLog({ messages, roomName, memberId, now, locale, onNearTop, top, pending = [], onRetry, onOpenThread, found }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const before = useRef({ first: messages[0]?.id, height: 0 });
  const sentCount = useRef(pending.length);

  // The member just sent: their message comes into view wherever they had scrolled.
  useLayoutEffect(() => {
    if (pending.length > sentCount.current) atBottom.current = true;
    sentCount.current = pending.length;
  }, [pending.length]);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const first = messages[0]?.id;
    const prepended = first !== undefined && before.current.first !== undefined && first < before.current.first;
    // An older page went in above: the same message stays under the reader's eyes.
    if (prepended && !atBottom.current) el.scrollTop += el.scrollHeight - before.current.height;
    else if (atBottom.current) el.scrollTop = el.scrollHeight;
    before.current = { first, height: el.scrollHeight };
  }, [messages, pending]);

  // After the effect above: the found message, not the newest, is what the reader sees first.
  const shownFound = useRef(false);
  useLayoutEffect(() => {
    const item = found === undefined || shownFound.current ? undefined : ref.current?.querySelector<HTMLElement>(`[data-id="${found}"]`);
    if (!item) return;
    shownFound.current = true;
    atBottom.current = false;
    item.scrollIntoView?.({ block: 'center' });
    before.current.height = ref.current!.scrollHeight;
  }, [messages, found]);

  const onScroll = () => {
    const el = ref.current;
    if (!el) return;
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < STICK_PX;
    before.current.height = el.scrollHeight;
    if (el.scrollTop < NEAR_TOP_PX && el.scrollHeight > el.clientHeight) onNearTop?.();
  };

  const items = [];
  let previous: Message | undefined;
  for (const message of messages) {
    const day = dayLabel(message.sentAt, now, locale);
    if (!previous || dayLabel(previous.sentAt, now, locale) !== day) {
      items.push(
        <li key={`day-${message.sentAt}`} class="day">
          <span>{day}</span>
        </li>,
      );
    }
    const continued = !!previous && !previous.deleted && !message.deleted && previous.sender?.memberId === message.sender?.memberId && previous.sender?.name === message.sender?.name && message.sentAt - previous.sentAt < GROUP_MS && dayLabel(previous.sentAt, now, locale) === day;
    items.push(<MessageItem key={message.id} message={message} found={message.id === found} continued={continued} own={memberId !== undefined && message.sender?.memberId === memberId} locale={locale} onOpenThread={onOpenThread} />);
    previous = message;
  }

  return (
    <div class="log" ref={ref} onScroll={onScroll} tabIndex={0} role="log" aria-label={t('roomMessagesLabel', roomName)}>
      {onNearTop && (
        <p class="log-top" role="status">
          {top ?? ''}
        </p>
      )}
      <ol class="messages">
        {items}
        {pending.map((p) => (
          <li key={`pending-${p.key}`} class={`message own pending${p.failed !== undefined ? ' failed' : ''}`} data-pending={p.key}>
            <div class="gutter" />
            <div class="content">
              <p class="body-text">{p.text}</p>
              {p.failed === undefined ? (
                <p class="send-state">{t('messageSending')}</p>
              ) : (
                <p class="send-state" role="alert">
                  {t('messageNotSent', p.failed)}{' '}
                  <button type="button" class="link-button" onClick={() => onRetry?.(p.key)}>
                    {t('messageRetry')}
                  </button>
                </p>
              )}
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}
