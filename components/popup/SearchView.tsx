import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Room } from '../../lib/circle/model';
import { t } from '../../lib/platform/i18n';
import { parts, type Range } from '../../lib/search/highlight';
import type { MessageHit, Results, RoomHit } from '../../lib/search/search-index';
import type { PopupSource } from './popup-source';
import { roomName, RowTime } from './RoomRow';
import { feedFor } from './search-feed';
import { aimAt } from './RoomView';
import { StateMessage } from './StateMessage';
import type { ThreadPlace } from './ThreadView';
import { Icon } from './view-icons';
import { counted } from './words';

interface Props {
  /** Rendered through a portal, without the popup's context: the source comes as a prop. */
  source: PopupSource;
  rooms: readonly Room[];
  query: string;
  onQuery: (query: string) => void;
  onClose: () => void;
  onOpenRoom: (uuid: string) => void;
  onOpenThread: (place: ThreadPlace) => void;
}

type Hit = { kind: 'room'; room: RoomHit } | { kind: 'message'; message: MessageHit };

/** Rows rendered at first, about two screens: each keystroke redraws what is rendered, the rest comes on scrolling or moving. */
const FIRST_ROWS = 20;

const keyOf = (hit: Hit) => (hit.kind === 'room' ? `r-${hit.room.uuid}` : `m-${hit.message.id}`);

/** Marked parts as text nodes and <mark>s: nothing from a message is ever read as markup. */
function Marked({ text, ranges }: { text: string; ranges: readonly Range[] }) {
  return <>{parts(text, ranges).map((part, i) => (part.match ? <mark key={i}>{part.text}</mark> : part.text))}</>;
}

/**
 * The search field and its results as the member types: matching rooms first, then messages,
 * newest first, each with its match marked. The focus stays in the field, where the arrows move
 * through the results and Enter opens one; Tab goes into the list, where j and k move too.
 */
