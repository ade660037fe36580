import type { CableStatus } from '../cable';
import type { BadgeState } from '../badge/badge';
import type { KeptTokens, TokenStorage } from '../circle/tokens';
import type { ConnectionStatus } from '../wire/status';
import type { HeldBatch } from '../quiet/held';
import type { QuietNow } from '../quiet/quiet';
import type { Preferences } from '../settings/preferences';
import type { CommunitySettingsResult } from '../settings/schema';
import type { Change } from '../store/change';
import type { Database } from '../store/db';
import type { StoreFaults } from '../store/store';
import type { Alert } from '../wire/alert';
import type { HostConfig } from '../wire/messages';

export interface HandshakeHeaders {
  cableUrl: string;
  accessToken: string;
  origin: string;
}

/** One community's socket in the host (lib/wire/messages.ts `HostPort`, bound to its key). */
export interface CommunityHost {
  configure(config: HostConfig | null): Promise<CableStatus | undefined>;
  reconnectNow(reason: string): Promise<void>;
}

export type { KeptTokens } from '../circle/tokens';

/**
 * Everything one community's brain asks of the browser, handed in as `lib/cable` is handed
 * its clock: each community gets its own, bound to its key (./community-port.ts), so its
 * tokens, header rule, alarms, status and badge are its own. The tests' is in memory
 * (./testing.ts).
 */
export interface BrowserPort {
  /** This community's settings as stored and merged with the policy, validated. */
  settings(): Promise<CommunitySettingsResult>;
  /** Drops the member's own sign-in to this community from the settings; false when there was none (a policy's stays). */
  forgetSignIn(): Promise<boolean>;
  preferences(): Promise<Preferences>;
  /** Changes the member's preferences (shared by every community), keeping the rest as stored then. */
  updatePreferences(change: (current: Preferences) => Partial<Preferences>): Promise<Preferences>;
  tokens: {
    /** What the community's token service loads and saves, kept with the Circle it is for. */
    storage(circleUrl: string): TokenStorage;
    kept(): Promise<KeptTokens | undefined>;
    forget(): Promise<void>;
  };
  /** Whether the extension may reach these URLs now. */
  canReach(urls: string[]): Promise<boolean>;
  database(): Promise<Database>;
  storeFaults?: StoreFaults;
  headerRule: {
    /** This community's rule. Dropped when, by its turn, `stillWanted` says no: a late set must not put a revoked token back. */
    set(headers: HandshakeHeaders, stillWanted: () => boolean): Promise<void>;
    clear(): Promise<void>;
  };
  alarms: {
    create(name: string, when: number): Promise<void>;
    clear(name: string): Promise<unknown>;
  };
  showBadge(state: BadgeState): Promise<void>;
  /** This community's entry on the status board. */
  status: {
    read(): Promise<ConnectionStatus | undefined>;
    write(status: ConnectionStatus): Promise<void>;
  };
  /** One change notice to every open page. */
  announceChange(change: Change): void;
  alerts: {
    /** Resolves to the picture it went out with, and how many buttons it has (none where the browser shows none). */
    raise(alert: Alert): Promise<{ icon: string; buttons: number }>;
    clear(id: string): Promise<void>;
    openInCommunityTab(url: string): Promise<void>;
    /**
     * The focused window's active tab, when it is on `origin` and the extension may read its
     * address (a host permission for the origin); otherwise nothing.
     */
    focusedTab(origin: string): Promise<string | undefined>;
    /** Our alert sound, once; resolves to where it played (or why not). */
    sound(): Promise<string>;
  };
  /** The member's quiet (Do Not Disturb, a snooze, quiet hours), shared by every community (./quiet-keeper.ts). */
  quiet: {
    now(preferences: Preferences): QuietNow | undefined;
    /** Alerts held back instead of raised, for the summary when the quiet ends. */
    hold(batch: HeldBatch): Promise<void>;
  };
  /** The popup's first screen, kept in the browser's session storage. */
  firstScreen: {
    /** Rooms of `community` changed: redrawn a moment later, once for a burst. */
    refresh(community: string): void;
    clear(community: string): Promise<void>;
  };
}
