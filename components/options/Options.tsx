import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../lib/platform/i18n';
import type { LoadedSettings } from '../../lib/platform/settings';
import type { StoredCommunity } from '../../lib/settings/merge';
import type { MergedPreferences } from '../../lib/settings/preferences-policy';
import type { StatusBoard } from '../../lib/wire/status';
import { storageText } from '../shared/ConnectionBar';
import { reasonCodeOf } from '../shared/reason-text';
import { CommunityEditor } from './CommunityEditor';
import { CommunityList } from './CommunityList';
import { communityProblems, keyOf, labelOf, MAX_COMMUNITIES, moved, rowsOf, settingsOf, signedIn, withEntry } from './community-list';
import { Diagnostics } from './Diagnostics';
import { PreferencesSection } from './PreferencesSection';
import { QuietHoursCard } from './QuietHoursCard';
import type { OptionsServices } from './options-services';
import type { Problems } from './problems';
import { RetentionForm } from './RetentionForm';

/** Which form is open: a community's (by key), one being added, or none. */
type Editing = string | 'new' | undefined;

export function Options({ initial, services }: { initial: LoadedSettings; services: OptionsServices }) {
  const [loaded, setLoaded] = useState(initial);
  // A new key starts the forms afresh from what is stored: after sign-out, with empty sign-in fields.
  const [formKey, setFormKey] = useState(0);
  const [notice, setNotice] = useState<string | undefined>();
  const [board, setBoard] = useState<StatusBoard | undefined>();
  const [preferences, setPreferences] = useState<MergedPreferences | undefined>();
  const [roomNames, setRoomNames] = useState<Map<string, string>>(new Map());
  // One community has nothing to choose between: its form is open, as it was before there could be more.
  const [editing, setEditing] = useState<Editing>(() => {
    const rows = rowsOf(initial);
    return rows.length === 0 ? 'new' : rows.length === 1 ? rows[0]!.key : undefined;
  });
  // Counts the forms the member opened: a saved community keeps its form (and its "Saved") under its new key.
  const [opened, setOpened] = useState(0);
  const open = (next: Editing) => {
    setEditing(next);
    setOpened((count) => count + 1);
  };
  // "Set up by hand", open or not, per form (a community's key, or `new`).
  const [manualOpen, setManualOpen] = useState<Map<string, boolean>>(new Map());
  const noticeRef = useRef<HTMLParagraphElement>(null);
  // A policy that changed since the page painted (read late, see lib/platform/settings) starts
  // the forms afresh, so its locked fields show; any other change leaves the member's draft be.
  const policy = useRef(initial.policy);
  const reload = async (fresh = false) => {
    const next = await services.loadSettings();
    if (fresh || policy.current !== next.policy) setFormKey((key) => key + 1);
    policy.current = next.policy;
    setLoaded(next);
    return next;
  };

  useEffect(() => {
    void services.readStatus().then(setBoard);
    void services.loadPreferences().then(setPreferences);
    const unsubscribe = [services.onStatusChanged(setBoard), services.onPreferencesChanged(setPreferences), services.onSettingsChanged(() => void reload())];
    void services.checkPolicy();
    return () => unsubscribe.forEach((off) => off());
  }, []);

  const statuses = board?.communities ?? [];
  const cached = statuses.flatMap((status) => (status.community ? [status.community] : [])).join(' ');
  // Names for the muted rooms and for those with their own alert choice.
  const muted = preferences && [...preferences.preferences.mutedRooms, ...Object.keys(preferences.preferences.roomAlerts)].join();
  useEffect(() => {
    if (muted) void services.roomNames(cached ? cached.split(' ') : []).then(setRoomNames);
  }, [cached, muted]);

  const rows = rowsOf(loaded);
  const editedIndex = rows.findIndex((row) => row.key === editing);
  const editedRow = rows[editedIndex];
  const say = (text: string) => {
    setNotice(text);
    setTimeout(() => noticeRef.current?.focus());
  };

  /** Judged in the list as it is now, at the community's place (one past the end while added). */
  const validate = (entry: StoredCommunity): Problems => {
    const index = editedRow ? editedIndex : rows.length;
    return communityProblems(withEntry(rows, index, entry), index, loaded.stored);
  };

  // Written over what is stored now, which the background may have changed since the page painted.
  async function save(entry: StoredCommunity): Promise<Problems> {
    const current = await services.loadSettings();
    const list = rowsOf(current);
    let index = editing === 'new' ? -1 : list.findIndex((row) => row.key === editing);
    if (index < 0) {
      if (list.length >= MAX_COMMUNITIES) return new Map([['communities', t('optionsCommunityLimit', String(MAX_COMMUNITIES))]]);
      index = list.length;
    }
    const next = withEntry(list, index, entry);
    const problems = communityProblems(next, index, current.stored);
    if (problems.size) return problems;
    await services.saveSettings(settingsOf(next, current));
    await reload();
    // Added, or its origin changed: the form now edits it under its new key (once the list has it, or the form would close).
    setEditing(keyOf(entry, index));
    return problems;
  }

  async function move(index: number, by: -1 | 1) {
    const current = await services.loadSettings();
    await services.saveSettings(settingsOf(moved(rowsOf(current), index, by), current));
    await reload();
  }

  async function signOut(key: string) {
    const row = rowsOf(await services.loadSettings()).find((r) => r.key === key);
    const { revoked } = await services.signOut(key);
    await reload(true);
    say(t(revoked ? 'optionsSignedOut' : 'optionsSignedOutHereOnly', row ? labelOf(row.entry) : key));
  }

  // Signed out first, so its tokens are revoked and its cache goes, then taken off the list.
  async function remove(key: string) {
    const row = rowsOf(await services.loadSettings()).find((r) => r.key === key);
    if (!row) return;
    if (signedIn(row)) await services.signOut(key);
    const current = await services.loadSettings();
    await services.saveSettings(settingsOf(rowsOf(current).filter((r) => r.key !== key), current));
    if (editing === key) setEditing(undefined);
    await reload(true);
    say(t('optionsCommunityRemoved', labelOf(row.entry)));
  }

  async function saveRetention(values: Record<string, number>) {
    const current = await services.loadSettings();
    const stored = { ...current.stored, keepMessagesPerRoom: undefined, keepNotifications: undefined, ...values };
    for (const field of ['keepMessagesPerRoom', 'keepNotifications'] as const) if (stored[field] === undefined) delete stored[field];
    await services.saveSettings(settingsOf(rowsOf(current), { ...current, stored }));
    await reload();
  }

  // The forms start afresh from the new sign-in; the notice outlives them.
  function signedInTo(name: string, entry: StoredCommunity) {
    void reload(true).then((next) => {
      setEditing(rowsOf(next).find((row) => row.entry.origin === entry.origin)?.key);
      setNotice(t('optionsCommunitySignedIn', name));
    });
  }

  const storageProblem = statuses.map((status) => storageText(status)).find(Boolean)
    ?? (statuses.some((status) => reasonCodeOf(status.reason) === 'storage_unavailable') ? t('reason_storage_unavailable') : undefined);
  return (
    <main class="options">
      <header>
        <img src="/icon/48.png" alt="" width={40} height={40} />
        <div>
          <h1>{t('optionsTitle')}</h1>
          <p class="muted">{t('optionsIntro')}</p>
        </div>
      </header>
      <p ref={noticeRef} class="notice" role="status" tabIndex={-1} hidden={!notice}>{notice ?? ''}</p>
      {storageProblem && <p class="notice" role="alert">{storageProblem}</p>}
      <CommunityList rows={rows} statuses={statuses} signInByPolicy={loaded.signInByPolicy} editing={editedRow ? editing : editing === 'new' ? 'new' : undefined}
        onEdit={(key) => open(editing === key ? undefined : key)} onAdd={() => open('new')}
        onMove={move} onSignOut={signOut} onRemove={remove} />
      {(editedRow || editing === 'new') && (
        <CommunityEditor key={`${formKey}:${opened}`} row={editedRow} services={services} validate={validate} onSave={save}
          onSaved={() => setNotice(undefined)} onSignedIn={signedInTo} onClose={() => open(undefined)}
          manualOpen={manualOpen.get(editedRow?.key ?? 'new')}
          onManualToggle={(isOpen) => setManualOpen((current) => new Map(current).set(editedRow?.key ?? 'new', isOpen))} />
      )}
      <RetentionForm key={formKey} stored={loaded.stored} locked={loaded.locked} onSave={saveRetention} />
      {preferences && (
        <PreferencesSection preferences={preferences.preferences} locked={preferences.locked} roomNames={roomNames}
          update={(change) => void services.updatePreferences(change).then(setPreferences)} />
      )}
      {preferences && (
        <QuietHoursCard preferences={preferences.preferences} locked={preferences.locked} locale={document.documentElement.lang || 'en'} browserZone={Intl.DateTimeFormat().resolvedOptions().timeZone}
          update={(change) => void services.updatePreferences(change).then(setPreferences)} />
      )}
      <Diagnostics statuses={statuses} about={services.about()} copy={services.copyText} />
    </main>
  );
}
