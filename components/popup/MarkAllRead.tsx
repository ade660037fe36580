import { t } from '../../lib/platform/i18n';
import { Icon } from './icons';

/** Below a list (after it in the tab order): one button for every unread entry, and Circle's refusal if it said no. */
export function MarkAllRead({ any, onClick, error }: { any: boolean; onClick: () => void; error?: string }) {
  return (
    <>
      {error && (
        <p class="inline-error" role="alert">
          {t('markAllReadFailed', error)}
        </p>
      )}
      <div class="list-tools">
        {/* aria-disabled, not disabled: the focus stays on it once everything is read. */}
        <button type="button" class="button secondary small" aria-disabled={!any} onClick={() => any && onClick()}>
          <Icon name="check" size={14} />
          {t('markAllRead')}
        </button>
      </div>
    </>
  );
}
