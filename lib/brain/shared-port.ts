import type { BadgeState } from '../badge/badge';
import type { TokenStorage } from '../circle/tokens';
import type { SettingsResult } from '../settings/schema';
import type { StatusBoard } from '../wire/status';
import type { BrowserPort, HandshakeHeaders, KeptTokens } from './port';
import type { QuietStorage } from './quiet-keeper';

/** A community's line in the toolbar badge: its name, and what its own badge would say. */
export interface BadgeLine {
  label: string;
  state: BadgeState;
}

/**
 * The browser as every community shares it (lib/platform/brain-port.ts): each community's
 * brain sees it through its own `BrowserPort` (./community-port.ts), bound to its key.
 */
export interface SharedPort extends Pick<BrowserPort, 'preferences' | 'updatePreferences' | 'canReach' | 'database' | 'storeFaults' | 'announceChange' | 'alerts'> {
  settings(): Promise<SettingsResult>;
  /** One community's sign-in, or (no key) every one's; false when there was none of the member's own. */
  forgetSignIn(key?: string): Promise<boolean>;
  tokens: {
    storage(key: string, circleUrl: string): TokenStorage;
    kept(key: string): Promise<KeptTokens | undefined>;
    /**
     * Every set kept, by its name in storage: a community's key, or, for a set an older
     * version kept, the Circle origin it was kept under.
     */
    list(): Promise<{ id: string; kept: KeptTokens }[]>;
    /** An older version's set (by Circle origin) becomes the community's. */
    adopt(id: string, key: string): Promise<void>;
    forget(ids: readonly string[]): Promise<void>;
  };
  headerRule: {
    set(key: string, headers: HandshakeHeaders, stillWanted: () => boolean): Promise<void>;
    clear(key: string): Promise<void>;
    /** Every community rule but these keys' goes (an older version's, a removed community's). */
    keepOnly(keys: readonly string[]): Promise<void>;
    /** The options page's trial socket, in its own tab. */
    setTest(headers: HandshakeHeaders, tabId: number): Promise<void>;
    clearTest(): Promise<void>;
  };
  alarms: {
    create(name: string, when: number): Promise<void>;
    clear(name: string): Promise<unknown>;
    names(): Promise<string[]>;
  };
  showBadge(lines: BadgeLine[]): Promise<void>;
  status: {
    read(): Promise<StatusBoard | undefined>;
    write(board: StatusBoard): Promise<void>;
  };
  /** The held alerts' tally and the summary's words. */
  quiet: QuietStorage;
  firstScreen: {
    refresh(community: string): void;
    /** One community's, or every one. */
    clear(community?: string): Promise<void>;
  };
}
