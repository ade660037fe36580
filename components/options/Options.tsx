import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../lib/platform/i18n';
import type { LoadedSettings } from '../../lib/platform/settings';
import type { Preferences } from '../../lib/settings/preferences';
import { storageText } from '../shared/ConnectionBar';
import { reasonCodeOf } from '../shared/reason-text';
import { Account } from './Account';
import { CommunitySignIn } from './CommunitySignIn';
import { Diagnostics } from './Diagnostics';
import { PreferencesSection } from './PreferencesSection';
import type { OptionsServices } from './options-services';
import { SettingsForm } from './SettingsForm';
import type { ConnectionStatus } from '../../lib/wire/status';

export function Options({ initial, services }: { initial: LoadedSettings; services: OptionsServices }) {
  const [loaded, setLoaded] = useState(initial);
  // A new key starts the form afresh from what is stored: after sign-out, with empty sign-in fields.
  const [formKey, setFormKey] = useState(0);
  const [notice, setNotice] = useState<string | undefined>();
  const [status, setStatus] = useState<ConnectionStatus | undefined>();
  const [preferences, setPreferences] = useState<Preferences | undefined>();
  const [roomNames, setRoomNames] = useState<Map<string, string>>(new Map());
  const noticeRef = useRef<HTMLParagraphElement>(null);
  // Opens itself for a sign-in made by hand or a policy's fields, and never closes by itself:
  // a member who just signed out of a pasted pair finds the fields where they were.
  const [manualOpen, setManualOpen] = useState(() => manualFirst(initial));
  // A policy that changed since the page painted (read late, see lib/platform/settings) starts
  // the form afresh, so its locked fields show; any other change leaves the member's draft be.
  const policy = useRef(initial.policy);
  const reload = () =>
    void services.loadSettings().then((next) => {
      if (policy.current !== next.policy) setFormKey((key) => key + 1);
      policy.current = next.policy;
      setLoaded(next);
      if (manualFirst(next)) setManualOpen(true);
    });

  useEffect(() => {
    void services.readStatus().then(setStatus);
    void services.loadPreferences().then(setPreferences);
    const unsubscribe = [services.onStatusChanged(setStatus), services.onPreferencesChanged(setPreferences), services.onSettingsChanged(reload)];
    void services.checkPolicy();
    return () => unsubscribe.forEach((off) => off());
  }, []);

  const community = status?.community;
  const muted = preferences?.mutedRooms.join();
  useEffect(() => {
    if (muted) void services.roomNames(community).then(setRoomNames);
  }, [community, muted]);

  // The forms start afresh from the new sign-in; the notice outlives them.
  function signedIn(name: string) {
    void services.loadSettings().then((next) => {
      policy.current = next.policy;
      setLoaded(next);
      setFormKey((key) => key + 1);
      setNotice(t('optionsCommunitySignedIn', name));
    });
  }

  async function signOut() {
    const { revoked } = await services.signOut();
    const next = await services.loadSettings();
    policy.current = next.policy;
    setLoaded(next);
    setFormKey((key) => key + 1);
    setNotice(t(revoked ? 'optionsSignedOut' : 'optionsSignedOutHereOnly'));
    setTimeout(() => noticeRef.current?.focus());
  }

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
      {(storageText(status) ?? (reasonCodeOf(status?.reason) === 'storage_unavailable' || undefined)) && (
        <p class="notice" role="alert">{storageText(status) ?? t('reason_storage_unavailable')}</p>
      )}
      {loaded.result.ok && <Account circleUrl={loaded.result.settings.circleUrl} byPolicy={loaded.signInByPolicy} onSignOut={signOut} />}
      <section class="card" aria-labelledby="connection-title">
        <h2 id="connection-title">{t('optionsConnectionTitle')}</h2>
        <CommunitySignIn key={formKey} stored={loaded.stored} services={services} onSignedIn={signedIn} />
        <details class="manual" open={manualOpen} onToggle={(event) => setManualOpen(event.currentTarget.open)}>
          <summary>{t('optionsManualSetup')}</summary>
          <SettingsForm key={formKey} stored={loaded.stored} locked={loaded.locked} onSave={services.saveSettings}
            requestHostPermissions={services.requestHostPermissions} test={services.test}
            onSaved={() => setNotice(undefined)} />
        </details>
      </section>
      {preferences && (
        <PreferencesSection preferences={preferences} roomNames={roomNames}
          update={(change) => void services.updatePreferences(change).then(setPreferences)} />
      )}
      <Diagnostics status={status} about={services.about()} copy={services.copyText} />
    </main>
  );
}

function manualFirst({ stored, locked }: LoadedSettings): boolean {
  const mode = stored.auth?.mode;
  return locked.size > 0 || (mode !== undefined && mode !== 'community');
}
