import type { Notification } from '../../lib/circle/model';
import { t } from '../../lib/platform/i18n';
import { sentenceOf } from '../../lib/ui/notification';
import { fullTime, isoTime, timeAgo } from '../../lib/ui/time';
import { Avatar } from './Avatar';

export const NOTIFICATION_ROW_HEIGHT = 76;

/** Actor, what they did and where, when, and whether it is read. Text only, clamped to two lines. */
export function NotificationRow({ notification: n, read, now, locale }: { notification: Notification; read: boolean; now: number; locale: string }) {
  const parts = sentenceOf(n, (key) => t(key));
  return (
    <div class={`notification${read ? '' : ' unread'}`}>
      <Avatar name={n.actorName || '?'} src={n.actorImage} size={36} />
      <div class="notification-text">
        <p class="sentence">
          {!read && <span class="visually-hidden">{t('notificationUnread')}: </span>}
          {parts.length
            ? parts.map((part, i) => (
                <span key={i}>
                  {i > 0 ? ' ' : ''}
                  {part.strong ? <strong>{part.text}</strong> : part.text}
                </span>
              ))
            : t('notificationUntitled')}
        </p>
        <p class="where">
          {n.spaceTitle && (
            <>
              <span class="space">{n.spaceTitle}</span>
              <span aria-hidden="true"> · </span>
              <span class="visually-hidden">, </span>
            </>
          )}
          {n.createdAt > 0 && (
            <time dateTime={isoTime(n.createdAt)} title={fullTime(n.createdAt, locale)}>
              {timeAgo(n.createdAt, now, locale)}
            </time>
          )}
        </p>
      </div>
      {!read && <span class="dot" aria-hidden="true" />}
    </div>
  );
}
