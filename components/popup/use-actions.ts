import { useState } from 'preact/hooks';
import type { Notification, Room, Thread } from '../../lib/circle/model';
import { httpUrl } from '../../lib/ui/safe-url';
import type { ActionResult } from '../../lib/wire/messages';
import { failureText } from '../shared/reason-text';
import type { PopupSource } from './popup-source';

/**
 * What the member does from the popup, shown at once. The background also applies each
 * action to the store before asking Circle and rolls it back if Circle refuses; the local
 * overrides here only bridge the milliseconds until that change notice is read, and are
 * dropped when the answer comes, so the store's truth (or its rollback) shows.
 */
export function useActions(source: PopupSource, newCount: number | undefined, resetCountOnOpen: boolean) {
  const [readRooms, setReadRooms] = useState<ReadonlySet<string>>(new Set());
  const [readThreads, setReadThreads] = useState<ReadonlySet<number>>(new Set());
  const [readNotifications, setReadNotifications] = useState<ReadonlySet<number>>(new Set());
  const [countCleared, setCountCleared] = useState(false);
  const [notificationError, setNotificationError] = useState<string>();
  const [allRead, setAllRead] = useState<{ chats?: true; notifications?: true }>({});
  const [allReadError, setAllReadError] = useState<{ what: 'chats' | 'notifications'; error: string }>();

  const without = <T,>(set: ReadonlySet<T>, value: T) => {
    const next = new Set(set);
    next.delete(value);
    return next;
  };

  const markRoomRead = async (room: Room): Promise<string | undefined> => {
    setReadRooms((set) => new Set(set).add(room.uuid));
    const result = await source.act({ action: 'mark-room-read', uuid: room.uuid });
    setReadRooms((set) => without(set, room.uuid));
    return result.ok ? undefined : failureText(result.error);
  };

  /** Read in the extension (the member API has no call for it): the store's notice follows at once. */
  const markThreadRead = (id: number) => {
    setReadThreads((set) => new Set(set).add(id));
    void source.act({ action: 'mark-thread-read', id }).finally(() => setReadThreads((set) => without(set, id)));
  };

  /** Opens a notification (http(s) only), marks it read and, as Circle's bell does, clears the new count. */
  const openNotification = async (n: Notification) => {
    setNotificationError(undefined);
    // Ask the background first: opening a tab closes the popup, and with it this page.
    const asks: Promise<ActionResult>[] = [];
    if (!n.readAt) {
      setReadNotifications((set) => new Set(set).add(n.id));
      asks.push(source.act({ action: 'mark-notification-read', id: n.id }).finally(() => setReadNotifications((set) => without(set, n.id))));
    }
    if (resetCountOnOpen && (newCount ?? 0) > 0) {
      setCountCleared(true);
      asks.push(source.act({ action: 'reset-new-count' }).finally(() => setCountCleared(false)));
    }
    const url = httpUrl(n.url);
    if (url) source.openTab(url);
    const failed = (await Promise.all(asks)).find((result) => !result.ok);
    if (failed) setNotificationError(failureText(failed.error));
  };

  /** Everything in one list at once; the store's answer (or rollback) shows when it comes. */
  const markAllRead = async (what: 'chats' | 'notifications') => {
    setAllReadError(undefined);
    setAllRead((current) => ({ ...current, [what]: true }));
    const result = await source.act({ action: 'mark-all-read', what });
    setAllRead((current) => ({ ...current, [what]: undefined }));
    if (!result.ok) setAllReadError({ what, error: failureText(result.error) });
  };

  return {
    unreadOf: (room: Room) => (allRead.chats || readRooms.has(room.uuid) ? 0 : room.unread),
    isRead: (n: Notification) => !!n.readAt || !!allRead.notifications || readNotifications.has(n.id),
    shownCount: countCleared || allRead.notifications ? 0 : (newCount ?? 0),
    markAllRead,
    allReadError,
    markRoomRead,
    threadUnread: (thread: Thread) => thread.unread > 0 && !readThreads.has(thread.id),
    markThreadRead,
    openNotification,
    notificationError,
  };
}
