import { t } from '../../lib/platform/i18n';
import { NotSetUp } from './NotSetUp';
import { Header } from './Header';
import { PopupApp } from './PopupApp';
import { SourceContext, type PopupSource } from './popup-source';
import { StateMessage } from './StateMessage';
import type { ConnectionStatus } from '../../lib/wire/status';

interface Props {
  status: ConnectionStatus | undefined | 'loading';
  /** Reads and actions for the community in `status`; absent until the background names one. */
  source?: PopupSource;
  /** The community's web address, for the header. */
  community?: string;
  resetCountOnOpen?: boolean;
  onOpenOptions: () => void;
  onRetry?: () => void;
}

export function Popup({ status, source, community, resetCountOnOpen = true, onOpenOptions, onRetry }: Props) {
  if (status === 'loading') return <main class="popup" aria-busy="true" />;
  if (!status || status.phase === 'not-set-up') {
    return (
      <main class="popup">
        <NotSetUp onSetUp={onOpenOptions} />
      </main>
    );
  }
  if (!source) {
    // Set up, but no member known (first sign-in in progress, or signed out): nothing cached to show.
    return (
      <main class="popup app">
        <Header status={status} community={community} member={undefined} onOpenOptions={onOpenOptions} onRetry={onRetry} />
        {status.phase === 'signed-out' ? (
          <StateMessage quiet title={t('popupSignedOutTitle')} help={t('popupSignedOutHelp')} />
        ) : status.phase === 'error' ? (
          <StateMessage quiet tone="error" title={t('popupStoppedTitle')} help={t('popupStoppedHelp')} />
        ) : (
          <StateMessage quiet title={t('popupConnecting')} help={t('chatsSyncingHelp')} />
        )}
      </main>
    );
  }
  return (
    <SourceContext.Provider value={source}>
      <PopupApp status={status} community={community} resetCountOnOpen={resetCountOnOpen} onOpenOptions={onOpenOptions} onRetry={onRetry} />
    </SourceContext.Provider>
  );
}
