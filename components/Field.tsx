import { t } from '../lib/platform/i18n';

export interface FieldProps {
  id: string;
  label: string;
  help?: string;
  error?: string;
  locked?: boolean;
  value: string;
  type?: 'text' | 'url' | 'email' | 'password';
  autoComplete?: string;
  onInput: (value: string) => void;
}

/** A labelled input whose help and error are tied to it for screen readers. */
export function Field({ id, label, help, error, locked, value, type = 'text', autoComplete = 'off', onInput }: FieldProps) {
  const described = [help && `${id}-help`, error && `${id}-error`, locked && `${id}-locked`].filter(Boolean).join(' ');
  return (
    <div class={`field${error ? ' invalid' : ''}`}>
      <label for={id}>{label}</label>
      <input
        id={id}
        name={id}
        // Preact's input typings discriminate on a literal `type`; every member of ours is a text-like input.
        type={type as 'text'}
        value={value}
        disabled={locked}
        spellcheck={false}
        autoComplete={autoComplete}
        aria-invalid={error ? true : undefined}
        aria-describedby={described || undefined}
        onInput={(event) => onInput(event.currentTarget.value)}
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
        <p id={`${id}-error`} class="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
