import { useState } from 'preact/hooks';
import { t } from '../../lib/platform/i18n';
import { playChime } from '../../lib/platform/sound';
import type { PreferencesProps } from './PreferencesSection';
import { LockMark, LockNote, lockProps } from './preference-lock';

/** The alert sound, off by default, and a way to hear it before turning it on. */
export function AlertSound({ preferences, locked, update }: PreferencesProps) {
  const [playing, setPlaying] = useState(false);
  return (
    <div class="toggle">
      <input id="pref-sound" type="checkbox" checked={preferences.sound} {...lockProps(locked, 'sound', 'pref-sound-help')}
        onChange={(event) => {
          const checked = event.currentTarget.checked;
          update(() => ({ sound: checked }));
        }} />
      <div>
        <label for="pref-sound">{t('alertsSound')}<LockMark locked={locked} name="sound" /></label>
        <p id="pref-sound-help" class="help muted">{t('alertsSoundHelp')}</p>
        <LockNote locked={locked} name="sound" />
        <button type="button" class="button secondary small" aria-disabled={playing}
          onClick={() => {
            if (playing) return;
            setPlaying(true);
            void playChime().finally(() => setPlaying(false));
          }}>
          {t('alertsSoundPlay')}
        </button>
      </div>
    </div>
  );
}

const CHOICE_WORDS = { every: 'alertsRoomEvery', mentions: 'alertsRoomMentions' } as const;

/** Rooms whose alert choice is their own (set from the popup's bell): seen here, and taken back to the general one. */
export function RoomAlertChoices({ preferences, roomNames, update }: PreferencesProps) {
  const rooms = Object.entries(preferences.roomAlerts).filter(([uuid]) => !preferences.mutedRooms.includes(uuid));
  return (
    <fieldset class="muted-rooms">
      <legend>{t('alertsRoomChoices')}</legend>
      <p class="help muted">{t('alertsRoomChoicesHelp')}</p>
      {rooms.length === 0 ? (
        <p class="muted">{t('alertsRoomChoicesNone')}</p>
      ) : (
        <ul class="rooms">
          {rooms.map(([uuid, choice]) => {
            const name = roomNames.get(uuid) ?? t('optionsUnknownRoom');
            return (
              <li key={uuid}>
                <span class="name">{name}</span>
                <span class="muted">{t(CHOICE_WORDS[choice])}</span>
                <button type="button" class="button secondary small" aria-label={t('alertsRoomChoiceResetRoom', name)}
                  onClick={() => update((current) => {
                    const { [uuid]: _, ...rest } = current.roomAlerts;
                    return { roomAlerts: rest };
                  })}>
                  {t('alertsRoomChoiceReset')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </fieldset>
  );
}
