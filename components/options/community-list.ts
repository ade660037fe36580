import { t } from '../../lib/platform/i18n';
import type { StoredCommunity, StoredSettings } from '../../lib/settings/merge';
import { communityKey, communityLabel, MAX_COMMUNITIES } from '../../lib/settings/schema';
import { problemsOf, type Problems } from './problems';

export { MAX_COMMUNITIES };

/** One community on the page, as merged: the member's entry over the policy's, if any. */
export interface CommunityRow {
  entry: StoredCommunity;
  /** `communityKey` of its origin: what the background, the status board and sign-out call it. */
  key: string;
  /** The policy lists it: it cannot be removed. */
  listed: boolean;
  /** Every field it has is the policy's: the member has no entry of their own to write. */
  policyOnly: boolean;
  /** Fields the policy fixes, without the `communities.N.` prefix. */
  locked: Set<string>;
}

export interface ListSource {
  stored: StoredSettings;
  locked: Set<string>;
}

/** A row's key; an entry without an origin yet (being typed) is known by its place. */
export function keyOf(entry: StoredCommunity, index: number): string {
  return typeof entry.origin === 'string' && entry.origin.trim() ? communityKey(entry.origin) : `#${index}`;
}

export function labelOf(entry: StoredCommunity): string {
  const origin = typeof entry.origin === 'string' ? entry.origin : '';
  const name = typeof entry.name === 'string' && entry.name.trim() ? entry.name.trim() : undefined;
  return communityLabel({ name, origin }) || String(entry.circleUrl ?? '');
}

export function hostOf(url: unknown): string {
  return typeof url === 'string' && URL.canParse(url) ? new URL(url).host : '';
}

export function rowsOf({ stored, locked }: ListSource): CommunityRow[] {
  return (stored.communities ?? []).map((entry, index) => {
    const prefix = `communities.${index}.`;
    const own = new Set([...locked].filter((field) => field.startsWith(prefix)).map((field) => field.slice(prefix.length)));
    const fields = [...Object.keys(entry), ...Object.keys(typeof entry.auth === 'object' && entry.auth ? entry.auth : {}).map((k) => `auth.${k}`)];
    const listed = locked.has(`communities.${index}`);
    return { entry, key: keyOf(entry, index), listed, policyOnly: listed && fields.every((field) => own.has(field)), locked: own };
  });
}

/**
 * What the member's own settings become: their communities in the page's order and the
 * retention the policy does not fix. A community only the policy holds is not copied: the
 * policy keeps it (on every read, first), and would otherwise outlive its removal there.
 */
export function settingsOf(rows: CommunityRow[], { stored, locked }: ListSource): StoredSettings {
  const rest = Object.fromEntries(Object.entries(stored).filter(([field]) => field !== 'communities' && !locked.has(field)));
  return { ...rest, communities: rows.filter((row) => !row.policyOnly).map((row) => row.entry) };
}

/** Where a row may move: never above a community only the policy holds, which always reads first. */
export function canMove(rows: CommunityRow[], index: number, by: -1 | 1): boolean {
  const to = index + by;
  return !rows[index]?.policyOnly && to >= 0 && to < rows.length && !rows[to]!.policyOnly;
}

export function moved<T>(list: T[], index: number, by: -1 | 1): T[] {
  const next = [...list];
  const [row] = next.splice(index, 1);
  next.splice(index + by, 0, row!);
  return next;
}

/** The list with `entry` at `index` (one past the end: added), for the member's own rows. */
export function withEntry(rows: CommunityRow[], index: number, entry: StoredCommunity): CommunityRow[] {
  const row: CommunityRow = rows[index] ? { ...rows[index], entry, key: keyOf(entry, index), policyOnly: false } : { entry, key: keyOf(entry, index), listed: false, policyOnly: false, locked: new Set() };
  return index < rows.length ? rows.map((current, i) => (i === index ? row : current)) : [...rows, row];
}

/**
 * One community's problems by field, without the `communities.N.` prefix: judged alone, and
 * against the others' origins. Their own problems are theirs: a community signed out
 * elsewhere in the list never keeps this one from being saved.
 */
export function communityProblems(rows: CommunityRow[], index: number, retention: StoredSettings): Problems {
  const { communities: _, ...rest } = retention;
  const entry = rows[index]!.entry;
  const problems = problemsAt(problemsOf({ ...rest, communities: [entry] }), 0);
  const key = keyOf(entry, index);
  if (!problems.has('origin') && rows.some((row, i) => i !== index && row.key === key)) problems.set('origin', t('optionsErrorDuplicate'));
  return problems;
}

export function problemsAt(problems: Problems, index: number): Problems {
  const prefix = `communities.${index}.`;
  return new Map([...problems].filter(([field]) => field.startsWith(prefix)).map(([field, text]) => [field.slice(prefix.length), text]));
}

/** The row's community has a sign-in of the member's own, which Sign out drops. */
export function signedIn(row: CommunityRow): boolean {
  return typeof row.entry.auth === 'object' && row.entry.auth !== null && Object.keys(row.entry.auth).some((field) => field !== 'mode');
}
