import { useLayoutEffect, useRef } from 'preact/hooks';
import type { RoomAlertLevel } from '../../lib/platform/room-alert-choices';
import { t } from '../../lib/platform/i18n';
import { Icon } from './view-icons';

export const ALERT_LEVELS: readonly RoomAlertLevel[] = ['every', 'mentions', 'never'];

const WORDS = { every: 'alertsRoomEvery', mentions: 'alertsRoomMentions', never: 'alertsRoomNever' } as const;

export const levelWords = (level: RoomAlertLevel) => t(WORDS[level]);

interface Props {
  /** The menu's name: the room's. */
  name: string;
  /** What the room does now; undefined while it is read. */
  level: RoomAlertLevel | undefined;
  /** The community's policy fixes the choice: shown, not changed. */
  locked?: boolean;
  class: string;
  style?: Record<string, string>;
  onChoose: (level: RoomAlertLevel) => void;
  /** Closed without choosing: by Escape or Tab (`refocus`: the opener gets the focus back), or by focus moving elsewhere. */
  onClose: (refocus: boolean) => void;
}

/**
 * A room's alert choice, as a menu of three radio items (the room view's bell, the list's
 * room menu): every message, only mentions, never. Arrows move, Home and End jump, Enter or
 * Space chooses, Escape and Tab close; the focus starts on the choice in force.
 */
export function AlertChoiceMenu({ name, level, locked, class: className, style, onChoose, onClose }: Props) {
  const menu = useRef<HTMLDivElement>(null);
  const items = () => [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitemradio"]') ?? [])];
  useLayoutEffect(() => {
    (items().find((item) => item.getAttribute('aria-checked') === 'true') ?? items()[0])?.focus();
  }, [level === undefined]);
  return (
    <div
      ref={menu}
      class={className}
      style={style}
      role="menu"
      aria-label={t('alertsRoomMenu', name)}
      aria-describedby={locked ? 'alert-choice-locked' : undefined}
      onKeyDown={(event) => {
        if (event.key === 'Escape' || event.key === 'Tab') {
          event.preventDefault();
          event.stopPropagation();
          onClose(true);
          return;
        }
        const all = items();
        const at = all.indexOf(document.activeElement as HTMLElement);
        const next = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: all.length - 1 }[event.key];
        if (next === undefined) return;
        event.preventDefault();
        all[(next + all.length) % all.length]?.focus();
      }}
      onFocusOut={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) onClose(false);
      }}
    >
      {ALERT_LEVELS.map((choice) => (
        <button key={choice} type="button" role="menuitemradio" aria-checked={level === choice} aria-disabled={locked || undefined} tabIndex={-1} onClick={() => !locked && onChoose(choice)}>
          <span class="mark" aria-hidden="true">{level === choice && <Icon name="check" size={14} />}</span>
          {levelWords(choice)}
        </button>
      ))}
      {locked && (
        <p id="alert-choice-locked" class="menu-note">
          <span aria-hidden="true">🔒 </span>
          {t('optionsLocked')}
        </p>
      )}
    </div>
  );
}
