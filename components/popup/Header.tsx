import type { Person } from '../../lib/circle/model';
import { t } from '../../lib/platform/i18n';
import { ConnectionBar, isQuiet } from '../shared/ConnectionBar';
import { Avatar } from './Avatar';
import { Icon } from './icons';
import type { ConnectionStatus } from '../../lib/wire/status';

interface Props {
  status: ConnectionStatus;
  /** The community's address as the member knows it (the whitelisted Origin), else Circle's. */
  community: string | undefined;
  member: Person | undefined;
  onOpenOptions: () => void;
  onRetry?: () => void;
}

/** Who and where: the member and community, the connection in words, and settings. */
export function Header({ status, community, member, onOpenOptions, onRetry }: Props) {
  const quiet = isQuiet(status);
  const title = member?.name || community || t('extName');
  return (
    <header class="popup-header">
      <div class="identity">
        {member ? <Avatar name={member.name} src={member.avatarUrl} size={32} /> : <img src="/icon/32.png" alt="" width={32} height={32} />}
        <div class="who">
          <h1>{title}</h1>
          {member && community && <p class="muted">{community}</p>}
        </div>
        {quiet && <ConnectionBar status={status} onSignIn={onOpenOptions} onRetry={onRetry} />}
        <button type="button" class="icon-button" onClick={onOpenOptions} title={t('popupSettings')} aria-label={t('popupSettings')}>
          <Icon name="settings" size={18} />
        </button>
      </div>
      {!quiet && <ConnectionBar status={status} onSignIn={onOpenOptions} onRetry={onRetry} />}
    </header>
  );
}
