import { useEffect, useState } from 'preact/hooks';
import { t, type MessageKey } from '../../lib/platform/i18n';
import type { ConnectionPhase, ConnectionStatus } from '../../lib/wire/status';
import { canMove, hostOf, labelOf, MAX_COMMUNITIES, signedIn, type CommunityRow } from './community-list';
import { Confirm } from './Confirm';

const PHASES: Record<ConnectionPhase, MessageKey> = {
  'not-set-up': 'optionsPhaseNotSetUp',
  connecting: 'statusConnecting',
  live: 'statusLive',
  reconnecting: 'statusReconnecting',
  offline: 'optionsPhaseOffline',
  'signed-out': 'optionsPhaseSignedOut',
  error: 'optionsPhaseError',
};

export interface CommunityListProps {
  rows: CommunityRow[];
  /** The status board's entries (lib/wire/status), found by key. */
  statuses: ConnectionStatus[];
  /** Keys of the communities the policy signs in to: no Sign out there. */
  signInByPolicy: Set<string>;
  /** The key of the community whose form is open, `new` while one is added. */
  editing: string | undefined;
  onEdit: (key: string) => void;
  onAdd: () => void;
  /** Resolve once the new order is stored. */
  onMove: (index: number, by: -1 | 1) => Promise<void>;
  onSignOut: (key: string) => Promise<void>;
  onRemove: (key: string) => Promise<void>;
}

type Action = 'up' | 'down';

/** The member's communities in their order: each with where it is and how it is doing, and what can be done to it. */
export function CommunityList({ rows, statuses, signInByPolicy, editing, onEdit, onAdd, onMove, onSignOut, onRemove }: CommunityListProps) {
  // A moved row is drawn anew; the button that moved it keeps the focus (the other one once it reaches an end).
  const [focus, setFocus] = useState<{ key: string; action: Action } | undefined>();
  useEffect(() => {
    if (!focus) return;
    const row = document.querySelector(`[data-community="${focus.key}"]`);
    const wanted = row?.querySelector<HTMLButtonElement>(`[data-action="${focus.action}"]`);
    const other = row?.querySelector<HTMLButtonElement>(`[data-action="${focus.action === 'up' ? 'down' : 'up'}"]`);
    (wanted && !wanted.disabled ? wanted : other)?.focus();
    setFocus(undefined);
  }, [focus]);

  const full = rows.length >= MAX_COMMUNITIES;
  const statusOf = (key: string) => statuses.find((status) => status.key === key) ?? (statuses.length === 1 && !statuses[0]!.key ? statuses[0] : undefined);
  const move = (row: CommunityRow, index: number, action: Action) => void onMove(index, action === 'up' ? -1 : 1).then(() => setFocus({ key: row.key, action }));

  return (
    <section class="card communities" aria-labelledby="communities-title">
      <h2 id="communities-title">{t('optionsCommunities')}</h2>
      {rows.length === 0 ? (
        <p class="muted">{t('optionsNoCommunity')}</p>
      ) : (
        <ol class="community-list">
          {rows.map((row, index) => {
            const label = labelOf(row.entry);
            const phase = statusOf(row.key)?.phase;
            const byPolicy = signInByPolicy.has(row.key);
            return (
              <li key={row.key} data-community={row.key} class={editing === row.key ? 'editing' : undefined}>
                <div class="who">
                  <p class="label">{label}</p>
                  <p class="muted">
                    {hostOf(row.entry.circleUrl)}
                    {hostOf(row.entry.circleUrl) && ' · '}
                    <span class={`phase ${phase ?? 'unknown'}`}>{t(phase ? PHASES[phase] : 'optionsPhaseUnknown')}</span>
                  </p>
                  {byPolicy ? <p class="muted">{t('optionsSignedInByPolicy')}</p> : row.listed && <p class="muted">{t('optionsListedByPolicy')}</p>}
                </div>
                <div class="row-actions">
                  <button type="button" class="button secondary small" aria-expanded={editing === row.key} aria-controls={editing === row.key ? 'community-editor' : undefined}
                    onClick={() => onEdit(row.key)}>
                    {t('optionsEdit')}<span class="visually-hidden"> ({label})</span>
                  </button>
                  {(['up', 'down'] as const).map((action) => (
                    <button key={action} type="button" class="button secondary small" data-action={action}
                      disabled={!canMove(rows, index, action === 'up' ? -1 : 1)} onClick={() => move(row, index, action)}>
                      {t(action === 'up' ? 'optionsMoveUp' : 'optionsMoveDown')}<span class="visually-hidden"> ({label})</span>
                    </button>
                  ))}
                  {signedIn(row) && !byPolicy && (
                    <Confirm id={`sign-out-${row.key}`} label={t('optionsSignOut')} about={label} question={t('optionsSignOutQuestion')}
                      confirm={t('optionsSignOutConfirm')} busy={t('optionsSigningOut')} failed={(why) => t('optionsSignOutFailed', why)}
                      onConfirm={() => onSignOut(row.key)} />
                  )}
                  {!row.listed && (
                    <Confirm id={`remove-${row.key}`} label={t('optionsRemove')} about={label} question={t('optionsRemoveQuestion', label)}
                      confirm={t('optionsRemoveConfirm')} busy={t('optionsRemoving')} failed={(why) => t('optionsRemoveFailed', why)}
                      onConfirm={() => onRemove(row.key)} />
                  )}
                </div>
              </li>
            );
          })}
        </ol>
      )}
      <div class="actions">
        {/* Not `disabled`: a disabled button cannot be reached, and then neither can why. */}
        <button type="button" class="button" aria-disabled={full || undefined} aria-describedby={full ? 'add-limit' : undefined}
          aria-expanded={editing === 'new'} aria-controls={editing === 'new' ? 'community-editor' : undefined} onClick={() => !full && onAdd()}>
          {t('optionsAddCommunity')}
        </button>
        {full && <p id="add-limit" class="muted">{t('optionsCommunityLimit', String(MAX_COMMUNITIES))}</p>}
      </div>
    </section>
  );
}
