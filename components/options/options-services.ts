import type { LoadedSettings } from '../../lib/platform/settings';
import type { StoredSettings } from '../../lib/settings/merge';
import type { Preferences } from '../../lib/settings/preferences';
import type { MergedPreferences } from '../../lib/settings/preferences-policy';
import type { CommunitySignInServices } from './CommunitySignIn';
import type { CheckDeps } from './connection-check';
import type { About } from './diagnostics-text';
import type { StatusBoard } from '../../lib/wire/status';

/**
 * Everything the options page needs from the browser and the background, handed in by
 * entrypoints/options, so the views render the same under test with fakes.
 */
export interface OptionsServices extends CommunitySignInServices {
  loadSettings(): Promise<LoadedSettings>;
  /** Writes the member's own settings (the list form) as given: the page judges each community as it saves it. */
  saveSettings(settings: StoredSettings): Promise<void>;
  onSettingsChanged(listener: () => void): () => void;
  /** Reads the policy itself; a changed one arrives through `onSettingsChanged`. */
  checkPolicy(): Promise<unknown>;
  requestHostPermissions(origins: string[]): Promise<boolean>;
  /** The connection check of one community: `prepare` gets that community's entry alone. */
  test: CheckDeps;
  /**
   * Revokes one community's tokens, forgets its cache and its sign-in; rejects with what went
   * wrong. `revoked` is false when a token could only be removed here (no permission to reach its Circle).
   */
  signOut(key: string): Promise<{ revoked: boolean }>;
  readStatus(): Promise<StatusBoard | undefined>;
  onStatusChanged(listener: (board: StatusBoard | undefined) => void): () => void;
  /** The member's preferences over the policy's, and which the policy locks. */
  loadPreferences(): Promise<MergedPreferences>;
  /** `change` sees the merged preferences; only the member's own fields are stored. */
  updatePreferences(change: (current: Preferences) => Partial<Preferences>): Promise<MergedPreferences>;
  onPreferencesChanged(listener: (loaded: MergedPreferences) => void): () => void;
  /** The extension's version and the browser, for Diagnostics. */
  about(): About;
  /** Puts text on the clipboard; rejects when the browser will not. */
  copyText(text: string): Promise<void>;
  /** Room uuid → name for these communities (`{circle origin}/{member id}`, from the status board), from the cache. */
  roomNames(communities: string[]): Promise<Map<string, string>>;
}
