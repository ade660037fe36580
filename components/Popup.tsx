import type { ConnectionStatus } from '../lib/platform/status';
import { t } from '../lib/platform/i18n';
import { NotSetUp } from './NotSetUp';

export function Popup({ status, onOpenOptions }: { status: ConnectionStatus | undefined | 'loading'; onOpenOptions: () => void }) {
  if (status === 'loading') return <main class="popup" aria-busy="true" />;
  return (
    <main class="popup">
      {!status || status.phase === 'not-set-up' ? (
        <NotSetUp onSetUp={onOpenOptions} />
      ) : (
        <section class="empty" aria-live="polite">
          <p>{t('popupConnecting')}</p>
          <button type="button" class="button secondary" onClick={onOpenOptions}>
            {t('popupSettings')}
          </button>
        </section>
      )}
    </main>
  );
}
