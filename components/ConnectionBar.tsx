import { useEffect, useState } from 'preact/hooks';
import type { ConnectionStatus } from '../lib/platform/status';
import { t } from '../lib/platform/i18n';

/** The connection in words, with the way out of each state. */
export function ConnectionBar({ status, onSignIn }: { status: ConnectionStatus; onSignIn: () => void }) {
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
      text = t('statusError', status.reason ?? '');
      break;
    default:
      text = t('statusConnecting');
  }
  return (
    <div class={`connection ${status.phase}`} role="status" aria-live="polite">
      <span class="dot" aria-hidden="true" />
      <span class="text">{text}</span>
      {(status.phase === 'signed-out' || status.phase === 'error') && (
        <button type="button" class="button" onClick={onSignIn}>
          {t('statusSignIn')}
        </button>
      )}
    </div>
  );
}
