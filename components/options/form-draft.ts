import type { MessageKey } from '../../lib/platform/i18n';
import type { StoredCommunity } from '../../lib/settings/merge';
import { communitySchema, retentionShape, type AuthMode } from '../../lib/settings/schema';

/** The form's working copy of one community: every field as the text in its input, keyed by dotted path. */
export type Draft = Record<string, string>;

export const MODES: { mode: AuthMode; label: MessageKey; help: MessageKey }[] = [
  { mode: 'tokens', label: 'optionsModeTokens', help: 'optionsModeTokensHelp' },
  { mode: 'appToken', label: 'optionsModeAppToken', help: 'optionsModeAppTokenHelp' },
  { mode: 'tokenUrl', label: 'optionsModeTokenUrl', help: 'optionsModeTokenUrlHelp' },
];

export const AUTH_FIELDS: Record<AuthMode, { key: string; label: MessageKey; type: 'password' | 'email' | 'url' }[]> = {
  tokens: [
    { key: 'accessToken', label: 'optionsAccessToken', type: 'password' },
    { key: 'refreshToken', label: 'optionsRefreshToken', type: 'password' },
  ],
  appToken: [
    { key: 'appToken', label: 'optionsAppToken', type: 'password' },
    { key: 'email', label: 'optionsEmail', type: 'email' },
  ],
  tokenUrl: [{ key: 'tokenUrl', label: 'optionsTokenUrl', type: 'url' }],
  // Filled by "Sign in" above the form, never typed: its sign-in is kept whole (inputOf).
  community: [],
};

/** `liveRooms` belongs to each community; the retention numbers are shared by all of them. */
export type NumberField = 'liveRooms' | 'keepMessagesPerRoom' | 'keepNotifications';

const NUMBER_SCHEMAS = { liveRooms: communitySchema.shape.liveRooms, ...retentionShape };

/** Bounds and defaults come from the schema, so the form cannot drift from the contract. */
export function numberBounds(field: NumberField): { min: number; max: number; fallback: number } {
  const schema = NUMBER_SCHEMAS[field];
  const inner = schema.unwrap();
  return { min: inner.minValue ?? 0, max: inner.maxValue ?? Number.MAX_SAFE_INTEGER, fallback: schema.def.defaultValue };
}

export const NUMBER_FIELDS: { key: NumberField; label: MessageKey; help: MessageKey }[] = [
  { key: 'liveRooms', label: 'optionsLiveRooms', help: 'optionsLiveRoomsHelp' },
  { key: 'keepMessagesPerRoom', label: 'optionsKeepMessages', help: 'optionsKeepMessagesHelp' },
  { key: 'keepNotifications', label: 'optionsKeepNotifications', help: 'optionsKeepNotificationsHelp' },
];

export type RetentionField = Exclude<NumberField, 'liveRooms'>;
export const RETENTION_FIELDS = NUMBER_FIELDS.filter((f): f is (typeof NUMBER_FIELDS)[number] & { key: RetentionField } => f.key !== 'liveRooms');

/** Fields inside the collapsed "Advanced" section: a problem there has to open it. */
export const ADVANCED_FIELDS = new Set<string>(['cableUrl', 'liveRooms']);

/** Top to bottom, as on the page: saving focuses the first invalid one. */
export function fieldOrder(mode: AuthMode): string[] {
  return ['circleUrl', 'origin', 'name', 'auth.mode', ...AUTH_FIELDS[mode].map((f) => `auth.${f.key}`), ...ADVANCED_FIELDS];
}

/** A number as typed: empty is left out (the default applies); anything but digits goes through as text, for the schema to refuse. */
export function numberInput(text: string | undefined): number | string | undefined {
  const trimmed = text?.trim() ?? '';
  if (trimmed === '') return undefined;
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

export function numberDraft(value: unknown, field: NumberField): string {
  return typeof value === 'number' ? String(value) : String(numberBounds(field).fallback);
}

const authOf = (entry: StoredCommunity): Record<string, unknown> => (typeof entry.auth === 'object' && entry.auth !== null ? entry.auth : {});

export function draftOf(entry: StoredCommunity): Draft {
  const draft: Draft = {};
  for (const [key, value] of Object.entries(entry)) if (typeof value === 'string') draft[key] = value;
  for (const [key, value] of Object.entries(authOf(entry))) if (typeof value === 'string') draft[`auth.${key}`] = value;
  draft.liveRooms = numberDraft(entry.liveRooms, 'liveRooms');
  draft['auth.mode'] ||= 'tokens';
  return draft;
}

/** Back to one community of the settings contract: only the chosen mode's fields, empty optional fields left out. */
export function inputOf(draft: Draft, entry: StoredCommunity): StoredCommunity {
  const mode = draft['auth.mode'] as AuthMode;
  const stored = authOf(entry);
  const auth: Record<string, unknown> = mode === 'community' && stored.mode === 'community' ? { ...stored } : { mode };
  for (const { key } of AUTH_FIELDS[mode]) auth[key] = draft[`auth.${key}`] ?? '';
  // Expiry times are not in the form; they stay with the token pair they describe.
  const kept = mode === 'tokens' && stored.mode === 'tokens' ? stored : {};
  for (const token of ['accessToken', 'refreshToken']) {
    const expiresAt = kept[`${token}ExpiresAt`];
    if (typeof expiresAt === 'string' && kept[token] === auth[token]) auth[`${token}ExpiresAt`] = expiresAt;
  }
  const input: StoredCommunity = { ...entry, circleUrl: draft.circleUrl ?? '', origin: draft.origin ?? '', auth: auth as StoredCommunity['auth'] };
  for (const optional of ['cableUrl', 'name'] as const) {
    delete input[optional];
    if (draft[optional]?.trim()) input[optional] = draft[optional];
  }
  const liveRooms = numberInput(draft.liveRooms);
  delete input.liveRooms;
  if (liveRooms !== undefined) input.liveRooms = liveRooms as number;
  return input;
}
