import { useState } from 'preact/hooks';
import { t } from '../../lib/platform/i18n';
import { Field } from './Field';
import { numberBounds, numberDraft, numberInput, RETENTION_FIELDS } from './form-draft';
import { problemsOf, type Problems } from './problems';

type Retention = Partial<Record<'keepMessagesPerRoom' | 'keepNotifications', unknown>>;

export interface RetentionFormProps {
  stored: Retention;
  locked: Set<string>;
  /** Resolves once written; the numbers apply to every community. */
  onSave: (retention: Record<string, number>) => Promise<void>;
}

/** What this browser keeps of every community: one place, as every community shares it. */
export function RetentionForm({ stored, locked, onSave }: RetentionFormProps) {
  const [draft, setDraft] = useState(() => Object.fromEntries(RETENTION_FIELDS.map(({ key }) => [key, numberDraft(stored[key], key)])));
  const [problems, setProblems] = useState<Problems>(new Map());
  const [said, setSaid] = useState<{ error: boolean; text: string } | undefined>();

  const inputOf = (current: Record<string, string>) => {
    const input: Record<string, unknown> = {};
    for (const { key } of RETENTION_FIELDS) {
      const value = numberInput(current[key]);
      if (value !== undefined && !locked.has(key)) input[key] = value;
    }
    return input;
  };
  // Judged alone: a community's problem is its own form's to show.
  const judge = (current: Record<string, string>): Problems => {
    const found = problemsOf({ ...inputOf(current), communities: [] });
    return new Map(RETENTION_FIELDS.flatMap(({ key }) => (found.has(key) ? [[key, found.get(key)!] as const] : [])));
  };

  function submit(event: Event) {
    event.preventDefault();
    const found = judge(draft);
    setProblems(found);
    if (found.size) {
      setSaid({ error: true, text: t('optionsInvalid') });
      document.getElementById(RETENTION_FIELDS.find(({ key }) => found.has(key))!.key)?.focus();
      return;
    }
    onSave(inputOf(draft) as Record<string, number>).then(
      () => setSaid({ error: false, text: t('optionsRetentionSaved') }),
      () => setSaid({ error: true, text: t('optionsSaveFailed') }),
    );
  }

  return (
    <section class="card" aria-labelledby="retention-title">
      <h2 id="retention-title">{t('optionsRetentionTitle')}</h2>
      <p class="muted">{t('optionsRetentionIntro')}</p>
      <form class="settings" onSubmit={submit} noValidate>
        <div class="numbers">
          {RETENTION_FIELDS.map(({ key, label, help }) => {
            const { min, max, fallback } = numberBounds(key);
            return (
              <Field key={key} id={key} label={t(label)} help={t(help, [String(min), String(max), String(fallback)])} type="number"
                value={draft[key] ?? ''} error={problems.get(key)} locked={locked.has(key)}
                onInput={(value) => {
                  const next = { ...draft, [key]: value };
                  setDraft(next);
                  setSaid(undefined);
                  if (problems.has(key)) setProblems(judge(next));
                }}
                onBlur={() => setProblems(judge(draft))} />
            );
          })}
        </div>
        <div class="actions">
          <button type="submit" class="button secondary">{t('optionsRetentionSave')}</button>
          <p id="retention-status" role="status" class={said?.error ? 'error' : 'muted'}>{said?.text ?? ''}</p>
        </div>
      </form>
    </section>
  );
}
