import { useEffect, useState } from 'preact/hooks';
import type { Room } from '../../lib/circle/model';
import { t } from '../../lib/platform/i18n';
import type { RoomAlertLevel } from '../../lib/platform/room-alert-choices';
import { AlertChoiceMenu, levelWords } from './AlertChoiceMenu';
import { useSource } from './popup-source';
import { isDirect, roomName } from './RoomRow';

interface Props {
  room: Room;
  /** Where the row sits in the list, so the menu opens over it. */
  top: number;
  /** Says what was chosen (the list's status line); the menu then closes with the focus back on the row. */
  say: (words: string) => void;
  /** Closed without acting: by Escape or Tab (`refocus`: the row gets the focus back), or by focus moving elsewhere. */
  onClose: (refocus: boolean) => void;
}

/** A room's context menu in the list: its alert choice, every message, only mentions or never. */
export function RoomMenu({ room, top, say, onClose }: Props) {
  const source = useSource();
  // Read afresh at each opening: the menu mounts with it.
  const [level, , locked] = useAlertLevel(room, false);
  return (
    <AlertChoiceMenu
      class="room-menu"
      style={{ top: `${top}px` }}
      name={roomName(room)}
      level={level}
      locked={locked}
      onClose={onClose}
      onChoose={(chosen) => {
        void source.alertChoices().then((choices) => choices.setLevel(room.uuid, chosen));
        say(t('alertsRoomChosen', [roomName(room), levelWords(chosen)]));
        onClose(true);
      }}
    />
  );
}

/** What the room does today, read when its menu opens and again when it is muted or unmuted elsewhere. */
export function useAlertLevel(room: Room | undefined, muted: boolean): [RoomAlertLevel | undefined, (level: RoomAlertLevel) => void, boolean] {
  const source = useSource();
  const [level, setLevel] = useState<RoomAlertLevel>();
  const [locked, setLocked] = useState(false);
  useEffect(() => {
    if (!room) return;
    let alive = true;
    void source
      .alertChoices()
      .then((choices) => choices.levelOf(room.uuid, isDirect(room)))
      .then((found) => {
        if (!alive) return;
        setLevel(found.level);
        setLocked(found.locked);
      });
    return () => {
      alive = false;
    };
  }, [source, room?.uuid, muted]);
  return [level, setLevel, locked];
}

/** A room row's own keys, M (mute or unmute) and E (mark read, said when done): true when `key` was one. */
export function roomKey(key: string, room: Room, toggle: (room: Room) => void, markRead: (room: Room) => Promise<string | undefined>, say: (words: string) => void): boolean {
  if (key === 'm' || key === 'M') toggle(room);
  else if (key === 'e') void markRead(room).then((refused) => say(refused ? t('roomMarkReadFailed', refused) : t('roomReadNamed', roomName(room))));
  else return false;
  return true;
}
