import type { LoadedSettings } from '../lib/platform/settings';
import { t } from '../lib/platform/i18n';
import type { SettingsResult } from '../lib/settings/schema';
import { SettingsForm } from './SettingsForm';

export function Options({ loaded, onSave }: { loaded: LoadedSettings; onSave: (input: Record<string, unknown>) => Promise<SettingsResult> }) {
  return (
    <main class="options">
      <header>
        <img src="/icon/48.png" alt="" width={40} height={40} />
        <div>
          <h1>{t('optionsTitle')}</h1>
          <p class="muted">{t('optionsIntro')}</p>
        </div>
      </header>
      <SettingsForm stored={loaded.stored} locked={loaded.locked} onSave={onSave} />
    </main>
  );
}
