import { useEffect, useState } from 'preact/hooks';
import { t } from '../../lib/platform/i18n';
import { hostPermissionsFor } from '../../lib/platform/permissions';
import type { StoredCommunity } from '../../lib/settings/merge';
import type { AuthMode } from '../../lib/settings/schema';
import { Field } from './Field';
import { useAfterPointer } from './after-pointer';
import { AdvancedFields } from './AdvancedFields';
import { CheckButton, CheckSteps, useConnectionCheck } from './ConnectionCheck';
import type { CheckDeps } from './connection-check';
import { ADVANCED_FIELDS, draftOf, fieldOrder, inputOf, type Draft } from './form-draft';
import type { Problems } from './problems';
import { modeInputId, SignInFields } from './SignInFields';

export interface SettingsFormProps {
  /** The one community this form edits, as merged with the policy. */
  entry: StoredCommunity;
  /** Its fields the policy fixes (`origin`, `auth.mode`). */
  locked: Set<string>;
  /** Its problems, judged in the list it belongs to, by field. */
  validate: (entry: StoredCommunity) => Problems;
  /** Stores it; resolves to the problems found meanwhile (none: saved). */
  onSave: (entry: StoredCommunity) => Promise<Problems>;
  /** Must ask at once, inside the click: see lib/platform/permissions. */
  requestHostPermissions: (origins: string[]) => Promise<boolean>;
  test: CheckDeps;
  onSaved?: (entry: StoredCommunity) => void;
}

type Outcome = { kind: 'saved' | 'invalid' | 'refused' | 'failed'; text: string } | undefined;

export function SettingsForm({ entry, locked, validate, onSave, requestHostPermissions, test, onSaved }: SettingsFormProps) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(entry));
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
      const found = validate(inputOf(next, entry)).get(field);
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
  function show(found: Problems): boolean {
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
    const input = inputOf(draft, entry);
    if (!show(validate(input))) return;
    const hosts = hostPermissionsFor(input);
    const permission = requestHostPermissions(hosts);
    void (async () => {
      if (!(await permission)) return setOutcome({ kind: 'refused', text: t('optionsPermissionDenied', hosts.join(', ')) });
      try {
        if (!show(await onSave(input))) return;
        setOutcome({ kind: 'saved', text: t('optionsSaved') });
        onSaved?.(input);
      } catch {
        setOutcome({ kind: 'failed', text: t('optionsSaveFailed') });
      }
    })();
  }

  function startCheck() {
    const input = inputOf(draft, entry);
    setOutcome(undefined);
    const invalid = !show(validate(input));
    const hosts = invalid ? [] : hostPermissionsFor(input);
    connectionCheck.start({ input, invalid, hosts, permission: requestHostPermissions(hosts) });
  }

  const fields = { draft, problems, locked, set, blur };
  const text = (id: 'circleUrl' | 'origin' | 'name', label: string, help: string, type: 'url' | 'text') => (
    <Field id={id} label={label} help={help} type={type} value={draft[id] ?? ''} error={problems.get(id)} locked={locked.has(id)}
      onInput={set(id)} onBlur={blur(id)} />
  );
  return (
    <form class="settings" onSubmit={submit} noValidate>
      <fieldset>
        <legend>{t('optionsCommunity')}</legend>
        {text('circleUrl', t('optionsCircleUrl'), `${t('optionsCircleUrlHelp')} ${t('optionsCustomDomainHelp')}`, 'url')}
        {text('origin', t('optionsOrigin'), t('optionsOriginHelp'), 'url')}
        {text('name', t('optionsName'), t('optionsNameHelp'), 'text')}
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
