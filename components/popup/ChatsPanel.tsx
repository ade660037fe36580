import type { Room } from '../../lib/circle/model';
import { t } from '../../lib/platform/i18n';
import type { Loaded } from './live';
import { ROOM_ROW_HEIGHT, RoomRow } from './RoomRow';
import { MarkAllRead } from './MarkAllRead';
import { Skeleton, StateMessage } from './StateMessage';
import { VirtualList, type ListMemory } from './VirtualList';

interface Props {
  rooms: Loaded<Room[]>;
  /** The whole list's length while `rooms` is only its head (the stored first screen). */
  total?: number;
  /** The first sync with Circle is still running: an empty cache is not an empty inbox yet. */
  syncing: boolean;
  unreadOf: (room: Room) => number;
  isMuted: (room: Room) => boolean;
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

export function ChatsPanel({ rooms, total, syncing, unreadOf, isMuted, memberId, now, locale, memory, focusOnMount, onOpen, onMarkAllRead, markAllError }: Props) {
  if (rooms.status === 'loading') return <Skeleton rows={7} label={t('listLoading')} />;
  if (rooms.status === 'error') return <StateMessage tone="error" title={t('cacheError')} help={t('cacheErrorHelp', rooms.error)} />;
  if (!rooms.value.length) {
    return syncing ? <StateMessage title={t('chatsSyncing')} help={t('chatsSyncingHelp')} /> : <StateMessage title={t('chatsEmpty')} help={t('chatsEmptyHelp')} />;
  }
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
        renderRow={(room) => <RoomRow room={room} unread={unreadOf(room)} muted={isMuted(room)} memberId={memberId} now={now} locale={locale} />}
      />
      <MarkAllRead any={rooms.value.some((room) => unreadOf(room) > 0)} onClick={onMarkAllRead} error={markAllError} />
    </>
  );
}
