import { t } from '../../lib/platform/i18n';
import { Field } from './Field';
import { numberBounds } from './form-draft';
import type { FieldsProps } from './SignInFields';

/** Collapsed by default: the defaults suit nearly everyone. Opens itself on a problem inside. */
export function AdvancedFields({ draft, problems, locked, set, blur, open, onToggle }: FieldsProps & { open: boolean; onToggle: (open: boolean) => void }) {
  const { min, max, fallback } = numberBounds('liveRooms');
  return (
    <details class="advanced" open={open} onToggle={(event) => onToggle(event.currentTarget.open)}>
      <summary>{t('optionsAdvanced')}</summary>
      <div class="advanced-body">
        <Field id="cableUrl" label={t('optionsCableUrl')} help={t('optionsCableUrlHelp')} type="url"
          value={draft.cableUrl ?? ''} error={problems.get('cableUrl')} locked={locked.has('cableUrl')}
          onInput={set('cableUrl')} onBlur={blur('cableUrl')} />
        <div class="numbers">
          <Field id="liveRooms" label={t('optionsLiveRooms')} help={t('optionsLiveRoomsHelp', [String(min), String(max), String(fallback)])} type="number"
            value={draft.liveRooms ?? ''} error={problems.get('liveRooms')} locked={locked.has('liveRooms')} onInput={set('liveRooms')} onBlur={blur('liveRooms')} />
        </div>
      </div>
    </details>
  );
}
