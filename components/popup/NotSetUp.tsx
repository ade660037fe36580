import { t } from '../../lib/platform/i18n';

export function NotSetUp({ onSetUp }: { onSetUp: () => void }) {
  return (
    <section class="empty" aria-labelledby="not-set-up-title">
      <img src="/icon/48.png" alt="" width={48} height={48} />
      <h1 id="not-set-up-title">{t('popupNotConnected')}</h1>
      <p class="muted">{t('popupNotConnectedHelp')}</p>
      <button type="button" class="button" onClick={onSetUp} autoFocus>
        {t('popupSetUp')}
      </button>
    </section>
  );
}
