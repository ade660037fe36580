import { useState } from 'preact/hooks';
import { t, type MessageKey } from '../lib/platform/i18n';
import type { StoredSettings } from '../lib/settings/merge';
import type { AuthMode, SettingsProblem, SettingsResult } from '../lib/settings/schema';
import { Field } from './Field';

type Draft = Record<string, string>;

const MODES: { mode: AuthMode; label: MessageKey; help: MessageKey }[] = [
  { mode: 'tokens', label: 'optionsModeTokens', help: 'optionsModeTokensHelp' },
  { mode: 'appToken', label: 'optionsModeAppToken', help: 'optionsModeAppTokenHelp' },
  { mode: 'tokenUrl', label: 'optionsModeTokenUrl', help: 'optionsModeTokenUrlHelp' },
];

const AUTH_FIELDS: Record<AuthMode, { key: string; label: MessageKey; type: 'password' | 'email' | 'url' }[]> = {
  tokens: [
    { key: 'accessToken', label: 'optionsAccessToken', type: 'password' },
    { key: 'refreshToken', label: 'optionsRefreshToken', type: 'password' },
  ],
  appToken: [
    { key: 'appToken', label: 'optionsAppToken', type: 'password' },
    { key: 'email', label: 'optionsEmail', type: 'email' },
  ],
  tokenUrl: [{ key: 'tokenUrl', label: 'optionsTokenUrl', type: 'url' }],
};

function draftOf(stored: StoredSettings): Draft {
  const draft: Draft = {};
  for (const [key, value] of Object.entries(stored)) if (typeof value === 'string') draft[key] = value;
  for (const [key, value] of Object.entries(stored.auth ?? {})) if (typeof value === 'string') draft[`auth.${key}`] = value;
  draft['auth.mode'] ||= 'tokens';
  return draft;
}

/** Back to the settings contract: only the chosen mode's fields, empty optional fields left out. */
function inputOf(draft: Draft, stored: StoredSettings): Record<string, unknown> {
  const mode = draft['auth.mode'] as AuthMode;
  const auth: Record<string, string> = { mode };
  for (const { key } of AUTH_FIELDS[mode]) auth[key] = draft[`auth.${key}`] ?? '';
  const kept = mode === 'tokens' && stored.auth?.mode === 'tokens' ? stored.auth : {};
  for (const key of ['accessTokenExpiresAt', 'refreshTokenExpiresAt'] as const) {
    const value = (kept as Record<string, unknown>)[key];
    if (typeof value === 'string') auth[key] = value;
  }
  return {
    ...stored,
    circleUrl: draft.circleUrl ?? '',
    origin: draft.origin ?? '',
    ...(draft.cableUrl ? { cableUrl: draft.cableUrl } : {}),
    auth,
  };
}

export interface SettingsFormProps {
  stored: StoredSettings;
  locked: Set<string>;
  onSave: (input: Record<string, unknown>) => Promise<SettingsResult>;
}

export function SettingsForm({ stored, locked, onSave }: SettingsFormProps) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(stored));
  const [problems, setProblems] = useState<SettingsProblem[]>([]);
  const [saved, setSaved] = useState(false);
  const mode = draft['auth.mode'] as AuthMode;
  const set = (key: string) => (value: string) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setSaved(false);
  };
  const errorOf = (field: string) => problems.find((p) => p.field === field)?.message;

  async function submit(event: Event) {
    event.preventDefault();
    const result = await onSave(inputOf(draft, stored));
    setProblems(result.ok ? [] : result.problems);
    setSaved(result.ok);
  }

  return (
    <form class="settings" onSubmit={submit} noValidate aria-describedby="form-status">
      <fieldset>
        <legend>{t('optionsCommunity')}</legend>
        <Field id="circleUrl" label={t('optionsCircleUrl')} help={t('optionsCircleUrlHelp')} type="url"
          value={draft.circleUrl ?? ''} error={errorOf('circleUrl')} locked={locked.has('circleUrl')} onInput={set('circleUrl')} />
        <Field id="origin" label={t('optionsOrigin')} help={t('optionsOriginHelp')} type="url"
          value={draft.origin ?? ''} error={errorOf('origin')} locked={locked.has('origin')} onInput={set('origin')} />
      </fieldset>
      <fieldset>
        <legend>{t('optionsSignIn')}</legend>
        <div role="radiogroup" aria-label={t('optionsSignIn')} class="modes">
          {MODES.map((m) => (
            <label key={m.mode} class="mode">
              <input type="radio" name="auth.mode" value={m.mode} checked={mode === m.mode}
                disabled={locked.has('auth.mode')} onChange={() => set('auth.mode')(m.mode)} />
              <span>
                <strong>{t(m.label)}</strong>
                <span class="muted"> — {t(m.help)}</span>
              </span>
            </label>
          ))}
        </div>
        {errorOf('auth.mode') && <p class="error" role="alert">{errorOf('auth.mode')}</p>}
        {mode === 'appToken' && <p class="warning" role="note">{t('optionsAppTokenWarning')}</p>}
        {AUTH_FIELDS[mode].map((f) => (
          <Field key={f.key} id={`auth.${f.key}`} label={t(f.label)} type={f.type}
            value={draft[`auth.${f.key}`] ?? ''} error={errorOf(`auth.${f.key}`)}
            locked={locked.has(`auth.${f.key}`)} onInput={set(`auth.${f.key}`)} />
        ))}
      </fieldset>
      <div class="actions">
        <button type="submit" class="button">{t('optionsSave')}</button>
        <p id="form-status" role="status" class={problems.length ? 'error' : 'muted'}>
          {problems.length ? t('optionsInvalid') : saved ? t('optionsSaved') : ''}
        </p>
      </div>
    </form>
  );
}
