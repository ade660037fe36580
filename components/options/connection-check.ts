import type { Clock } from '../../lib/cable/clock';
import { probeCable, PROBE_TIMEOUT_MS } from '../../lib/cable/probe';
import type { WebSocketFactory } from '../../lib/cable/socket';
import { t } from '../../lib/platform/i18n';
import { failureText } from '../shared/reason-text';
import { probeFailure, probeTitle } from './check-words';
import type { CheckPreparation } from '../../lib/wire/messages';

export interface CheckRow {
  id: string;
  state: 'running' | 'ok' | 'failed';
  title: string;
  detail?: string;
}

export interface CheckDeps {
  /** The background: a token for these settings, REST's word on it, the header rule for this tab. */
  prepare(settings: unknown): Promise<CheckPreparation>;
  /** The background drops the test's header rule. */
  end(): Promise<void>;
  createWebSocket: WebSocketFactory;
  clock: Clock;
}

export interface CheckRun {
  input: Record<string, unknown>;
  /** Problems the form found in `input`; any fails the first step. */
  invalid: boolean;
  /** The host permission, asked for in the click itself (see lib/platform/permissions). */
  permission: Promise<boolean>;
  hosts: string[];
}

/**
 * "Check connection", step by step: settings, token (background), then the cable from this
 * page (lib/cable/probe). `onRows` gets the whole list after every change; the result is
 * whether every step passed. The test's header rule is always removed at the end.
 */
export async function runConnectionCheck(run: CheckRun, deps: CheckDeps, onRows: (rows: CheckRow[]) => void): Promise<boolean> {
  const rows = new Map<string, CheckRow>();
  const show = (row: CheckRow) => {
    rows.set(row.id, row);
    onRows([...rows.values()]);
  };
  const settingsTitle = t('optionsStepSettings');
  const tokenTitle = t('optionsStepToken');
  show({ id: 'settings', state: 'running', title: settingsTitle });
  if (run.invalid) {
    show({ id: 'settings', state: 'failed', title: settingsTitle, detail: t('optionsSettingsInvalid') });
    return false;
  }
  if (!(await run.permission)) {
    show({ id: 'settings', state: 'failed', title: settingsTitle, detail: t('optionsPermissionRefused', run.hosts.join(', ')) });
    return false;
  }
  show({ id: 'settings', state: 'ok', title: settingsTitle });
  show({ id: 'token', state: 'running', title: tokenTitle });
  try {
    let prep: CheckPreparation;
    try {
      prep = await deps.prepare(run.input);
    } catch {
      prep = { ok: false, step: 'token', reason: { code: 'no_answer' } };
    }
    if (!prep.ok) {
      const id = prep.step === 'settings' ? 'settings' : 'token';
      if (id === 'settings') rows.delete('token');
      const why = failureText(prep.reason);
      const detail = prep.reason.code === 'not_eligible' ? why : t(id === 'settings' ? 'optionsSettingsRefused' : 'optionsTokenFailed', why);
      show({ id, state: 'failed', title: id === 'settings' ? settingsTitle : tokenTitle, detail });
      return false;
    }
    const who = prep.memberName ? `${prep.memberName} (#${prep.memberId})` : `#${prep.memberId}`;
    show({ id: 'token', state: 'ok', title: tokenTitle, detail: t('optionsTokenOk', who) });
    const ctx = { origin: String(run.input.origin ?? ''), cableUrl: prep.cableUrl, seconds: String(PROBE_TIMEOUT_MS / 1000) };
    const result = await probeCable({
      url: prep.cableUrl,
      channels: prep.channels,
      createWebSocket: deps.createWebSocket,
      clock: deps.clock,
      onStep: (event) => {
        const id = event.identifier ? `subscription:${event.identifier}` : event.step;
        show({ id, state: event.state, title: probeTitle(event), detail: event.state === 'failed' ? probeFailure(event, ctx) : undefined });
      },
    });
    return result.ok;
  } finally {
    await deps.end().catch(() => undefined);
  }
}
