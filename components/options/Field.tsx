import { t } from '../../lib/platform/i18n';

export interface FieldProps {
  id: string;
  label: string;
  help?: string;
  error?: string;
  locked?: boolean;
  value: string;
  type?: 'text' | 'url' | 'email' | 'password' | 'number';
  autoComplete?: string;
  onInput: (value: string) => void;
  onBlur?: () => void;
}

/** A labelled input whose help and error are tied to it for screen readers. */
export function Field({ id, label, help, error, locked, value, type = 'text', autoComplete = 'off', onInput, onBlur }: FieldProps) {
  const described = [help && `${id}-help`, error && `${id}-error`, locked && `${id}-locked`].filter(Boolean).join(' ');
  return (
    <div class={`field${error ? ' invalid' : ''}${locked ? ' locked' : ''}`}>
      <label for={id}>
        {label}
        {locked && <span class="lock" aria-hidden="true"> 🔒</span>}
      </label>
      <input
        id={id}
        name={id}
        // Numbers are typed as text: a number input hides what it cannot parse ("5,5" reads as
        // empty), and the schema should judge what the member actually typed.
        // Preact's input typings discriminate on a literal `type`; every member of ours is a text-like input.
        type={(type === 'number' ? 'text' : type) as 'text'}
        value={value}
        inputMode={type === 'number' ? 'numeric' : undefined}
        disabled={locked}
        spellcheck={false}
        autoComplete={autoComplete}
        aria-invalid={error ? true : undefined}
        aria-describedby={described || undefined}
        onInput={(event) => onInput(event.currentTarget.value)}
        onBlur={onBlur}
      />
      {help && (
        <p id={`${id}-help`} class="help muted">
          {help}
        </p>
      )}
      {locked && (
        <p id={`${id}-locked`} class="help muted">
          {t('optionsLocked')}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} class="error">
          {error}
        </p>
      )}
    </div>
  );
}
