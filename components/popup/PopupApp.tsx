import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Person } from '../../lib/circle/model';
import { t } from '../../lib/platform/i18n';
import { selfOf } from '../../lib/ui/self';
import { useActions } from './use-actions';
import { ChatsPanel, roomMenu } from './ChatsPanel';
import { afterFirstPaint } from './first-paint';
import { Header, type HeaderProps } from './Header';
import { lazyModule } from './lazy';
import { useNewCount, useNotifications, useRooms, useThreads } from './live-updates';
import { useSource } from './popup-source';
import { Skeleton } from './StateMessage';
import { Tabs, type TabId } from './Tabs';
import type { ThreadPlace } from './ThreadView';
import type { ListMemory } from './VirtualList';
import type { ConnectionStatus } from '../../lib/wire/status';

// Not needed for the first rooms paint: fetched once it is painted, or when first opened.
const roomView = lazyModule(() => import('./RoomView'));
const threadView = lazyModule(() => import('./ThreadView'));
const threadsPanel = lazyModule(() => import('./ThreadsPanel'));
const notificationsPanel = lazyModule(() => import('./NotificationsPanel'));
/** Every lazy view, loaded: for tests that are about the views, not about their loading. */
export const loadViews = () => Promise.all([roomView.load(), threadView.load(), threadsPanel.load(), notificationsPanel.load(), roomMenu.load()]);

/** Relative times ("2 min ago") move on while the popup stays open. */
const CLOCK_MS = 30_000;

interface Props extends Pick<HeaderProps, 'communities' | 'onSwitch'> {
  status: ConnectionStatus;
  resetCountOnOpen: boolean;
  onOpenOptions: () => void;
  onRetry?: () => void;
}

