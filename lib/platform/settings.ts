import { browser } from 'wxt/browser';
import { mergeSettings, storedSettingsOf, type StoredSettings } from '../settings/merge';
import { PREFERENCES_POLICY_KEY } from '../settings/preferences-own';
import { readPreferencesPolicy } from '../settings/preferences-policy';
import { communityKey, parseSettings, type SettingsResult } from '../settings/schema';
import { consoleLogger } from './logger';

const logger = consoleLogger('policy');

export const SETTINGS_KEY = 'settings';
/**
 * The policy as last read from `storage.managed`, kept in `storage.local`: the first managed
 * read after a browser start can take seconds (docs/platform.md), and neither the options
 * page nor the connection should wait for it. Kept as `{ managed }`, `null` inside when there
 * is none: a stored `null` alone reads back as "never read" in some implementations.
 */
export const POLICY_KEY = 'policy';
/** The policy's `preferences` (defaults and locks for the member's preferences) are remembered the same way, apart: they are no settings change. */
export { PREFERENCES_POLICY_KEY };
const MANAGED_PREFERENCES = 'preferences';

export interface LoadedSettings {
  /** What is stored, merged, before validation, always as a list of communities: what the options form starts from. */
  stored: StoredSettings;
  result: SettingsResult;
  /** Dotted field paths fixed by policy (`communities.0.origin`; `communities.0` for a community the policy lists). */
  locked: Set<string>;
  /** Keys of the communities the policy signs in to by itself: there is no sign-in of the member's to drop. */
  signInByPolicy: Set<string>;
  /** The policy these settings were merged with, as one comparable string. */
  policy: string;
}

async function readManaged(): Promise<{ settings: unknown; preferences: unknown }> {
  try {
    const managed = await browser.storage.managed.get([SETTINGS_KEY, MANAGED_PREFERENCES]);
    return { settings: managed[SETTINGS_KEY] ?? null, preferences: managed[MANAGED_PREFERENCES] ?? null };
  } catch {
    // Firefox without an enterprise policy rejects managed reads: there is simply no policy.
    return { settings: null, preferences: null };
  }
}

function loaded(managed: unknown, local: unknown): LoadedSettings {
  const { stored, locked, signInByPolicy } = mergeSettings(managed, local);
  return { stored, result: parseSettings(stored), locked, signInByPolicy, policy: JSON.stringify(managed ?? null) };
}

/**
 * The member's settings with the policy last seen: one `storage.local` read, never a wait for
 * `storage.managed`. Before any policy was read (just installed) that is none; the background
 * and the options page each `checkPolicy()` as they start, and its arrival is a settings change.
 */
export async function loadSettings(): Promise<LoadedSettings> {
  const local = await browser.storage.local.get([SETTINGS_KEY, POLICY_KEY]);
  const remembered = local[POLICY_KEY] as { managed: unknown } | undefined;
  return loaded(remembered?.managed ?? null, local[SETTINGS_KEY]);
}

/**
 * Reads the policy itself and, when it is not the one remembered, remembers it: that write is
 * a settings change (`onSettingsChanged`), so a policy that arrives late still wins, once,
 * and an unchanged one changes nothing on screen or on the connection. Its `preferences` are
 * remembered apart (a preferences change, `onPreferencesChanged`), so they restart nothing.
 */
export function checkPolicy(): Promise<unknown> {
  // One read at a time per page: two checks at once would both write, and both be heard.
  checking ??= (async () => {
    const [managed, local] = await Promise.all([readManaged(), browser.storage.local.get([POLICY_KEY, PREFERENCES_POLICY_KEY])]);
    const changed: Record<string, unknown> = {};
    if (JSON.stringify({ managed: managed.settings }) !== JSON.stringify(local[POLICY_KEY])) changed[POLICY_KEY] = { managed: managed.settings };
    if (JSON.stringify({ managed: managed.preferences }) !== JSON.stringify(local[PREFERENCES_POLICY_KEY])) {
      changed[PREFERENCES_POLICY_KEY] = { managed: managed.preferences };
      const { rejected } = readPreferencesPolicy(managed.preferences);
      // The names of what was left out, never the values: a policy may hold what a log should not.
      if (rejected.length) logger.warn?.('policy preferences left out', { count: rejected.length, fields: rejected });
    }
    if (Object.keys(changed).length) await browser.storage.local.set(changed);
    return managed.settings;
  })().finally(() => {
    checking = undefined;
  });
  return checking;
}
let checking: Promise<unknown> | undefined;

/**
 * Stores the member's own settings, in the list form, as the options page hands them over: it
 * judges each community as it is saved, and one signed out or half typed elsewhere in the
 * list must not keep another from being saved. Every read validates; policy fields still win.
 */
export async function saveSettings(settings: StoredSettings): Promise<void> {
  await browser.storage.local.set({ [SETTINGS_KEY]: settings });
}

/**
 * Sign-out keeps the community but drops the member's own sign-in to it (a policy's stays),
 * and leaves every other community as it was. The settings are written back as a list.
 */
export async function forgetSignIn(key?: string): Promise<boolean> {
  const stored = storedSettingsOf((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]);
  const signedIn = (stored.communities ?? []).filter((c) => 'auth' in c && (key === undefined || (typeof c.origin === 'string' && communityKey(c.origin) === key)));
  if (!signedIn.length) return false;
  for (const community of signedIn) delete community.auth;
  await browser.storage.local.set({ [SETTINGS_KEY]: stored });
  return true;
}

/**
 * The member's settings or the remembered policy changed. A change to the policy itself is
 * remembered first (`checkPolicy`), which is the change listeners hear.
 */
export function onSettingsChanged(listener: () => void): () => void {
  const handle = (changes: Record<string, unknown>, area: string) => {
    if (area === 'managed' && (SETTINGS_KEY in changes || MANAGED_PREFERENCES in changes)) void checkPolicy();
    if (area === 'local' && (SETTINGS_KEY in changes || POLICY_KEY in changes)) listener();
  };
  browser.storage.onChanged.addListener(handle);
  return () => browser.storage.onChanged.removeListener(handle);
}
