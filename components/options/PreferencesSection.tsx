import { t, type MessageKey } from '../../lib/platform/i18n';
import type { Preferences } from '../../lib/settings/preferences';
import { MutedRooms } from './MutedRooms';
import { LockMark, LockNote, lockProps, type LockedPreferences } from './preference-lock';
import { AlertSound, RoomAlertChoices } from './RoomAlertChoices';

type Flag = 'alerts' | 'doNotDisturb' | 'onlyDmsAndMentions' | 'resetCountOnOpen';

export interface PreferencesProps {
  preferences: Preferences;
  /** Preferences the policy fixes: give each control `lockProps(locked, name)` and its preference a `<LockNote>`. */
  locked: LockedPreferences;
  /** Room uuid → name, from the cache; a muted room may be missing from it. */
  roomNames: Map<string, string>;
  /** Applied to the stored preferences as they are then: the popup may have muted a room meanwhile. */
  update: (change: (current: Preferences) => Partial<Preferences>) => void;
}

function Toggle({ flag, label, help, preferences, locked, update }: { flag: Flag; label: MessageKey; help: MessageKey } & Omit<PreferencesProps, 'roomNames'>) {
  const id = `pref-${flag}`;
  return (
    <div class="toggle">
      <input id={id} type="checkbox" checked={preferences[flag]} {...lockProps(locked, flag, `${id}-help`)}
        onChange={(event) => {
          const checked = event.currentTarget.checked;
          update(() => ({ [flag]: checked }));
        }} />
      <div>
        <label for={id}>{t(label)}<LockMark locked={locked} name={flag} /></label>
        <p id={`${id}-help`} class="help muted">{t(help)}</p>
        <LockNote locked={locked} name={flag} />
      </div>
    </div>
  );
}

const BADGE: { value: Preferences['badgeCounts']; label: MessageKey }[] = [
  { value: 'notifications', label: 'optionsBadgeNotifications' },
  { value: 'notifications-and-chats', label: 'optionsBadgeNotificationsAndChats' },
  { value: 'dms-and-mentions', label: 'badgeModeDmsAndMentions' },
  { value: 'chats', label: 'badgeModeChats' },
  { value: 'waiting', label: 'badgeModeWaiting' },
];

/** The waiting times a member picks from; a stored value outside them (a policy's) is shown too. */
const WAITING_HOURS = [1, 2, 4, 8, 24];

/** The member's own preferences: each change is written at once, there is no save button. */
export function PreferencesSection(props: PreferencesProps) {
  const { preferences, update, roomNames, locked } = props;
  return (
    <section class="card" aria-labelledby="preferences-title">
      <h2 id="preferences-title">{t('optionsAlertsTitle')}</h2>
      <p class="muted">{t('optionsAlertsIntro')}</p>
      <fieldset>
        <legend>{t('optionsAlertsLegend')}</legend>
        <Toggle flag="alerts" label="optionsAlerts" help="optionsAlertsHelp" {...props} />
        <Toggle flag="doNotDisturb" label="optionsDoNotDisturb" help="optionsDoNotDisturbHelp" {...props} />
        <Toggle flag="onlyDmsAndMentions" label="optionsOnlyDmsAndMentions" help="optionsOnlyDmsAndMentionsHelp" {...props} />
        <AlertSound {...props} />
      </fieldset>
      <fieldset>
        <legend>{t('optionsBadgeLegend')}<LockMark locked={locked} name="badgeCounts" /></legend>
        <LockNote locked={locked} name="badgeCounts" />
        <p id="badge-modes-help" class="help muted">{t('badgeModesHelp')}</p>
        {BADGE.map(({ value, label }) => (
          <div key={value} class="toggle">
            <input id={`badge-${value}`} type="radio" name="badgeCounts" value={value} checked={preferences.badgeCounts === value}
              {...lockProps(locked, 'badgeCounts', 'badge-modes-help')} onChange={() => update(() => ({ badgeCounts: value }))} />
            <label for={`badge-${value}`}>{t(label)}</label>
          </div>
        ))}
        <Toggle flag="resetCountOnOpen" label="optionsResetCountOnOpen" help="optionsResetCountOnOpenHelp" {...props} />
        <div class="field">
          <label for="pref-waitingAfterHours">{t('waitingAfterLabel')}<LockMark locked={locked} name="waitingAfterHours" /></label>
          <select id="pref-waitingAfterHours" value={String(preferences.waitingAfterHours)} {...lockProps(locked, 'waitingAfterHours', 'pref-waitingAfterHours-help')}
            onChange={(event) => {
              const hours = Number(event.currentTarget.value);
              update(() => ({ waitingAfterHours: hours }));
            }}>
            {[...new Set([...WAITING_HOURS, preferences.waitingAfterHours])].sort((a, b) => a - b).map((hours) => (
              <option key={hours} value={String(hours)}>{t('waitingHours', String(hours))}</option>
            ))}
          </select>
          <p id="pref-waitingAfterHours-help" class="help muted">{t('waitingAfterHelp')}</p>
          <LockNote locked={locked} name="waitingAfterHours" />
        </div>
      </fieldset>
      <MutedRooms muted={preferences.mutedRooms} roomNames={roomNames}
        onUnmute={(uuid) => update((current) => ({ mutedRooms: current.mutedRooms.filter((id) => id !== uuid) }))} />
      <RoomAlertChoices {...props} />
    </section>
  );
}
