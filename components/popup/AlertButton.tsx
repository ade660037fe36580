import { useRef, useState } from 'preact/hooks';
import type { Room } from '../../lib/circle/model';
import { t } from '../../lib/platform/i18n';
import { AlertChoiceMenu, levelWords } from './AlertChoiceMenu';
import { useSource } from './popup-source';
import { useAlertLevel } from './RoomMenu';
import { Icon } from './view-icons';

/** The room view's bell: a menu button for the room's alert choice, crossed out while the room is muted. */
export function AlertButton({ room, name, muted }: { room: Room; name: string; muted: boolean }) {
  const source = useSource();
  const [open, setOpen] = useState(false);
  const [said, setSaid] = useState('');
  const button = useRef<HTMLButtonElement>(null);
  const [level, setLevel, locked] = useAlertLevel(room, muted);
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };
  return (
    <div class="alert-choice">
      <button
        ref={button}
        type="button"
        class={`icon-button${muted ? ' pressed' : ''}`}
        aria-haspopup="menu"
        aria-expanded={open}
        title={level ? `${t('alertsRoomButton')}: ${levelWords(level)}` : t('alertsRoomButton')}
        aria-label={t('alertsRoomButton')}
        onClick={() => setOpen(!open)}
        onKeyDown={(event) => {
          if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
          event.preventDefault();
          setOpen(true);
        }}
      >
        <Icon name={muted ? 'muted' : 'bell'} size={18} />
      </button>
      {open && (
        <AlertChoiceMenu
          class="room-menu alert-menu"
          name={name}
          level={level}
          locked={locked}
          onClose={close}
          onChoose={(chosen) => {
            setLevel(chosen);
            void source.alertChoices().then((choices) => choices.setLevel(room.uuid, chosen));
            setSaid(t('alertsRoomChosen', [name, levelWords(chosen)]));
            close(true);
          }}
        />
      )}
      <p class="visually-hidden" role="status">{said}</p>
    </div>
  );
}
