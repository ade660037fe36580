import { useEffect, useState } from 'preact/hooks';
import { t } from '../../lib/platform/i18n';
import { hostPermissionsFor } from '../../lib/platform/permissions';
import type { StoredSettings } from '../../lib/settings/merge';
import type { AuthMode, SettingsResult } from '../../lib/settings/schema';
import { Field } from './Field';
import { useAfterPointer } from './after-pointer';
import { AdvancedFields } from './AdvancedFields';
import { CheckButton, CheckSteps, useConnectionCheck } from './ConnectionCheck';
import type { CheckDeps } from './connection-check';
import { ADVANCED_FIELDS, draftOf, fieldOrder, inputOf, type Draft } from './form-draft';
import { problemsOf, type Problems } from './problems';
import { modeInputId, SignInFields } from './SignInFields';

export interface SettingsFormProps {
  stored: StoredSettings;
  locked: Set<string>;
  onSave: (input: Record<string, unknown>) => Promise<SettingsResult>;
  /** Must ask at once, inside the click: see lib/platform/permissions. */
  requestHostPermissions: (origins: string[]) => Promise<boolean>;
  test: CheckDeps;
  onSaved?: () => void;
}

type Outcome = { kind: 'saved' | 'invalid' | 'refused' | 'failed'; text: string } | undefined;

export function SettingsForm({ stored, locked, onSave, requestHostPermissions, test, onSaved }: SettingsFormProps) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(stored));
  const [problems, setProblems] = useState<Problems>(new Map());
  const [outcome, setOutcome] = useState<Outcome>();
  const [advancedOpen, setAdvancedOpen] = useState(false);
  const [focusRequest, setFocusRequest] = useState<{ field: string } | undefined>();
  const connectionCheck = useConnectionCheck(test);
  const afterPointer = useAfterPointer();
  const mode = draft['auth.mode'] as AuthMode;

  useEffect(() => {
    if (!focusRequest) return;
    const id = focusRequest.field === 'auth.mode' ? modeInputId(mode) : focusRequest.field;
    document.getElementById(id)?.focus();
  }, [focusRequest]);

  /** A field's own verdict: on blur, and while it is marked wrong, so fixing it clears the mark. */
  function judge(field: string, next: Draft, always: boolean) {
    setProblems((current) => {
      if (!always && !current.has(field)) return current;
      const found = problemsOf(inputOf(next, stored)).get(field);
      const updated = new Map(current);
      if (found) updated.set(field, found);
      else updated.delete(field);
      return updated;
    });
  }
  const set = (field: string) => (value: string) => {
    const next = { ...draft, [field]: value };
    setDraft(next);
    setOutcome(undefined);
    if (field === 'auth.mode') setProblems((current) => new Map([...current].filter(([key]) => !key.startsWith('auth.'))));
    else judge(field, next, false);
  };
  const blur = (field: string) => () => afterPointer(() => judge(field, draft, true));

  /** Every problem shown, the first one focused; true when there is none. */
  function check(input: Record<string, unknown>): boolean {
    const found = problemsOf(input);
    setProblems(found);
    const order = fieldOrder(mode);
    const first = order.find((field) => found.has(field));
    if (first && ADVANCED_FIELDS.has(first)) setAdvancedOpen(true);
    if (first) setFocusRequest({ field: first });
    // A problem no field shows (a stored token expiry, say) is said here instead.
    const elsewhere = [...found].filter(([field]) => !order.includes(field)).map(([field, message]) => `${field}: ${message}`);
    if (found.size) setOutcome({ kind: 'invalid', text: [t('optionsInvalid'), ...elsewhere].join(' ') });
    return found.size === 0;
  }

  // Both handlers ask for the host permission before their first await: Firefox requires it.
  function submit(event: Event) {
    event.preventDefault();
    const input = inputOf(draft, stored);
    if (!check(input)) return;
    const hosts = hostPermissionsFor(input);
    const permission = requestHostPermissions(hosts);
    void (async () => {
      if (!(await permission)) return setOutcome({ kind: 'refused', text: t('optionsPermissionDenied', hosts.join(', ')) });
      const result = await onSave(input).catch((error: unknown) => ({ ok: false as const, problems: [{ field: '(settings)', message: String(error) }] }));
      if (result.ok) {
        setOutcome({ kind: 'saved', text: t('optionsSaved') });
        onSaved?.();
      } else if (check(input)) setOutcome({ kind: 'failed', text: result.problems.map((p) => p.message).join('; ') });
    })();
  }

  function startCheck() {
    const input = inputOf(draft, stored);
    setOutcome(undefined);
    const invalid = !check(input);
    const hosts = invalid ? [] : hostPermissionsFor(input);
    connectionCheck.start({ input, invalid, hosts, permission: requestHostPermissions(hosts) });
  }

  const fields = { draft, problems, locked, set, blur };
  return (
    <form class="settings" onSubmit={submit} noValidate>
      <fieldset>
        <legend>{t('optionsCommunity')}</legend>
        <Field id="circleUrl" label={t('optionsCircleUrl')} help={`${t('optionsCircleUrlHelp')} ${t('optionsCustomDomainHelp')}`} type="url"
          value={draft.circleUrl ?? ''} error={problems.get('circleUrl')} locked={locked.has('circleUrl')}
          onInput={set('circleUrl')} onBlur={blur('circleUrl')} />
        <Field id="origin" label={t('optionsOrigin')} help={t('optionsOriginHelp')} type="url"
          value={draft.origin ?? ''} error={problems.get('origin')} locked={locked.has('origin')}
          onInput={set('origin')} onBlur={blur('origin')} />
      </fieldset>
      <SignInFields {...fields} />
      <AdvancedFields {...fields} open={advancedOpen} onToggle={setAdvancedOpen} />
      <div class="actions">
        <button type="submit" class="button">{t('optionsSave')}</button>
        <CheckButton running={connectionCheck.running} onClick={startCheck} />
        <p id="form-status" role="status" class={outcome && outcome.kind !== 'saved' ? 'error' : 'muted'}>
          {outcome?.text ?? ''}
        </p>
      </div>
      <CheckSteps rows={connectionCheck.rows} passed={connectionCheck.passed} />
    </form>
  );
}
