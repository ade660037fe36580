import { browser } from 'wxt/browser';
import { mergeSettings, storedSettingsOf, type StoredSettings } from '../settings/merge';
import { communityKey, parseSettings, type SettingsResult } from '../settings/schema';

export const SETTINGS_KEY = 'settings';
/**
 * The policy as last read from `storage.managed`, kept in `storage.local`: the first managed
 * read after a browser start can take seconds (docs/platform.md), and neither the options
 * page nor the connection should wait for it. Kept as `{ managed }`, `null` inside when there
 * is none: a stored `null` alone reads back as "never read" in some implementations.
 */
export const POLICY_KEY = 'policy';

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

async function readManaged(): Promise<unknown> {
  try {
    return (await browser.storage.managed.get(SETTINGS_KEY))[SETTINGS_KEY] ?? null;
  } catch {
    // Firefox without an enterprise policy rejects managed reads: there is simply no policy.
    return null;
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
 * and an unchanged one changes nothing on screen or on the connection.
 */
export function checkPolicy(): Promise<unknown> {
  // One read at a time per page: two checks at once would both write, and both be heard.
  checking ??= (async () => {
    const [managed, local] = await Promise.all([readManaged(), browser.storage.local.get(POLICY_KEY)]);
    if (JSON.stringify({ managed }) !== JSON.stringify(local[POLICY_KEY])) await browser.storage.local.set({ [POLICY_KEY]: { managed } });
    return managed;
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
    if (area === 'managed' && SETTINGS_KEY in changes) void checkPolicy();
    if (area === 'local' && (SETTINGS_KEY in changes || POLICY_KEY in changes)) listener();
  };
  browser.storage.onChanged.addListener(handle);
  return () => browser.storage.onChanged.removeListener(handle);
}
