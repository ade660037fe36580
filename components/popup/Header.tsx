import type { Person } from '../../lib/circle/model';
import { t } from '../../lib/platform/i18n';
import { ConnectionBar, isQuiet } from '../shared/ConnectionBar';
import { Avatar } from './Avatar';
import { Icon } from './icons';
import { lazyModule } from './lazy';
import type { ConnectionStatus } from '../../lib/wire/status';

/** The community switcher and the snooze, a moment after the first paint. */
const extras = lazyModule(() => import('./header-extras'));
/** For tests about the switcher, not about its loading. */
export const loadSwitcher = extras.load;

export interface HeaderProps {
  /** The community shown. */
  status: ConnectionStatus;
  /** Every community's status: with two or more, the community's name becomes a switcher. */
  communities?: readonly ConnectionStatus[];
  onSwitch?: (key: string) => void;
  member: Person | undefined;
  onOpenOptions: () => void;
  onRetry?: () => void;
}

/** Who and where: the member and community, the connection in words, and settings. */
export function Header({ status, communities, onSwitch, member, onOpenOptions, onRetry }: HeaderProps) {
  const quiet = isQuiet(status);
  const several = !!onSwitch && (communities?.length ?? 0) > 1;
  // Until it has loaded (a moment after the first paint), the community's name stands where it will be.
  const lazy = extras.use(true);
  const Switcher = lazy?.S;
  const Snooze = lazy?.Z;
  const title = member?.name || status.label || t('extName');
  return (
    <header class="popup-header">
      <div class="identity">
        {member ? <Avatar name={member.name} src={member.avatarUrl} size={32} /> : <img src="/icon/32.png" alt="" width={32} height={32} />}
        <div class="who">
          <h1>{title}</h1>
          {Switcher && several ? <Switcher communities={communities!} current={status} onSwitch={onSwitch!} /> : (member || several) && status.label && <p class="muted">{status.label}</p>}
        </div>
        {quiet && <ConnectionBar status={status} onSignIn={onOpenOptions} onRetry={onRetry} />}
        {Snooze && <Snooze />}
        <button type="button" class="icon-button" onClick={onOpenOptions} title={t('popupSettings')} aria-label={t('popupSettings')}>
          <Icon name="settings" size={18} />
        </button>
      </div>
      {!quiet && <ConnectionBar status={status} onSignIn={onOpenOptions} onRetry={onRetry} />}
    </header>
  );
}
