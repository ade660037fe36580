import { useState } from 'preact/hooks';
import type { Room } from '../../lib/circle/model';
import { t } from '../../lib/platform/i18n';
import { lazyModule } from './lazy';
import type { Loaded } from './live-updates';
import { ROOM_ROW_HEIGHT, RoomRow, roomName } from './RoomRow';
import { MarkAllRead } from './MarkAllRead';
import { Skeleton, StateMessage } from './StateMessage';
import { VirtualList, type ListMemory } from './VirtualList';

// A row's menu and its own keys (M, E): fetched right after the first paint, out of the first chunk.
export const roomMenu = lazyModule(() => import('./RoomMenu'));

interface Props {
  rooms: Loaded<Room[]>;
  /** The whole list's length while `rooms` is only its head (the stored first screen). */
  total?: number;
  /** The first sync with Circle is still running: an empty cache is not an empty inbox yet. */
  syncing: boolean;
  unreadOf: (room: Room) => number;
  isMuted: (room: Room) => boolean;
  /** Mute or unmute in the extension: M on a row, or its context menu. */
  onToggleMute: (room: Room) => void;
  /** E on a row; Circle's refusal, in words, if it refused. */
  onMarkRead: (room: Room) => Promise<string | undefined>;
  memberId?: number;
  now: number;
  locale: string;
  memory: ListMemory;
  onMarkAllRead: () => void;
  /** Circle refused the last "mark all as read", in words. */
  markAllError?: string;
  focusOnMount: boolean;
  onOpen: (room: Room) => void;
}

export function ChatsPanel({ rooms, total, syncing, unreadOf, isMuted, onToggleMute, onMarkRead, memberId, now, locale, memory, focusOnMount, onOpen, onMarkAllRead, markAllError }: Props) {
  const [menu, setMenu] = useState<{ room: Room; row: HTMLElement; top: number }>();
  const [said, setSaid] = useState('');
  const lazy = roomMenu.use(true);
  const RoomMenu = lazy?.RoomMenu;
  if (rooms.status === 'loading') return <Skeleton rows={7} label={t('listLoading')} />;
  if (rooms.status === 'error') return <StateMessage tone="error" title={t('cacheError')} help={t('cacheErrorHelp', rooms.error)} />;
  if (!rooms.value.length) {
    return syncing ? <StateMessage title={t('chatsSyncing')} help={t('chatsSyncingHelp')} /> : <StateMessage title={t('chatsEmpty')} help={t('chatsEmptyHelp')} />;
  }
  const toggle = (room: Room) => {
    // Said as it will be: the list re-renders with the new mark once storage answers.
    setSaid(t(isMuted(room) ? 'roomUnmutedNamed' : 'roomMutedNamed', roomName(room)));
    onToggleMute(room);
  };
  const closeMenu = (focusRow: boolean) => {
    if (focusRow) menu?.row.focus({ preventScroll: true });
    setMenu(undefined);
  };
  return (
    <>
      <VirtualList
        id="rooms"
        items={rooms.value}
        total={total}
        keyOf={(room) => room.uuid}
        rowHeight={ROOM_ROW_HEIGHT}
        label={t('chatsLabel')}
        memory={memory}
        focusOnMount={focusOnMount}
        onOpen={onOpen}
        rowShortcuts="E M"
        describedBy="rooms-keys"
        onRowKey={(room, event) => !!lazy?.roomKey(event.key, room, toggle, onMarkRead, setSaid)}
        onRowMenu={(room, row) => {
          const list = row.closest<HTMLElement>('.vlist');
          const top = row.getBoundingClientRect().top - (list?.getBoundingClientRect().top ?? 0) + (list?.offsetTop ?? 0) + ROOM_ROW_HEIGHT - 8;
          setMenu({ room, row, top });
        }}
        renderRow={(room) => <RoomRow room={room} unread={unreadOf(room)} muted={isMuted(room)} memberId={memberId} now={now} locale={locale} />}
      />
      {menu && RoomMenu && (
        <RoomMenu room={menu.room} top={menu.top} say={setSaid} onClose={closeMenu} />
      )}
      <p id="rooms-keys" class="visually-hidden">{t('chatsKeyHint')}</p>
      <p class="visually-hidden" role="status">{said}</p>
      <MarkAllRead any={rooms.value.some((room) => unreadOf(room) > 0)} onClick={onMarkAllRead} error={markAllError} />
    </>
  );
}
