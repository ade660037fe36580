import { t } from '../../lib/platform/i18n';
import type { Preferences } from '../../lib/settings/preferences';

/** Preferences the policy fixes: the options page shows them set by the organisation, as locked settings are. */
export type LockedPreferences = ReadonlySet<string>;

const noteId = (name: keyof Preferences) => `pref-${name}-locked`;

/**
 * Props for a control of preference `name`: disabled when the policy locks it, and described by
 * the lock's note (`<LockNote>`) besides `describedBy`. Spread on each input of the preference.
 */
export function lockProps(locked: LockedPreferences, name: keyof Preferences, describedBy?: string): { disabled?: true; 'aria-describedby'?: string } {
  const isLocked = locked.has(name);
  const described = [describedBy, isLocked && noteId(name)].filter(Boolean).join(' ');
  return { ...(isLocked ? { disabled: true as const } : {}), ...(described ? { 'aria-describedby': described } : {}) };
}

/** The padlock a locked preference's label shows (the note says it in words). */
export function LockMark({ locked, name }: { locked: LockedPreferences; name: keyof Preferences }) {
  return locked.has(name) ? <span class="lock" aria-hidden="true"> 🔒</span> : null;
}

/** "Set by your organisation", once per preference, where its controls point their `aria-describedby`. */
export function LockNote({ locked, name }: { locked: LockedPreferences; name: keyof Preferences }) {
  return locked.has(name) ? <p id={noteId(name)} class="help muted">{t('optionsLocked')}</p> : null;
}
