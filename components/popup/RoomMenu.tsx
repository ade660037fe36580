import { useLayoutEffect, useRef } from 'preact/hooks';
import type { Room } from '../../lib/circle/model';
import { t } from '../../lib/platform/i18n';
import { roomName } from './RoomRow';
import { Icon } from './view-icons';

interface Props {
  name: string;
  muted: boolean;
  /** Where the row sits in the list, so the menu opens over it. */
  top: number;
  onToggleMute: () => void;
  /** Closed without acting: by Escape or Tab (`refocus`: the row gets the focus back), or by focus moving elsewhere. */
  onClose: (refocus: boolean) => void;
}

/** A room's context menu in the list: one item today, mute or unmute its alerts. */
export function RoomMenu({ name, muted, top, onToggleMute, onClose }: Props) {
  const item = useRef<HTMLButtonElement>(null);
  useLayoutEffect(() => item.current?.focus(), []);
  return (
    <div
      class="room-menu"
      role="menu"
      aria-label={t('roomMenuLabel', name)}
      style={{ top: `${top}px` }}
      onKeyDown={(event) => {
        if (event.key !== 'Escape' && event.key !== 'Tab') return;
        event.preventDefault();
        onClose(true);
      }}
      onFocusOut={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) onClose(false);
      }}
    >
      <button type="button" role="menuitem" ref={item} onClick={onToggleMute}>
        <Icon name={muted ? 'bell' : 'muted'} size={16} />
        {muted ? t('roomUnmute') : t('roomMute')}
      </button>
    </div>
  );
}

/** A room row's own keys, M (mute or unmute) and E (mark read, said when done): true when `key` was one. */
export function roomKey(key: string, room: Room, toggle: (room: Room) => void, markRead: (room: Room) => Promise<string | undefined>, say: (words: string) => void): boolean {
  if (key === 'm' || key === 'M') toggle(room);
  else if (key === 'e') void markRead(room).then((refused) => say(refused ? t('roomMarkReadFailed', refused) : t('roomReadNamed', roomName(room))));
  else return false;
  return true;
}
