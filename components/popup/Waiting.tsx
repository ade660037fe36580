import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Room, Thread } from '../../lib/circle/model';
import { t } from '../../lib/platform/i18n';
import { oneLine } from '../../lib/ui/one-line';
import { waitingOn, type WaitingItem } from '../../lib/store/waiting';
import { usePortal } from './portal';
import { useSource, type PopupSource } from './popup-source';
import { roomName, RowTime } from './RoomRow';
import { StateMessage } from './StateMessage';
import type { ThreadPlace } from './ThreadView';
import { Icon } from './view-icons';

interface Props {
  /** What the popup already read: the waiting list is computed from it, no read of its own. */
  rooms: readonly Room[];
  threads: readonly Thread[];
  onOpenRoom: (uuid: string) => void;
  onOpenThread: (place: ThreadPlace) => void;
}

/** The default of `preferences.waitingAfterHours` (lib/settings/preferences.ts), for a value missing or out of range. */
const DEFAULT_HOURS = 4;

export function hoursOf(value: unknown): number {
  return typeof value === 'number' && value >= 0.5 && value <= 168 ? value : DEFAULT_HOURS;
}

/**
 * "Waiting on you": the header's way in and the view it opens. Everything of it lives here,
 * loaded after the first paint, so the popup's first chunk holds only the line that renders
 * this. The button goes into the header, before the settings; the view takes the tabs' place
 * at the end of the popup's main (the CSS hides the tabs while it is there).
 */
export function Waiting({ rooms, threads, onOpenRoom, onOpenThread }: Props) {
  const source = useSource();
  const { muted, hours } = usePreferences(source);
  const [shown, show] = useState(false);
  // The popup redraws every 30 s (its clock): each redraw looks again at who waits.
  const now = Date.now();
  const items = useMemo(
    () => (source.memberId === undefined ? [] : waitingOn(rooms, threads, { memberId: source.memberId, now, afterHours: hours, muted }).items),
    [rooms, threads, muted, hours, source.memberId, Math.floor(now / 30_000)],
  );
  const label = items.length ? `${t('waitingOpen')}: ${items.length}` : t('waitingOpen');
  usePortal(
    () => document.querySelector('.popup-header .identity > .icon-button:last-child'),
    <button type="button" class="icon-button waiting-button" onClick={() => show(true)} title={label} aria-label={label} aria-pressed={shown}>
      <Icon name="clock" size={18} />
      {items.length > 0 && <span class="tab-count" aria-hidden="true">{items.length}</span>}
    </button>,
  );
  usePortal(
    // A room or thread opened from the list stands where the tabs stood: the view steps aside until it closes.
    () => (shown && !document.querySelector('main.popup > .room-view') ? document.querySelector('main.popup') : null),
    <WaitingView items={items} hours={hours} rooms={rooms} threads={threads} now={now} locale={source.locale} onBack={() => show(false)} onOpenRoom={onOpenRoom} onOpenThread={onOpenThread} />,
    'append',
  );
  return null;
}

/** `mutedRooms` and `waitingAfterHours` as the member (and a policy) set them, followed. */
function usePreferences(source: PopupSource): { muted: string[]; hours: number } {
  const [state, set] = useState({ muted: [] as string[], hours: DEFAULT_HOURS });
  useEffect(() => {
    let alive = true;
    const read = () =>
      void Promise.all([source.mutedRooms(), source.waitingAfterHours?.() ?? DEFAULT_HOURS]).then(([muted, hours]) => alive && set({ muted, hours: hoursOf(hours) }));
    read();
    // Any change of the preferences notifies: the waiting time is read again with the muted rooms.
    const unbind = source.onMutedChange(read);
    return () => {
      alive = false;
      unbind();
    };
  }, [source]);
  return state;
}

interface ViewProps {
  items: WaitingItem[];
  hours: number;
  rooms: readonly Room[];
  threads: readonly Thread[];
  now: number;
  locale: string;
  onBack: () => void;
  onOpenRoom: (uuid: string) => void;
  onOpenThread: (place: ThreadPlace) => void;
}

/** DMs and threads where someone else spoke last and the member has not answered: newest first. */
function WaitingView({ items, hours, rooms, threads, now, locale, onBack, onOpenRoom, onOpenThread }: ViewProps) {
  const back = useRef(onBack);
  back.current = onBack;
  // Not ./view-focus's useEscapeBack: importing it here would split the chunk the room and thread views share.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      event.preventDefault();
      back.current();
    };
    document.addEventListener('keydown', onKey);
    // Once, as it opens: a redraw (the clock, a change) must not take the focus back.
    document.querySelector<HTMLElement>('.waiting-view .waiting-row, .waiting-view .icon-button')?.focus();
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  const byUuid = useMemo(() => new Map(rooms.map((room) => [room.uuid, room])), [rooms]);
  const byId = useMemo(() => new Map(threads.map((thread) => [thread.id, thread])), [threads]);
  return (
    <section class="room-view waiting-view" aria-labelledby="waiting-title">
      <header class="room-header">
        <button type="button" class="icon-button" onClick={onBack} title={t('roomBack')} aria-label={t('roomBack')}>
          <Icon name="back" size={20} />
        </button>
        <div class="room-title">
          <h2 id="waiting-title">{t('waitingTitle')}</h2>
        </div>
      </header>
      {!items.length ? (
        <StateMessage title={t('waitingEmpty')} help={t('waitingEmptyHelp', String(hours))} />
      ) : (
        <ul class="waiting-list" aria-label={t('waitingLabel')}>
          {items.map((item) => {
            const room = byUuid.get(item.roomUuid);
            const thread = item.kind === 'thread' ? byId.get(item.threadId) : undefined;
            const last = item.kind === 'direct' ? room?.lastMessage : (thread?.lastReply ?? thread?.parent);
            const name = room ? roomName(room) : (thread?.roomName || t('roomUnnamed'));
            const open = () => (item.kind === 'direct' ? onOpenRoom(item.roomUuid) : onOpenThread({ id: item.threadId, roomUuid: item.roomUuid, parentId: item.parentId }));
            return (
              <li key={item.kind === 'direct' ? item.roomUuid : `t${item.threadId}`}>
                <button type="button" class="room waiting-row" onClick={open}>
                  <span class="room-text">
                    <span class="room-line">
                      <span class="room-name">{name}</span>
                      <span class="visually-hidden">, {t(item.kind === 'direct' ? 'waitingDirect' : 'waitingThread')}</span>
                      <RowTime at={item.since} now={now} locale={locale} />
                    </span>
                    <span class="room-line">
                      <span class="room-last">
                        {item.from?.name && <span class="room-sender">{item.from.name.split(' ')[0]}: </span>}
                        {oneLine(last?.body ?? '') || t('roomAttachment')}
                      </span>
                    </span>
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
