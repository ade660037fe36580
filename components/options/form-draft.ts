import type { MessageKey } from '../../lib/platform/i18n';
import type { StoredSettings } from '../../lib/settings/merge';
import { settingsSchema, type AuthMode } from '../../lib/settings/schema';

/** The form's working copy: every field as the text in its input, keyed by dotted path. */
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

export type NumberField = 'liveRooms' | 'keepMessagesPerRoom' | 'keepNotifications';

/** Bounds and defaults come from the schema, so the form cannot drift from the contract. */
export function numberBounds(field: NumberField): { min: number; max: number; fallback: number } {
  const schema = settingsSchema.shape[field];
  const inner = schema.unwrap();
  return { min: inner.minValue ?? 0, max: inner.maxValue ?? Number.MAX_SAFE_INTEGER, fallback: schema.def.defaultValue };
}

export const NUMBER_FIELDS: { key: NumberField; label: MessageKey; help: MessageKey }[] = [
  { key: 'liveRooms', label: 'optionsLiveRooms', help: 'optionsLiveRoomsHelp' },
  { key: 'keepMessagesPerRoom', label: 'optionsKeepMessages', help: 'optionsKeepMessagesHelp' },
  { key: 'keepNotifications', label: 'optionsKeepNotifications', help: 'optionsKeepNotificationsHelp' },
];

/** Fields inside the collapsed "Advanced" section: a problem there has to open it. */
export const ADVANCED_FIELDS = new Set<string>(['cableUrl', ...NUMBER_FIELDS.map((f) => f.key)]);

/** Top to bottom, as on the page: saving focuses the first invalid one. */
export function fieldOrder(mode: AuthMode): string[] {
  return ['circleUrl', 'origin', 'auth.mode', ...AUTH_FIELDS[mode].map((f) => `auth.${f.key}`), ...ADVANCED_FIELDS];
}

export function draftOf(stored: StoredSettings): Draft {
  const draft: Draft = {};
  for (const [key, value] of Object.entries(stored)) if (typeof value === 'string') draft[key] = value;
  for (const [key, value] of Object.entries(stored.auth ?? {})) if (typeof value === 'string') draft[`auth.${key}`] = value;
  for (const { key } of NUMBER_FIELDS) {
    const value = stored[key];
    draft[key] = typeof value === 'number' ? String(value) : String(numberBounds(key).fallback);
  }
  draft['auth.mode'] ||= 'tokens';
  return draft;
}

/** Back to the settings contract: only the chosen mode's fields, empty optional fields left out. */
export function inputOf(draft: Draft, stored: StoredSettings): Record<string, unknown> {
  const mode = draft['auth.mode'] as AuthMode;
  const auth: Record<string, string> = mode === 'community' && stored.auth?.mode === 'community' ? { ...(stored.auth as Record<string, string>) } : { mode };
  for (const { key } of AUTH_FIELDS[mode]) auth[key] = draft[`auth.${key}`] ?? '';
  // Expiry times are not in the form; they stay with the token pair they describe.
  const kept: Record<string, unknown> = mode === 'tokens' && stored.auth?.mode === 'tokens' ? stored.auth : {};
  for (const token of ['accessToken', 'refreshToken']) {
    const expiresAt = kept[`${token}ExpiresAt`];
    if (typeof expiresAt === 'string' && kept[token] === auth[token]) auth[`${token}ExpiresAt`] = expiresAt;
  }
  const input: Record<string, unknown> = { ...stored, circleUrl: draft.circleUrl ?? '', origin: draft.origin ?? '', auth };
  delete input.cableUrl;
  if (draft.cableUrl?.trim()) input.cableUrl = draft.cableUrl;
  for (const { key } of NUMBER_FIELDS) {
    const text = draft[key]?.trim() ?? '';
    if (text === '') delete input[key];
    // Anything but plain digits goes through as text, for the schema to refuse.
    else input[key] = /^-?\d+$/.test(text) ? Number(text) : text;
  }
  return input;
}
