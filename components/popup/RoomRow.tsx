import type { Room } from '../../lib/circle/model';
import { t } from '../../lib/platform/i18n';
import { oneLine } from '../../lib/ui/one-line';
import { fullTime, isoTime, timeAgo } from '../../lib/ui/time';
import { RoomAvatar } from './Avatar';
import { Icon, type IconName } from './icons';
import { badgeNumber, counted } from './words';

export const ROOM_ROW_HEIGHT = 64;

export function isDirect(room: Room): boolean {
  return room.kind === 'direct';
}

/** A room's name as the list shows it; Circle leaves DMs unnamed, so the other person's name stands in. */
export function roomName(room: Room): string {
  return room.name || room.participants.map((p) => p.name).filter(Boolean).join(', ') || t('roomUnnamed');
}

interface Props {
  room: Room;
  /** Shown count: 0 while a mark-as-read is on its way. */
  unread: number;
  /** Muted in the extension (preferences.mutedRooms), besides Circle's own flag. */
  muted?: boolean;
  memberId?: number;
  now: number;
  locale: string;
}

/** One room in the list: face, name, pin and mute marks, the last message with its sender and age, the unread count. */
export function RoomRow({ room, unread, muted: mutedHere, memberId, now, locale }: Props) {
  const muted = room.muted || mutedHere;
  const direct = isDirect(room);
  const name = roomName(room);
  const last = room.lastMessage;
  const own = last?.sender?.memberId !== undefined && last.sender.memberId === memberId;
  const sender = own ? t('roomYou') : !direct ? last?.sender?.name.split(' ')[0] : undefined;
  const at = last?.sentAt ?? room.lastActivityAt;
  return (
    <div class={`room${unread ? ' unread' : ''}${muted ? ' muted' : ''}`}>
      <RoomAvatar people={room.participants} name={name} direct={direct} />
      <div class="room-text">
        <div class="room-line">
          {!direct && <Icon name="group" size={14} />}
          <span class="room-name">{name}</span>
          <span class="visually-hidden">, {t(direct ? 'roomDirect' : 'roomGroup')}</span>
          {room.pinnedAt ? <Mark icon="pin" label={t('roomPinned')} /> : null}
          {muted ? <Mark icon="muted" label={t('roomMuted')} /> : null}
          <RowTime at={at} now={now} locale={locale} />
        </div>
        <div class="room-line">
          <span class="room-last">
            {last ? (
              <>
                <span class="visually-hidden">, </span>
                {sender && <span class="room-sender">{sender}: </span>}
                {oneLine(last.body) || t('roomAttachment')}
              </>
            ) : (
              <span class="muted">{t('roomNoMessages')}</span>
            )}
          </span>
          {unread > 0 && (
            <span class="badge">
              <span aria-hidden="true">{badgeNumber(unread, locale)}</span>
              <span class="visually-hidden">, {counted(locale, unread, 'roomUnreadOne', 'roomUnreadOther')}</span>
            </span>
          )}
        </div>
      </div>
    </div>
  );
}

/** A state of the room shown as an icon, said in words to screen readers. */
function Mark({ icon, label }: { icon: IconName; label: string }) {
  return (
    <span class="mark" title={label}>
      <Icon name={icon} size={13} />
      <span class="visually-hidden">, {label}</span>
    </span>
  );
}

/** A row's last activity, relative, with the exact time on hover; nothing before any activity. */
export function RowTime({ at, now, locale }: { at: number; now: number; locale: string }) {
  if (at <= 0) return null;
  return (
    <time class="room-time" dateTime={isoTime(at)} title={fullTime(at, locale)}>
      <span class="visually-hidden">, </span>
      {timeAgo(at, now, locale)}
    </time>
  );
}