/** The popup for one community set up, its member known: header, Chats and Notifications tabs, and a room. */
export function PopupApp({ status, communities, onSwitch, resetCountOnOpen, onOpenOptions, onRetry }: Props) {
  const source = useSource();
  const rooms = useRooms(source);
  const notifications = useNotifications(source);
  const newCount = useNewCount(source) ?? status.count;
  const actions = useActions(source, newCount, resetCountOnOpen);
  const [tab, setTab] = useState<TabId>('chats');
  const threads = useThreads(source);
  const [open, setOpen] = useState<string>();
  const [openThread, setOpenThread] = useState<ThreadPlace>();
  const [now, setNow] = useState(Date.now());
  const memory = useRef<Record<TabId, ListMemory>>({ chats: { scrollTop: 0 }, threads: { scrollTop: 0 }, notifications: { scrollTop: 0 } });
  const returned = useRef(false);
  const muted = useMuted(source);
  const RoomView = roomView.use(!!open)?.RoomView;
  const ThreadView = threadView.use(!!openThread)?.ThreadView;
  // The threads panel's chunk also holds "Waiting on you" and search's way in, whose buttons are in the header once the rooms are read.
  const { ThreadsPanel, Waiting, Search } = threadsPanel.use(tab === 'threads' || rooms.status === 'ready') ?? {};
  const NotificationsPanel = notificationsPanel.use(tab === 'notifications')?.NotificationsPanel;

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), CLOCK_MS);
    return () => clearInterval(timer);
  }, []);

  // Once the first screen is up, so opening a room or a thread does not wait for its code.
  useEffect(() => {
    if (rooms.status !== 'ready') return;
    const timer = setTimeout(() => {
      roomView.preload();
      threadsPanel.preload();
      threadView.preload();
      notificationsPanel.preload();
      roomMenu.preload();
    }, 50);
    return () => clearTimeout(timer);
  }, [rooms.status]);

  const back = useCallback(() => {
    returned.current = true;
    setOpen(undefined);
  }, []);
  const backFromThread = useCallback(() => {
    returned.current = true;
    setOpenThread(undefined);
  }, []);
  const showThread = useCallback((place: ThreadPlace) => {
    setOpenThread(place);
    actions.markThreadRead(place.id);
  }, [actions]);

  const list = rooms.status === 'ready' ? rooms.value : [];
  const first = rooms.partial;
  const room = open ? list.find((r) => r.uuid === open) : undefined;
  const syncing = !status.sync?.finishedAt && status.phase !== 'signed-out' && status.phase !== 'error';
  const focusList = returned.current;
  returned.current = false;

  const threadList = threads.status === 'ready' ? threads.value : [];
  const thread = openThread ? threadList.find((th) => th.id === openThread.id) : undefined;
  const roomOf = (uuid: string | undefined) => (uuid ? list.find((r) => r.uuid === uuid) : undefined);

  return (
    <main class="popup app">
      <Header status={status} communities={communities} onSwitch={onSwitch} member={memberOf(first ? first.self : selfOf(list, source.memberId), source.memberId, status.memberName)} onOpenOptions={onOpenOptions} onRetry={onRetry} />
      {Waiting && <Waiting rooms={list} threads={threadList} onOpenRoom={setOpen} onOpenThread={showThread} />}
      {Search && <Search rooms={list} onOpenRoom={setOpen} onOpenThread={showThread} />}
      {openThread ? (
        ThreadView ? <ThreadView place={openThread} thread={thread} room={roomOf(openThread.roomUuid)} now={now} onBack={backFromThread} /> : <Skeleton rows={5} label={t('listLoading')} />
      ) : open ? (
        RoomView ? (
          <RoomView uuid={open} room={room} unread={room ? actions.unreadOf(room) : 0} now={now} onBack={back} onMarkRead={() => (room ? actions.markRoomRead(room) : Promise.resolve(t('roomGoneTitle')))}
            muted={muted.includes(open)}
            onOpenThread={(message) => message.threadId && showThread({ id: message.threadId, roomUuid: message.roomUuid, parentId: message.id })} />
        ) : <Skeleton rows={5} label={t('listLoading')} />
      ) : (
        <Tabs selected={tab} onSelect={setTab} locale={source.locale} counts={{ chats: first ? first.unread : list.filter((r) => actions.unreadOf(r) > 0).length, threads: threadList.filter(actions.threadUnread).length, notifications: actions.shownCount }}>
          {tab === 'chats' ? (
            <ChatsPanel
              rooms={rooms}
              total={first?.total}
              syncing={syncing}
              unreadOf={actions.unreadOf}
              isMuted={(r) => muted.includes(r.uuid)}
              onToggleMute={(r) => void source.setMuted(r.uuid, !muted.includes(r.uuid))}
              onMarkRead={actions.markRoomRead}
              memberId={source.memberId}
              now={now}
              locale={source.locale}
              memory={memory.current.chats}
              onMarkAllRead={() => void actions.markAllRead('chats')}
              markAllError={actions.allReadError?.what === 'chats' ? actions.allReadError.error : undefined}
              focusOnMount={focusList}
              onOpen={(r) => {
                memory.current.chats.activeKey = r.uuid;
                setOpen(r.uuid);
              }}
            />
          ) : tab === 'threads' ? (
            ThreadsPanel ? (
              <ThreadsPanel
                threads={threads}
                syncing={syncing}
                roomOf={roomOf}
                unreadOf={actions.threadUnread}
                memberId={source.memberId}
                now={now}
                locale={source.locale}
                memory={memory.current.threads}
                focusOnMount={focusList}
                onOpen={(th) => {
                  memory.current.threads.activeKey = String(th.id);
                  if (th.roomUuid && th.parentMessageId) showThread({ id: th.id, roomUuid: th.roomUuid, parentId: th.parentMessageId });
                }}
              />
            ) : <Skeleton rows={5} label={t('listLoading')} />
          ) : !NotificationsPanel ? (
            <Skeleton rows={6} label={t('listLoading')} />
          ) : (
            <NotificationsPanel
              notifications={notifications}
              syncing={syncing}
              isRead={actions.isRead}
              now={now}
              locale={source.locale}
              memory={memory.current.notifications}
              onMarkAllRead={() => void actions.markAllRead('notifications')}
              markAllError={actions.allReadError?.what === 'notifications' ? actions.allReadError.error : undefined}
              onOpen={(n) => void actions.openNotification(n)}
              error={actions.notificationError && t('notificationFailed', actions.notificationError)}
            />
          )}
        </Tabs>
      )}
    </main>
  );
}

/** preferences.mutedRooms, followed as the options page or this popup change it. */
function useMuted(source: ReturnType<typeof useSource>): string[] {
  const [muted, setMuted] = useState<string[]>([]);
  useEffect(() => {
    let alive = true;
    // Marks on rows already shown: read once they are painted, not in their way.
    void afterFirstPaint().then(() => alive && source.mutedRooms().then((list) => alive && setMuted(list)));
    const unbind = source.onMutedChange(setMuted);
    return () => {
      alive = false;
      unbind();
    };
  }, [source]);
  return muted;
}

/** The member's name (from Circle, via the status) and face (from a room whose last message is theirs). */
function memberOf(sender: Person | undefined, memberId: number | undefined, name: string | undefined): Person | undefined {
  if (memberId === undefined) return undefined;
  return name ? { ...sender, memberId, name } : sender;
}
