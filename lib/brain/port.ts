import type { BadgeState } from '../badge/badge';
import type { TokenSet, TokenStorage } from '../circle/tokens';
import type { ConnectionStatus } from '../wire/status';
import type { Preferences } from '../settings/preferences';
import type { CommunitySettingsResult } from '../settings/schema';
import type { Change } from '../store/change';
import type { Database } from '../store/db';
import type { StoreFaults } from '../store/store';
import type { Alert } from '../wire/alert';

export interface HandshakeHeaders {
  cableUrl: string;
  accessToken: string;
  origin: string;
}

/**
 * Everything the brain asks of the browser, handed in as `lib/cable` is handed its clock: the
 * real one is lib/platform/brain-port.ts, the tests' an in-memory one (lib/brain/testing.ts).
 */
export interface BrowserPort {
  /** The settings as stored and merged with the policy, validated. */
  settings(): Promise<CommunitySettingsResult>;
  /** Drops the member's own sign-in from the settings; false when there was none (a policy's stays). */
  forgetSignIn(): Promise<boolean>;
  preferences(): Promise<Preferences>;
  tokens: {
    storageFor(circleUrl: string): TokenStorage;
    /** Every token set kept, by Circle origin. */
    stored(): Promise<Map<string, TokenSet>>;
    forget(origins: readonly string[]): Promise<void>;
  };
  /** Whether the extension may reach these URLs now. */
  canReach(urls: string[]): Promise<boolean>;
  database(): Promise<Database>;
  storeFaults?: StoreFaults;
  headerRule: {
    /** Dropped when, by its turn, `stillWanted` says no: a late set must not put a revoked token back. */
    set(headers: HandshakeHeaders, stillWanted: () => boolean): Promise<void>;
    clear(): Promise<void>;
    /** The options page's trial socket, in its own tab. */
    setTest(headers: HandshakeHeaders, tabId: number): Promise<void>;
    clearTest(): Promise<void>;
  };
  alarms: {
    create(name: string, when: number): Promise<void>;
    clear(name: string): Promise<unknown>;
  };
  showBadge(state: BadgeState): Promise<void>;
  status: {
    read(): Promise<ConnectionStatus | undefined>;
    write(status: ConnectionStatus): Promise<void>;
  };
  /** One change notice to every open page. */
  announceChange(change: Change): void;
  alerts: {
    /** Resolves to the picture it went out with. */
    raise(alert: Alert): Promise<string>;
    clear(id: string): Promise<void>;
    openInCommunityTab(url: string): Promise<void>;
  };
  /** The popup's first screen, kept in the browser's session storage. */
  firstScreen: {
    /** Rooms of `community` changed: redrawn a moment later, once for a burst. */
    refresh(community: string): void;
    clear(): Promise<void>;
  };
}
