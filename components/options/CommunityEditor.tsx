import { useEffect, useRef } from 'preact/hooks';
import { t } from '../../lib/platform/i18n';
import type { StoredCommunity } from '../../lib/settings/merge';
import { CommunitySignIn, type CommunitySignInServices } from './CommunitySignIn';
import { labelOf, type CommunityRow } from './community-list';
import type { CheckDeps } from './connection-check';
import type { Problems } from './problems';
import { SettingsForm } from './SettingsForm';

export interface CommunityEditorProps {
  /** The community edited; none while one is added. */
  row: CommunityRow | undefined;
  services: CommunitySignInServices & { test: CheckDeps };
  validate: (entry: StoredCommunity) => Problems;
  onSave: (entry: StoredCommunity) => Promise<Problems>;
  onSaved: (entry: StoredCommunity) => void;
  onSignedIn: (name: string, entry: StoredCommunity) => void;
  onClose: () => void;
  /** Whether "Set up by hand" is open: kept by the page, as the form starts afresh after a sign-out. */
  manualOpen: boolean | undefined;
  onManualToggle: (open: boolean) => void;
}

/** One community's form: its address and the community's own login first, the fields by hand below. */
export function CommunityEditor({ row, services, validate, onSave, onSaved, onSignedIn, onClose, manualOpen, onManualToggle }: CommunityEditorProps) {
  const entry = row?.entry ?? {};
  const title = useRef<HTMLHeadingElement>(null);
  // Opens itself for a sign-in made by hand or a policy's fields, and never closes by itself:
  // a member who just signed out of a pasted pair finds the fields where they were.
  const open = manualOpen ?? manualFirst(row);
  useEffect(() => {
    if (manualFirst(row) && manualOpen !== true) onManualToggle(true);
  }, [row]);
  // Opened from its button: the member continues here, not back at the list.
  useEffect(() => {
    if (document.activeElement?.closest('.communities')) title.current?.focus();
  }, []);

  return (
    <section id="community-editor" class="card" aria-labelledby="community-editor-title">
      <div class="editor-head">
        <h2 id="community-editor-title" ref={title} tabIndex={-1}>{row ? t('optionsEditCommunity', labelOf(entry)) : t('optionsAddCommunity')}</h2>
        <button type="button" class="button secondary small" onClick={onClose}>{t('optionsClose')}</button>
      </div>
      <CommunitySignIn entry={entry} services={services} onSave={onSave} onSignedIn={onSignedIn} />
      <details class="manual" open={open} onToggle={(event) => onManualToggle(event.currentTarget.open)}>
        <summary>{t('optionsManualSetup')}</summary>
        <SettingsForm entry={entry} locked={row?.locked ?? new Set()} validate={validate} onSave={onSave}
          requestHostPermissions={services.requestHostPermissions} test={services.test} onSaved={onSaved} />
      </details>
    </section>
  );
}

function manualFirst(row: CommunityRow | undefined): boolean {
  const mode = row?.entry.auth?.mode;
  return (row?.locked.size ?? 0) > 0 || (mode !== undefined && mode !== 'community');
}
