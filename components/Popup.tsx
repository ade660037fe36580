import type { ConnectionStatus } from '../lib/platform/status';
import { ConnectionBar } from './ConnectionBar';
import { NotSetUp } from './NotSetUp';

export function Popup({ status, onOpenOptions }: { status: ConnectionStatus | undefined | 'loading'; onOpenOptions: () => void }) {
  if (status === 'loading') return <main class="popup" aria-busy="true" />;
  if (!status || status.phase === 'not-set-up') {
    return (
      <main class="popup">
        <NotSetUp onSetUp={onOpenOptions} />
      </main>
    );
  }
  return (
    <main class="popup">
      <ConnectionBar status={status} onSignIn={onOpenOptions} />
    </main>
  );
}
