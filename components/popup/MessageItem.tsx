import type { Message } from '../../lib/circle/model';
import { t } from '../../lib/platform/i18n';
import { messageTime } from '../../lib/ui/message-time';
import { fullTime, isoTime } from '../../lib/ui/time';
import { Avatar } from './Avatar';
import { RichText } from './RichText';
import { counted } from './words';

interface Props {
  message: Message;
  /** Same sender as the message before, moments later: shown without repeating face and name. */
  continued: boolean;
  own: boolean;
  locale: string;
  /** "N replies" opens the message's thread. */
  onOpenThread?: (message: Message) => void;
  /** The message a search result opened. */
  found?: boolean;
}

export function MessageItem({ message, continued, own, locale, onOpenThread, found }: Props) {
  const name = message.sender?.name || t('messageUnknownSender');
  const time = (
    <time dateTime={isoTime(message.sentAt)} title={fullTime(message.sentAt, locale)}>
      {messageTime(message.sentAt, locale)}
    </time>
  );
  return (
    <li class={`message${continued ? ' continued' : ''}${own ? ' own' : ''}${message.deleted ? ' deleted' : ''}${found ? ' found' : ''}`} data-id={message.id} aria-current={found || undefined}>
      <div class="gutter">{continued ? null : <Avatar name={name} src={message.sender?.avatarUrl} size={32} />}</div>
      <div class="content">
        {continued ? (
          <span class="visually-hidden">
            {name}, {time}
          </span>
        ) : (
          <div class="meta">
            <span class="sender">{own ? t('roomYou') : name}</span>
            {time}
          </div>
        )}
        {message.deleted ? (
          <p class="tombstone">{t('messageDeleted')}</p>
        ) : (
          <RichText richText={message.richText} body={message.body} />
        )}
        {message.reactions?.length && !message.deleted ? (
          <ul class="reactions" aria-label={t('messageReactions')}>
            {message.reactions.map((reaction) => (
              <li key={reaction.emoji} class={reaction.mine ? 'mine' : undefined}>
                <span aria-hidden="true">{reaction.emoji} {reaction.count}</span>
                <span class="visually-hidden">{reaction.emoji} {counted(locale, reaction.count, 'messageReactionsOne', 'messageReactionsOther')}</span>
              </li>
            ))}
          </ul>
        ) : null}
        {(message.editedAt || message.truncated || message.repliesCount > 0) && !message.deleted && (
          <div class="marks">
            {message.editedAt ? <span class="edited" title={fullTime(message.editedAt, locale)}>{t('messageEdited')}</span> : null}
            {message.truncated ? <span>{t('messageTruncated')}</span> : null}
            {message.repliesCount > 0 ? (
              message.threadId && onOpenThread ? (
                <button type="button" class="link-button replies" onClick={() => onOpenThread(message)}>
                  {counted(locale, message.repliesCount, 'messageRepliesOne', 'messageRepliesOther')}
                </button>
              ) : (
                <span class="replies">{counted(locale, message.repliesCount, 'messageRepliesOne', 'messageRepliesOther')}</span>
              )
            ) : null}
          </div>
        )}
      </div>
    </li>
  );
}
