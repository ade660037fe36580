import { useState } from 'preact/hooks';
import { t } from '../../lib/platform/i18n';
import { runConnectionCheck, type CheckDeps, type CheckRow, type CheckRun } from './connection-check';

const ICONS: Record<CheckRow['state'], string> = { running: '…', ok: '✓', failed: '✗' };
const STATES = { running: 'optionsStepRunning', ok: 'optionsStepOk', failed: 'optionsStepFailed' } as const;

export function CheckButton({ running, onClick }: { running: boolean; onClick: () => void }) {
  return (
    <button type="button" class="button secondary" onClick={onClick} disabled={running} aria-controls="check-steps">
      {running ? t('optionsChecking') : t('optionsCheck')}
    </button>
  );
}

/** The test's state: `start` must be called from the click itself (it may ask for a permission). */
export function useConnectionCheck(deps: CheckDeps) {
  const [rows, setRows] = useState<CheckRow[]>([]);
  const [running, setRunning] = useState(false);
  const [passed, setPassed] = useState<boolean | undefined>();
  function start(run: CheckRun) {
    setRunning(true);
    setPassed(undefined);
    setRows([]);
    void runConnectionCheck(run, deps, setRows)
      .catch(() => false)
      .then((ok) => {
        setPassed(ok);
        setRunning(false);
      });
  }
  return { rows, running, passed, start };
}

/** The steps as they happen: an ordered list in a polite live region, each with a word, not just a sign. */
export function CheckSteps({ rows, passed }: { rows: CheckRow[]; passed: boolean | undefined }) {
  const failed = rows.find((row) => row.state === 'failed');
  return (
    // The live region is there from the start: one that appears with its content is not always read.
    <section id="check-steps" class="test" aria-live="polite" aria-label={t('optionsCheckTitle')}>
      {rows.length > 0 && <h2>{t('optionsCheckTitle')}</h2>}
      <ol class="steps" hidden={!rows.length}>
        {rows.map((row) => (
          <li key={row.id} class={`step ${row.state}`} data-step={row.id}>
            <span class="icon" aria-hidden="true">{ICONS[row.state]}</span>
            <span class="text">
              <span class="title">
                <span class="visually-hidden">{t(STATES[row.state])}: </span>
                {row.title}
              </span>
              {row.detail && <span class="detail">{row.detail}</span>}
            </span>
          </li>
        ))}
      </ol>
      {passed !== undefined && (
        <p class={`summary ${passed ? 'ok' : 'failed'}`}>{passed ? t('optionsCheckPassed') : t('optionsCheckFailed', failed?.title ?? '')}</p>
      )}
    </section>
  );
}
