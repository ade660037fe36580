import type { LoadedSettings } from '../../lib/platform/settings';
import type { Preferences } from '../../lib/settings/preferences';
import type { SettingsResult } from '../../lib/settings/schema';
import type { CommunitySignInServices } from './CommunitySignIn';
import type { CheckDeps } from './connection-check';
import type { About } from './diagnostics-text';
import type { ConnectionStatus } from '../../lib/wire/status';

/**
 * Everything the options page needs from the browser and the background, handed in by
 * entrypoints/options, so the views render the same under test with fakes.
 */
export interface OptionsServices extends CommunitySignInServices {
  loadSettings(): Promise<LoadedSettings>;
  saveSettings(input: unknown): Promise<SettingsResult>;
  onSettingsChanged(listener: () => void): () => void;
  /** Reads the policy itself; a changed one arrives through `onSettingsChanged`. */
  checkPolicy(): Promise<unknown>;
  requestHostPermissions(origins: string[]): Promise<boolean>;
  test: CheckDeps;
  /**
   * Revokes, forgets the cache and the sign-in; rejects with what went wrong. `revoked` is
   * false when a token could only be removed here (no permission to reach its Circle).
   */
  signOut(): Promise<{ revoked: boolean }>;
  readStatus(): Promise<ConnectionStatus | undefined>;
  onStatusChanged(listener: (status: ConnectionStatus | undefined) => void): () => void;
  loadPreferences(): Promise<Preferences>;
  updatePreferences(change: (current: Preferences) => Partial<Preferences>): Promise<Preferences>;
  onPreferencesChanged(listener: (preferences: Preferences) => void): () => void;
  /** The extension's version and the browser, for Diagnostics. */
  about(): About;
  /** Puts text on the clipboard; rejects when the browser will not. */
  copyText(text: string): Promise<void>;
  /** Room uuid → name for the community in the status, from the cache. */
  roomNames(community: string | undefined): Promise<Map<string, string>>;
}
