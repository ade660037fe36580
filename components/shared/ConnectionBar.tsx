import { useEffect, useState } from 'preact/hooks';
import { t } from '../../lib/platform/i18n';
import { reasonText } from './reason-text';
import type { ConnectionStatus } from '../../lib/wire/status';

/** States that need nothing from the member: a quiet word in the header, not a banner. */
export function isQuiet(status: ConnectionStatus): boolean {
  return (status.phase === 'live' || status.phase === 'connecting') && !status.storage?.problem;
}

/** New messages are not being saved: nothing is lost (the background keeps them), but the member should know. */
export function storageText(status: ConnectionStatus | undefined): string | undefined {
  return status?.storage?.problem === 'write' ? t('storageWriteFailing') : undefined;
}

/** The connection in words, with the way out of each state: wait, retry now, or sign in. */
export function ConnectionBar({ status, onSignIn, onRetry }: { status: ConnectionStatus; onSignIn: () => void; onRetry?: () => void }) {
  const [now, setNow] = useState(Date.now());
  const retryAt = status.cable?.nextRetryAt ?? undefined;
  useEffect(() => {
    if (status.phase !== 'reconnecting' || !retryAt) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [status.phase, retryAt]);

  let text: string;
  switch (status.phase) {
    case 'live':
      text = t('statusLive');
      break;
    case 'reconnecting':
      text = retryAt && retryAt > now ? t('statusReconnectingIn', String(Math.ceil((retryAt - now) / 1000))) : t('statusReconnecting');
      break;
    case 'offline':
      text = t('statusOffline');
      break;
    case 'signed-out':
      text = t('statusSignedOut');
      break;
    case 'error':
      text = reasonText(status.reason) ?? t('statusError');
      break;
    default:
      text = t('statusConnecting');
  }
  const canRetry = onRetry && (status.phase === 'reconnecting' || status.phase === 'offline' || status.phase === 'error');
  const mustSignIn = status.phase === 'signed-out' || status.phase === 'error';
  return (
    <div class={`connection ${status.phase}${isQuiet(status) ? ' quiet' : ''}`}>
      <span class="dot" aria-hidden="true" />
      <span class="text" role="status">
        {text}
        {status.phase === 'reconnecting' && reasonText(status.reason) && <span class="detail">{reasonText(status.reason)}</span>}
        {storageText(status) && <span class="detail">{storageText(status)}</span>}
      </span>
      {canRetry && (
        <button type="button" class="button secondary small" onClick={onRetry}>
          {t('statusRetryNow')}
        </button>
      )}
      {mustSignIn && (
        <button type="button" class="button small" onClick={onSignIn}>
          {t(status.phase === 'error' ? 'popupSettings' : 'statusSignIn')}
        </button>
      )}
    </div>
  );
}
