import { useState } from 'preact/hooks';
import type { Notification } from '../../lib/circle/model';
import { t } from '../../lib/platform/i18n';
import { failureText } from '../shared/reason-text';
import type { Loaded } from './live-updates';
import { useSource } from './popup-source';
import { NOTIFICATION_ROW_HEIGHT, NotificationRow } from './NotificationRow';
import { MarkAllRead } from './MarkAllRead';
import { Skeleton, StateMessage } from './StateMessage';
import { VirtualList, type ListMemory } from './VirtualList';

interface Props {
  notifications: Loaded<Notification[]>;
  syncing: boolean;
  isRead: (n: Notification) => boolean;
  now: number;
  locale: string;
  memory: ListMemory;
  onMarkAllRead: () => void;
  /** Circle refused the last "mark all as read", in words. */
  markAllError?: string;
  onOpen: (n: Notification) => void;
  /** The last open failed (mark read refused): said here, next to the list. */
  error?: string;
}

export function NotificationsPanel({ notifications, syncing, isRead, now, locale, memory, onOpen, error: openError, onMarkAllRead, markAllError }: Props) {
  // E (read, not opened) acts here, not through use-actions: that is in the popup's first chunk, and the
  // background marks the store read before it asks Circle. A refusal is said where a refused open is.
  const source = useSource();
  const [refused, setRefused] = useState<string>();
  const error = openError ?? (refused && t('notificationFailed', refused));
  if (notifications.status === 'loading') return <Skeleton rows={6} label={t('listLoading')} />;
  if (notifications.status === 'error') return <StateMessage tone="error" title={t('cacheError')} help={t('cacheErrorHelp', notifications.error)} />;
  if (!notifications.value.length) {
    return syncing ? <StateMessage title={t('notificationsSyncing')} /> : <StateMessage title={t('notificationsEmpty')} help={t('notificationsEmptyHelp')} />;
  }
  return (
    <>
      {error && (
        <p class="inline-error" role="alert">
          {error}
        </p>
      )}
      <VirtualList
        id="notifications"
        items={notifications.value}
        keyOf={(n) => String(n.id)}
        rowHeight={NOTIFICATION_ROW_HEIGHT}
        label={t('notificationsLabel')}
        memory={memory}
        onOpen={(n) => {
          setRefused(undefined);
          onOpen(n);
        }}
        rowShortcuts="E"
        describedBy="notifications-keys"
        onRowKey={(n, event) => {
          if (event.key !== 'e') return false;
          setRefused(undefined);
          if (!isRead(n)) void source.act({ action: 'mark-notification-read', id: n.id }).then((result) => setRefused(result.ok ? undefined : failureText(result.error)));
          return true;
        }}
        renderRow={(n) => <NotificationRow notification={n} read={isRead(n)} now={now} locale={locale} />}
      />
      <p id="notifications-keys" class="visually-hidden">{t('notificationsKeyHint')}</p>
      <MarkAllRead any={notifications.value.some((n) => !isRead(n))} onClick={onMarkAllRead} error={markAllError} />
    </>
  );
}
