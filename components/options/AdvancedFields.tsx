import { t } from '../../lib/platform/i18n';
import { Field } from './Field';
import { NUMBER_FIELDS, numberBounds } from './form-draft';
import type { FieldsProps } from './SignInFields';

/** Collapsed by default: the defaults suit nearly everyone. Opens itself on a problem inside. */
export function AdvancedFields({ draft, problems, locked, set, blur, open, onToggle }: FieldsProps & { open: boolean; onToggle: (open: boolean) => void }) {
  return (
    <details class="advanced" open={open} onToggle={(event) => onToggle(event.currentTarget.open)}>
      <summary>{t('optionsAdvanced')}</summary>
      <div class="advanced-body">
        <Field id="cableUrl" label={t('optionsCableUrl')} help={t('optionsCableUrlHelp')} type="url"
          value={draft.cableUrl ?? ''} error={problems.get('cableUrl')} locked={locked.has('cableUrl')}
          onInput={set('cableUrl')} onBlur={blur('cableUrl')} />
        <div class="numbers">
          {NUMBER_FIELDS.map(({ key, label, help }) => {
            const { min, max, fallback } = numberBounds(key);
            return (
              <Field key={key} id={key} label={t(label)} help={t(help, [String(min), String(max), String(fallback)])} type="number"
                value={draft[key] ?? ''} error={problems.get(key)} locked={locked.has(key)} onInput={set(key)} onBlur={blur(key)} />
            );
          })}
        </div>
      </div>
    </details>
  );
}
