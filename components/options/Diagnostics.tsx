import { useState } from 'preact/hooks';
import { t } from '../../lib/platform/i18n';
import { diagnosticsText, reasonCode, rejectionCounts, type About } from './diagnostics-text';
import type { ConnectionStatus } from '../../lib/wire/status';

export interface DiagnosticsProps {
  /** Every community's, from the status board: one is shown at a time. */
  statuses: ConnectionStatus[];
  about: About;
  /** Puts the text on the clipboard; rejects when the browser will not. */
  copy(text: string): Promise<void>;
}

const time = (at: number) => new Date(at).toLocaleTimeString();

/**
 * What Circle Live saw, for a bug report: codes, counts and the shapes of what it could not
 * read, never a value. Circle's live envelope is not documented; these shapes are how a
 * member's real Circle can tell us.
 */
export function Diagnostics({ statuses, about, copy }: DiagnosticsProps) {
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const [chosen, setChosen] = useState(0);
  const status = statuses[chosen] ?? statuses[0];
  const text = diagnosticsText(about, status);
  const counts = rejectionCounts(status);
  const shapes = status?.diagnostics?.shapes ?? [];
  const history = status?.diagnostics?.history ?? [];

  async function onCopy() {
    try {
      await copy(text);
      setCopied('copied');
    } catch {
      setCopied('failed');
    }
  }

  return (
    <section class="card diagnostics" aria-labelledby="diagnostics-title">
      <h2 id="diagnostics-title">{t('diagnosticsTitle')}</h2>
      <p class="muted">{t('diagnosticsIntro')}</p>
      {statuses.length > 1 && (
        <div class="field">
          <label for="diagnostics-community">{t('diagnosticsCommunity')}</label>
          <select id="diagnostics-community" value={String(chosen)} onChange={(event) => {
            setChosen(Number(event.currentTarget.value));
            setCopied('idle');
          }}>
            {statuses.map((s, index) => <option key={s.key ?? index} value={String(index)}>{s.label ?? s.key ?? String(index + 1)}</option>)}
          </select>
        </div>
      )}
      <dl class="facts">
        <dt>{t('diagnosticsVersion')}</dt>
        <dd>{about.version}</dd>
        <dt>{t('diagnosticsBrowser')}</dt>
        <dd>{about.browser}</dd>
        <dt>{t('diagnosticsConnection')}</dt>
        <dd>
          {status ? <code>{[status.phase, status.cable?.state, reasonCode(status.reason)].filter(Boolean).join(' · ')}</code> : t('diagnosticsNone')}
        </dd>
      </dl>
      <h3 id="diagnostics-history">{t('diagnosticsHistory')}</h3>
      {history.length ? (
        <ol class="history" aria-labelledby="diagnostics-history">
          {history.map((change, index) => (
            <li key={index}>
              <time dateTime={new Date(change.at).toISOString()}>{time(change.at)}</time>{' '}
              <code>{[change.phase, change.cable, reasonCode(change.reason)].filter(Boolean).join(' · ')}</code>
            </li>
          ))}
        </ol>
      ) : (
        <p class="muted">{t('diagnosticsNone')}</p>
      )}
      <h3 id="diagnostics-rejected">{t('diagnosticsRejected')}</h3>
      {counts.length ? (
        <table class="counts" aria-labelledby="diagnostics-rejected">
          <tbody>
            {counts.map(([kind, count]) => (
              <tr key={kind}>
                <th scope="row"><code>{kind}</code></th>
                <td>{count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="muted">{t('diagnosticsNone')}</p>
      )}
      <h3 id="diagnostics-shapes">{t('diagnosticsShapes')}</h3>
      {shapes.length ? (
        <ul class="shapes" aria-labelledby="diagnostics-shapes">
          {[...shapes].reverse().map((sample) => (
            <li key={`${sample.kind} ${sample.shape}`}>
              <span class="kind"><code>{sample.kind}</code> {t('diagnosticsTimes', String(sample.count))}</span>
              <code class="shape">{sample.shape}</code>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t('diagnosticsNone')}</p>
      )}
      <div class="actions">
        <button type="button" class="button secondary" onClick={() => void onCopy()}>{t('diagnosticsCopy')}</button>
        <p role="status" class="muted">{copied === 'copied' ? t('diagnosticsCopied') : copied === 'failed' ? t('diagnosticsCopyFailed') : ''}</p>
      </div>
      {copied === 'failed' && <textarea class="copy-text" readOnly aria-label={t('diagnosticsCopyText')} value={text} rows={10} />}
    </section>
  );
}
