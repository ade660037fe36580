import { t } from '../../lib/platform/i18n';
import { Header } from './Header';
import { lazyModule } from './lazy';
import { PopupApp } from './PopupApp';
import { SourceContext, type PopupSource } from './popup-source';
import { StateMessage } from './StateMessage';
import type { ConnectionStatus } from '../../lib/wire/status';

// Once per install, before any community is set up: not carried by every other open.
const notSetUp = lazyModule(() => import('./NotSetUp'), { isFirstScreen: true });
export const loadNotSetUp = notSetUp.load;

interface Props {
  status: ConnectionStatus | undefined | 'loading';
  /** Reads and actions for the community in `status` (the one shown); absent until the background names its member. */
  source?: PopupSource;
  /** Every community's status, in the settings' order: the header's switcher, with two or more. */
  communities?: readonly ConnectionStatus[];
  onSwitch?: (key: string) => void;
  resetCountOnOpen?: boolean;
  onOpenOptions: () => void;
  onRetry?: () => void;
}

export function Popup({ status, source, communities, onSwitch, resetCountOnOpen = true, onOpenOptions, onRetry }: Props) {
  const unset = status !== 'loading' && (!status || status.phase === 'not-set-up');
  const NotSetUp = notSetUp.use(unset)?.NotSetUp;
  if (status === 'loading' || !status || unset) {
    return (
      <main class="popup" aria-busy={!NotSetUp}>
        {NotSetUp && unset && <NotSetUp onSetUp={onOpenOptions} />}
      </main>
    );
  }
  if (!source) {
    // Set up, but no member known (first sign-in in progress, or signed out): nothing cached to show.
    return (
      <main class="popup app">
        <Header status={status} communities={communities} onSwitch={onSwitch} member={undefined} onOpenOptions={onOpenOptions} onRetry={onRetry} />
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
      {/* Keyed: another community starts with its own list, tab and open room, none of this one's. */}
      <PopupApp key={source.community} status={status} communities={communities} onSwitch={onSwitch} resetCountOnOpen={resetCountOnOpen} onOpenOptions={onOpenOptions} onRetry={onRetry} />
    </SourceContext.Provider>
  );
}