export function SearchView({ source, rooms, query, onQuery, onClose, onOpenRoom, onOpenThread }: Props) {
  const feed = feedFor(source);
  const [version, setVersion] = useState(0);
  const [active, setActive] = useState(0);
  const [scrolled, setScrolled] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const byUuid = useMemo(() => new Map(rooms.map((room) => [room.uuid, room])), [rooms]);

  useEffect(() => feed.subscribe(() => setVersion((n) => n + 1)), [feed]);
  useMemo(() => feed.index.setRooms(rooms.map((room) => ({ uuid: room.uuid, name: roomName(room), lastActivityAt: room.lastActivityAt }))), [feed, rooms]);
  const results: Results = useMemo(() => feed.index.search(query), [feed, query, rooms, version]);
  const hits: Hit[] = useMemo(() => [...results.rooms.map((room) => ({ kind: 'room' as const, room })), ...results.messages.map((message) => ({ kind: 'message' as const, message }))], [results]);
  const at = Math.min(active, hits.length - 1);
  const rendered = scrolled ? hits : hits.slice(0, Math.max(FIRST_ROWS, at + FIRST_ROWS / 2));

  // As it opens, and as it comes back from a room opened from it: after the layout effects,
  // among them the hidden list's, which puts the focus back on its row when a room closes.
  useEffect(() => field.current?.focus(), []);
  useEffect(() => {
    setActive(0);
    setScrolled(false);
  }, [query]);

  const open = (hit: Hit | undefined) => {
    if (!hit) return;
    if (hit.kind === 'room') return onOpenRoom(hit.room.uuid);
    const { message } = hit;
    if (message.parentId !== undefined && message.threadId !== undefined) return onOpenThread({ id: message.threadId, roomUuid: message.roomUuid, parentId: message.parentId });
    aimAt({ roomUuid: message.roomUuid, id: message.id, newer: feed.index.newerInRoom(message.id) });
    onOpenRoom(message.roomUuid);
  };

  // Moved to: shown and, from the list, focused once rendered (End may reach past the rows rendered so far).
  const moved = useRef<{ focus: boolean } | undefined>(undefined);
  const move = (to: number, focus: boolean) => {
    moved.current = { focus };
    setActive(Math.max(0, Math.min(hits.length - 1, to)));
  };
  useLayoutEffect(() => {
    const wanted = moved.current;
    moved.current = undefined;
    const row = wanted && (list.current?.children[at] as HTMLElement | undefined);
    row?.scrollIntoView?.({ block: 'nearest' });
    if (wanted?.focus) row?.focus();
  });

  const onFieldKey = (event: KeyboardEvent) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const action = { ArrowDown: () => move(at + 1, false), ArrowUp: () => move(at - 1, false), Enter: () => open(hits[at]), Escape: () => (query ? onQuery('') : onClose()) }[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  };

  const onListKey = (event: KeyboardEvent) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const down = () => move(at + 1, true);
    const up = () => move(at - 1, true);
    const action = { ArrowDown: down, j: down, ArrowUp: up, k: up, Home: () => move(0, true), End: () => move(hits.length - 1, true), Enter: () => open(hits[at]), ' ': () => open(hits[at]), Escape: () => field.current?.focus() }[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  };

  const now = Date.now();
  const typed = results.words.length > 0;
  const count = !typed ? '' : results.total + results.rooms.length === 0 ? t('searchNone') : counted(source.locale, results.total + results.rooms.length, 'searchCountOne', 'searchCountOther') + (results.messages.length < results.total ? `, ${t('searchShownNewest', String(results.messages.length))}` : '');

  return (
    <section class="room-view search-view" aria-label={t('searchOpen')}>
      <header class="room-header">
        <button type="button" class="icon-button" onClick={onClose} title={t('searchBack')} aria-label={t('searchBack')}>
          <Icon name="back" size={20} />
        </button>
        <input
          ref={field}
          type="search"
          class="search-field"
          aria-label={t('searchLabel')}
          aria-controls={hits.length ? "search-results" : undefined}
          aria-activedescendant={hits[at] ? `search-${keyOf(hits[at]!)}` : undefined}
          placeholder={t('searchPlaceholder')}
          value={query}
          autocomplete="off"
          spellcheck={false}
          onInput={(event) => onQuery(event.currentTarget.value)}
          onKeyDown={onFieldKey}
        />
      </header>
      <p class="visually-hidden" role="status">
        {count}
      </p>
      {feed.failed ? (
        <StateMessage tone="error" title={t('searchFailed')} />
      ) : (
        !feed.done && <p class="search-note muted">{t('searchReading', String(feed.read))}</p>
      )}
      {!typed ? (
        <StateMessage quiet title={t('searchHint')} />
      ) : !hits.length ? (
        feed.done && <StateMessage quiet title={t('searchNone')} help={t('searchNoneHelp')} />
      ) : (
        <ul ref={list} id="search-results" class="search-results" role="listbox" aria-label={t('searchResults')} onKeyDown={onListKey} onScroll={() => setScrolled(true)}>
          {rendered.map((hit, i) => {
            const key = keyOf(hit);
            const props = { key, id: `search-${key}`, role: 'option' as const, 'aria-selected': i === at, tabIndex: i === at ? 0 : -1, 'aria-setsize': hits.length, 'aria-posinset': i + 1, class: `search-row${i === at ? ' active' : ''}`, onClick: () => open(hit), onFocus: () => setActive(i) };
            if (hit.kind === 'room') {
              const room = byUuid.get(hit.room.uuid);
              return (
                <li {...props}>
                  <span class="room-line">
                    <span class="room-name">
                      <Marked text={hit.room.name} ranges={hit.room.ranges} />
                    </span>
                    <span class="search-kind">{t('searchChat')}</span>
                    {room && <RowTime at={room.lastActivityAt} now={now} locale={source.locale} />}
                  </span>
                </li>
              );
            }
            const { message } = hit;
            const room = byUuid.get(message.roomUuid);
            return (
              <li {...props}>
                <span class="room-line">
                  <span class="room-name">{room ? roomName(room) : t('roomUnnamed')}</span>
                  {message.parentId !== undefined && <span class="search-kind">{t('searchInThread')}</span>}
                  <RowTime at={message.sentAt} now={now} locale={source.locale} />
                </span>
                <span class="room-line">
                  <span class="room-last">
                    {message.senderName && (
                      <span class="room-sender">
                        <Marked text={message.senderName} ranges={message.senderRanges} />:{' '}
                      </span>
                    )}
                    <Marked text={message.snippet.text} ranges={message.snippet.ranges} />
                  </span>
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
