import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Message, Room, Thread } from '../../lib/circle/model';
import { t } from '../../lib/platform/i18n';
import { failureText } from '../shared/reason-text';
import { Composer } from './Composer';
import { Icon } from './view-icons';
import { useThreadMessages } from './live-updates';
import { MessageLog } from './MessageLog';
import { useOutbox } from './sending';
import { roomName } from './RoomRow';
import { useSource } from './popup-source';
import { useEscapeBack, useFocusLogOnce } from './view-focus';
import { Skeleton, StateMessage } from './StateMessage';

export interface ThreadPlace {
  id: number;
  roomUuid: string;
  parentId: number;
}

interface Props {
  place: ThreadPlace;
  thread: Thread | undefined;
  room: Room | undefined;
  now: number;
  onBack: () => void;
}

/**
 * One thread: its parent, then its replies (stored, and Circle's whole thread once asked), a
 * composer that replies in it, and back (button or Escape). Opening it reads it.
 */
export function ThreadView({ place, thread, room, now, onBack }: Props) {
  const source = useSource();
  const stored = useThreadMessages(source, place.roomUuid, place.parentId);
  const [fetched, setFetched] = useState<Message[]>([]);
  const [failed, setFailed] = useState<string>();
  const [fetching, setFetching] = useState(true);

  useEffect(() => {
    let alive = true;
    void source.act({ action: 'load-thread', id: place.id }).then((result) => {
      if (!alive) return;
      setFetching(false);
      if (result.ok) setFetched(result.messages ?? []);
      else setFailed(failureText(result.error));
    });
    return () => {
      alive = false;
    };
  }, [source, place.id]);

  useEscapeBack(onBack);

  const messages = useMemo(() => merged(fetched, stored.status === 'ready' ? stored.value : [], place, thread), [fetched, stored, place, thread]);
  const replies = useMemo(() => messages.filter((m) => m.id !== place.parentId), [messages, place.parentId]);
  const outbox = useOutbox(source, place.roomUuid, replies, { parentId: place.parentId, threadId: place.id });
  const ready = stored.status === 'ready' && (messages.length > 0 || !fetching);

  useFocusLogOnce('.thread-view .log', ready && messages.length > 0);

  const name = room ? roomName(room) : (thread?.roomName ?? '');
  return (
    <section class="room-view thread-view" aria-labelledby="thread-title">
      <header class="room-header">
        <button type="button" class="icon-button" onClick={onBack} title={t('roomBack')} aria-label={t('roomBack')}>
          <Icon name="back" size={20} />
        </button>
        <div class="room-title">
          <h2 id="thread-title">{t('threadTitle')}</h2>
          {name && <p class="muted">{name}</p>}
        </div>
      </header>
      {!ready ? (
        <Skeleton rows={4} label={t('listLoading')} />
      ) : !messages.length ? (
        <StateMessage tone="error" title={t('threadFailed', failed ?? '')} />
      ) : (
        <MessageLog messages={messages} roomName={t('threadTitle')} memberId={source.memberId} now={now} locale={source.locale} pending={outbox.pending} onRetry={(key) => {
          outbox.retry(key);
          document.querySelector<HTMLElement>('.composer textarea')?.focus();
        }} />
      )}
      {failed && messages.length > 0 && <p class="room-note" role="status">{t('threadFailed', failed)}</p>}
      <Composer draftKey={`circle-live:draft:${source.community}:${place.roomUuid}:${place.parentId}`} label={t('threadComposerLabel', name || t('threadTitle'))} onSend={outbox.send} />
    </section>
  );
}

/** The parent, then the replies by id, each once: a stored copy wins (it carries later edits). */
function merged(fetched: readonly Message[], stored: readonly Message[], place: ThreadPlace, thread: Thread | undefined): Message[] {
  const byId = new Map<number, Message>();
  for (const message of [...fetched, ...stored]) if (message.id === place.parentId || message.parentId === place.parentId) byId.set(message.id, message);
  if (!byId.has(place.parentId) && thread?.parent) {
    const { id, body, sender, sentAt } = thread.parent;
    byId.set(id, { community: thread.community, id, roomUuid: place.roomUuid, body, sender, sentAt, repliesCount: 0, threadId: place.id });
  }
  const parent = byId.get(place.parentId);
  byId.delete(place.parentId);
  // In a thread, its parent has no "replies" link: they are right below it.
  const head = parent ? [{ ...parent, repliesCount: 0 }] : [];
  return [...head, ...[...byId.values()].sort((a, b) => a.sentAt - b.sentAt || a.id - b.id)];
}
