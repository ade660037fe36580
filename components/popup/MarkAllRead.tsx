import { t } from '../../lib/platform/i18n';
import { Icon } from './icons';

/** Above a list: one button for every unread entry, and Circle's refusal if it said no. */
export function MarkAllRead({ any, onClick, error }: { any: boolean; onClick: () => void; error?: string }) {
  return (
    <>
      <div class="list-tools">
        {/* aria-disabled, not disabled: the focus stays on it once everything is read. */}
        <button type="button" class="button secondary small" aria-disabled={!any} onClick={() => any && onClick()}>
          <Icon name="check" size={14} />
          {t('markAllRead')}
        </button>
      </div>
      {error && (
        <p class="inline-error" role="alert">
          {t('markAllReadFailed', error)}
        </p>
      )}
    </>
  );
}
