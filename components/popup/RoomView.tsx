import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Message, Room } from '../../lib/circle/model';
import { t } from '../../lib/platform/i18n';
import { RoomAvatar } from './Avatar';
import { Composer } from './Composer';
import { useHistory } from './history';
import { useOutbox } from './sending';
import { Icon } from './view-icons';
import { AlertButton } from './AlertButton';
import { useMessages } from './live-updates';
import { MessageLog } from './MessageLog';
import { isDirect, roomName } from './RoomRow';
import { useSource, type PopupSource } from './popup-source';
import { useEscapeBack, useFocusLogOnce } from './view-focus';
import { Skeleton, StateMessage } from './StateMessage';
import { counted } from './words';

/**
 * The message a search result opens, handed from the search view to the room view it opens:
 * both are loaded after the first paint, and passing it through the popup's own state would
 * cost the first chunk bytes it has not got (so would a module of its own: its chunk's address).
 * Taken once, by the room view of that room.
 */
export interface SearchTarget {
  roomUuid: string;
  id: number;
  /** How many of the room's stored timeline messages are newer: the room view reads that far back. */
  newer: number;
}

let target: SearchTarget | undefined;

export function aimAt(next: SearchTarget): void {
  target = next;
}

function takeTarget(roomUuid: string): SearchTarget | undefined {
  const taken = target?.roomUuid === roomUuid ? target : undefined;
  target = undefined;
  return taken;
}

interface Props {
  uuid: string;
  room: Room | undefined;
  unread: number;
  now: number;
  onBack: () => void;
  /** Resolves with Circle's refusal in words, or undefined when it worked. */
  onMarkRead: () => Promise<string | undefined>;
  /** The member silenced this room's alerts (preferences.mutedRooms). */
  muted: boolean;
  onOpenThread: (message: Message) => void;
}

/**
 * One room: its cached messages, Circle's newest page when the cache has too few and older
 * pages on scrolling up, mute, a way to Circle, mark as read, and back (button or Escape).
 */
export function RoomView({ uuid, room, unread, now, onBack, onMarkRead, muted, onOpenThread }: Props) {
  const source = useSource();
  // Opened from a search result: the room's reads go back far enough to hold it, however old it
  // is in the cache (a source of its own here, not a parameter the first screen's code carries).
  const [found] = useState(() => takeTarget(uuid));
  const reads = useMemo<PopupSource>(() => (found ? { ...source, messages: (room, limit) => source.messages(room, Math.max(limit ?? 100, found.newer + 1)) } : source), [source, found]);
  const messages = useMessages(reads, uuid);
  const history = useHistory(source, room, messages.status === 'ready' ? messages.value : undefined);
  const outbox = useOutbox(source, uuid, history.messages);
  const [url, setUrl] = useState<string>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void source.roomUrl(uuid).then(setUrl);
  }, [source, uuid]);

  useEscapeBack(onBack);

  useFocusLogOnce('.room-view .log', messages.status === 'ready');

  const name = room ? roomName(room) : '';
  const markRead = async () => {
    if (busy || unread === 0) return;
    setError(undefined);
    setBusy(true);
    const refused = await onMarkRead();
    setBusy(false);
    if (refused) setError(t('roomMarkReadFailed', refused));
  };

  return (
    <section class="room-view" aria-labelledby="room-title">
      <header class="room-header">
        <button type="button" class="icon-button" onClick={onBack} title={t('roomBack')} aria-label={t('roomBack')}>
          <Icon name="back" size={20} />
        </button>
        {room && <RoomAvatar people={room.participants} name={name} direct={isDirect(room)} />}
        <div class="room-title">
          <h2 id="room-title">{name || t('roomGoneTitle')}</h2>
          {room && <p class="muted">{isDirect(room) ? t('roomDirect') : room.participantsCount ? t('roomGroupMembers', String(room.participantsCount)) : t('roomGroup')}</p>}
        </div>
        {room && <AlertButton room={room} name={name} muted={muted} />}
        {url && (
          <a class="button secondary small" href={url} target="_blank" rel="noopener noreferrer">
            {t('roomOpenInCircle')}
            <Icon name="external" size={14} />
          </a>
        )}
      </header>
      {!room ? (
        <StateMessage title={t('roomGoneTitle')} help={t('roomGoneHelp')} />
      ) : messages.status === 'loading' || history.fetching ? (
        <Skeleton rows={5} label={t('listLoading')} />
      ) : messages.status === 'error' ? (
        <StateMessage tone="error" title={t('cacheError')} help={t('cacheErrorHelp', messages.error)} />
      ) : history.messages.length === 0 && outbox.pending.length === 0 ? (
        history.failed ? <StateMessage tone="error" title={failedText(history.failed)} /> : <StateMessage title={t('roomEmpty')} help={t('roomEmptyHelp')} />
      ) : (
        <MessageLog
          messages={history.messages}
          found={found?.id}
          roomName={name}
          memberId={source.memberId}
          now={now}
          locale={source.locale}
          onNearTop={history.loadOlder}
          top={history.loadingOlder ? t('roomLoadingOlder') : history.complete ? t('roomBeginning') : undefined}
          pending={outbox.pending}
          onOpenThread={onOpenThread}
          onRetry={(key) => {
            outbox.retry(key);
            document.querySelector<HTMLElement>('.composer textarea')?.focus();
          }}
        />
      )}
      {room && history.failed && history.messages.length > 0 && <p class="room-note" role="status">{failedText(history.failed)}</p>}
      {room && <Composer draftKey={`circle-live:draft:${source.community}:${uuid}`} label={t('composerLabel', name)} onSend={outbox.send} />}
      {room && muted && <p class="visually-hidden" role="status">{t('roomMutedNow')}</p>}
      {room && error && (
        <p class="inline-error" role="alert">
          {error}
        </p>
      )}
      {room && (
        <footer class="room-footer">
          <p class={`unread-state${unread ? ' has-unread' : ''}`} role="status">
            {unread ? counted(source.locale, unread, 'roomUnreadOne', 'roomUnreadOther') : t('roomNoUnread')}
          </p>
          {/* aria-disabled, not disabled: a disabled button would drop the keyboard focus. */}
          <button type="button" class="button small" onClick={markRead} aria-disabled={busy || unread === 0}>
            <Icon name="check" size={14} />
            {t('roomMarkRead')}
          </button>
        </footer>
      )}
    </section>
  );
}

function failedText(failed: NonNullable<ReturnType<typeof useHistory>['failed']>): string {
  return failed.offline ? t('roomOffline') : t('roomHistoryFailed', failed.error);
}
