import { t } from '../../lib/platform/i18n';
import type { AuthMode } from '../../lib/settings/schema';
import { Field } from './Field';
import { AUTH_FIELDS, MODES, type Draft } from './form-draft';
import type { Problems } from './problems';

export interface FieldsProps {
  draft: Draft;
  problems: Problems;
  locked: Set<string>;
  set: (field: string) => (value: string) => void;
  blur: (field: string) => () => void;
}

/** The radio a problem with `auth.mode` focuses: the chosen one, as arrow keys start there. */
export const modeInputId = (mode: AuthMode) => `auth.mode-${mode}`;

/** The three ways to sign in, each said in plain words, and the chosen one's fields. */
export function SignInFields({ draft, problems, locked, set, blur }: FieldsProps) {
  const mode = draft['auth.mode'] as AuthMode;
  const modeLocked = locked.has('auth.mode');
  return (
    <fieldset>
      <legend>{t('optionsSignIn')}</legend>
      <fieldset class="modes" aria-describedby={problems.has('auth.mode') ? 'auth.mode-error' : undefined}>
        {/* The outer legend says it for the eye; screen readers hear the group's own name. */}
        <legend class="visually-hidden">{t('optionsSignInHow')}</legend>
        {modeLocked && <p class="help muted">{t('optionsLocked')}</p>}
        {MODES.map((m) => (
          <div key={m.mode} class={`mode${mode === m.mode ? ' chosen' : ''}`}>
            <input id={modeInputId(m.mode)} type="radio" name="auth.mode" value={m.mode} checked={mode === m.mode}
              disabled={modeLocked} aria-describedby={`${modeInputId(m.mode)}-help`} onChange={() => set('auth.mode')(m.mode)} />
            <div>
              <label for={modeInputId(m.mode)}>{t(m.label)}</label>
              <p id={`${modeInputId(m.mode)}-help`} class="help muted">{t(m.help)}</p>
            </div>
          </div>
        ))}
      </fieldset>
      {problems.has('auth.mode') && <p id="auth.mode-error" class="error">{problems.get('auth.mode')}</p>}
      {mode === 'appToken' && <p class="warning" role="note">{t('optionsAppTokenWarning')}</p>}
      {AUTH_FIELDS[mode].map((f) => (
        <Field key={`${mode}.${f.key}`} id={`auth.${f.key}`} label={t(f.label)} type={f.type}
          autoComplete={f.type === 'email' ? 'email' : 'off'}
          value={draft[`auth.${f.key}`] ?? ''} error={problems.get(`auth.${f.key}`)}
          locked={locked.has(`auth.${f.key}`)} onInput={set(`auth.${f.key}`)} onBlur={blur(`auth.${f.key}`)} />
      ))}
    </fieldset>
  );
}
