import { t } from '../../lib/platform/i18n';
import type { Preferences, QuietHours } from '../../lib/settings/preferences';
import { LockMark, LockNote, lockProps, type LockedPreferences } from './preference-lock';

export interface QuietHoursProps {
  preferences: Preferences;
  /** What a policy fixes: shown, not changeable. */
  locked: LockedPreferences;
  update: (change: (current: Preferences) => Partial<Preferences>) => void;
  locale: string;
  /** The browser's own zone, the default. */
  browserZone: string;
}

/** 0 = Sunday; the locale's week start where the browser tells it (Intl.Locale week info), else Monday but in the US. */
export function firstDayOf(locale: string): number {
  try {
    const info = new Intl.Locale(locale) as Intl.Locale & { getWeekInfo?: () => { firstDay: number }; weekInfo?: { firstDay: number } };
    const first = info.getWeekInfo?.().firstDay ?? info.weekInfo?.firstDay;
    if (first) return first % 7;
  } catch {
    // An odd UI language tag: the fallback below.
  }
  return /^en-(US|CA)$|^en$/i.test(locale) ? 0 : 1;
}

function dayNames(locale: string): string[] {
  const format = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' });
  // 4 January 2026 was a Sunday.
  return [0, 1, 2, 3, 4, 5, 6].map((day) => format.format(Date.UTC(2026, 0, 4 + day)));
}

function zones(): string[] {
  const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf;
  const list = supported ? supported('timeZone') : [];
  // Chrome lists region zones only: UTC, which a member who travels may want, is added.
  return list.includes('UTC') ? list : ['UTC', ...list];
}

/** Quiet hours and the away summary: a weekly schedule in the member's zone, written at once like the other preferences. */
export function QuietHoursCard({ preferences, locked, update, locale, browserZone }: QuietHoursProps) {
  const lock = (describedBy?: string) => lockProps(locked, 'quietHours', describedBy);
  const hours = preferences.quietHours;
  const set = (change: Partial<QuietHours>) => update((current) => ({ quietHours: { ...current.quietHours, ...change } }));
  const first = firstDayOf(locale);
  const names = dayNames(locale);
  const order = [0, 1, 2, 3, 4, 5, 6].map((i) => (first + i) % 7);
  const list = zones();
  const known = !hours.timeZone || list.includes(hours.timeZone) ? list : [hours.timeZone, ...list];
  return (
    <section class="card" aria-labelledby="quiet-title">
      <h2 id="quiet-title">{t('quietHoursTitle')}</h2>
      <p class="muted">{t('quietHoursIntro')}</p>
      <div class="toggle">
        <input id="quiet-enabled" type="checkbox" checked={hours.enabled} {...lock('quiet-enabled-help')} onChange={(event) => set({ enabled: event.currentTarget.checked })} />
        <div>
          <label for="quiet-enabled">{t('quietHoursEnabled')}<LockMark locked={locked} name="quietHours" /></label>
          <p id="quiet-enabled-help" class="help muted">{t('quietHoursEnabledHelp')}</p>
          <LockNote locked={locked} name="quietHours" />
        </div>
      </div>
      <fieldset class="quiet-days">
        <legend>{t('quietHoursDays')}</legend>
        <div class="day-list">
          {order.map((day) => (
            <label key={day} class="day">
              <input type="checkbox" checked={hours.days.includes(day)} {...lock()}
                onChange={(event) => {
                  const checked = event.currentTarget.checked;
                  update((current) => {
                    const days = current.quietHours.days.filter((d) => d !== day);
                    return { quietHours: { ...current.quietHours, days: checked ? [...days, day].sort((a, b) => a - b) : days } };
                  });
                }} />
              {names[day]}
            </label>
          ))}
        </div>
      </fieldset>
      <div class="quiet-span">
        <div class="field">
          <label for="quiet-from">{t('quietHoursFrom')}</label>
          <input id="quiet-from" type="time" value={hours.from} required {...lock()} onChange={(event) => event.currentTarget.value && set({ from: event.currentTarget.value })} />
        </div>
        <div class="field">
          <label for="quiet-to">{t('quietHoursTo')}</label>
          <input id="quiet-to" type="time" value={hours.to} required {...lock('quiet-span-help')} onChange={(event) => event.currentTarget.value && set({ to: event.currentTarget.value })} />
        </div>
      </div>
      <p id="quiet-span-help" class="help muted">{t('quietHoursSpanHelp')}</p>
      <div class="field">
        <label for="quiet-zone">{t('quietHoursZone')}</label>
        <select id="quiet-zone" value={hours.timeZone} {...lock()} onChange={(event) => set({ timeZone: event.currentTarget.value })}>
          <option value="">{t('quietHoursZoneBrowser', browserZone)}</option>
          {known.map((name) => (
            <option key={name} value={name}>
              {name.replace(/_/g, ' ')}
            </option>
          ))}
        </select>
      </div>
      <div class="toggle">
        <input id="pref-awaySummary" type="checkbox" checked={preferences.awaySummary} {...lockProps(locked, 'awaySummary', 'pref-awaySummary-help')}
          onChange={(event) => {
            const checked = event.currentTarget.checked;
            update(() => ({ awaySummary: checked }));
          }} />
        <div>
          <label for="pref-awaySummary">{t('quietAwaySummary')}<LockMark locked={locked} name="awaySummary" /></label>
          <p id="pref-awaySummary-help" class="help muted">{t('quietAwaySummaryHelp')}</p>
          <LockNote locked={locked} name="awaySummary" />
        </div>
      </div>
    </section>
  );
}
