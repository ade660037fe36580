import type { MessagePreview, Room, Thread } from '../../lib/circle/model';
import { t } from '../../lib/platform/i18n';
import { oneLine } from '../../lib/ui/one-line';
import { Icon } from './icons';
import type { Loaded } from './live-updates';
import { useSource } from './popup-source';
import { roomName, RowTime } from './RoomRow';
import { Skeleton, StateMessage } from './StateMessage';
import { VirtualList, type ListMemory } from './VirtualList';

// "Waiting on you" (DMs and threads) rides in this chunk, loaded after the first paint as this
// panel is: a chunk of its own would cost the popup's first chunk its address.
export { Waiting } from './Waiting';
// So does search's way in (its button and `/`); the field, results and index load when it opens.
export { Search } from './Search';

export const THREAD_ROW_HEIGHT = 78;

interface Props {
  threads: Loaded<Thread[]>;
  syncing: boolean;
  roomOf: (uuid: string | undefined) => Room | undefined;
  unreadOf: (thread: Thread) => boolean;
  memberId?: number;
  now: number;
  locale: string;
  memory: ListMemory;
  focusOnMount: boolean;
  onOpen: (thread: Thread) => void;
}

/** The threads the member takes part in, newest reply first: room, parent and last reply. */
export function ThreadsPanel({ threads, syncing, roomOf, unreadOf, memberId, now, locale, memory, focusOnMount, onOpen }: Props) {
  // E acts here, not through use-actions: that is in the popup's first chunk, and the store's notice of a read follows at once.
  const source = useSource();
  if (threads.status === 'loading') return <Skeleton rows={5} label={t('listLoading')} />;
  if (threads.status === 'error') return <StateMessage tone="error" title={t('cacheError')} help={t('cacheErrorHelp', threads.error)} />;
  if (!threads.value.length) return syncing ? <StateMessage title={t('threadsSyncing')} /> : <StateMessage title={t('threadsEmpty')} help={t('threadsEmptyHelp')} />;
  return (
    <>
    <VirtualList
      id="threads"
      items={threads.value}
      keyOf={(thread) => String(thread.id)}
      rowHeight={THREAD_ROW_HEIGHT}
      label={t('threadsLabel')}
      memory={memory}
      focusOnMount={focusOnMount}
      onOpen={onOpen}
      rowShortcuts="E"
      describedBy="threads-keys"
      onRowKey={(thread, event) => event.key === 'e' && (void source.act({ action: 'mark-thread-read', id: thread.id }), true)}
      renderRow={(thread) => <ThreadRow thread={thread} room={roomOf(thread.roomUuid)} unread={unreadOf(thread)} memberId={memberId} now={now} locale={locale} />}
    />
    <p id="threads-keys" class="visually-hidden">{t('threadsKeyHint')}</p>
    </>
  );
}

interface RowProps {
  thread: Thread;
  room: Room | undefined;
  unread: boolean;
  memberId?: number;
  now: number;
  locale: string;
}

function ThreadRow({ thread, room, unread, memberId, now, locale }: RowProps) {
  const at = thread.lastReply?.sentAt ?? thread.lastActivityAt ?? 0;
  return (
    <div class={`room thread${unread ? ' unread' : ''}`}>
      <div class="room-text">
        <div class="room-line">
          <Icon name="group" size={14} />
          <span class="room-name">{room ? roomName(room) : thread.roomName || t('roomUnnamed')}</span>
          {unread && (
            <span class="dot" title={t('threadUnread')}>
              <span class="visually-hidden">, {t('threadUnread')}</span>
            </span>
          )}
          <RowTime at={at} now={now} locale={locale} />
        </div>
        <Line preview={thread.parent} label={t('threadParent')} memberId={memberId} />
        <Line preview={thread.lastReply} label={t('threadLastReply')} memberId={memberId} reply />
      </div>
    </div>
  );
}

function Line({ preview, label, memberId, reply }: { preview: MessagePreview | undefined; label: string; memberId?: number; reply?: boolean }) {
  if (!preview) return null;
  const own = memberId !== undefined && preview.sender?.memberId === memberId;
  const sender = own ? t('roomYou') : preview.sender?.name.split(' ')[0];
  return (
    <div class={`room-line${reply ? ' thread-reply' : ''}`}>
      <span class="room-last">
        <span class="visually-hidden">, {label}: </span>
        {sender && <span class="room-sender">{sender}: </span>}
        {oneLine(preview.body) || t('roomAttachment')}
      </span>
    </div>
  );
}
