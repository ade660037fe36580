import 'fake-indexeddb/auto';
import type { BadgeState } from '../badge/badge';
import type { ConnectionStatus, StatusBoard } from '../wire/status';
import { parsePreferences } from '../settings/preferences';
import { communityKey, parseCommunitySettings, parseSettings } from '../settings/schema';
import type { Change } from '../store/change';
import { openDatabase, type Database } from '../store/db';
import type { HeldBatch } from '../quiet/held';
import { quietNow } from '../quiet/quiet';
import type { Alert } from '../wire/alert';
import type { BrowserPort, HandshakeHeaders, KeptTokens } from './port';
import type { BadgeLine, SharedPort } from './shared-port';

let databases = 0;

/**
 * The brain's browser in memory, for tests: what the brain wrote is kept in plain fields, and
 * `steps` says in order what it did (`rule`, `badge`, `status`, `create <alarm>`, …).
 */
export class FakeBrowser {
  /** What the settings form stored, validated on every read as the real port does. */
  settings: unknown;
  preferences: unknown = {};
  /** False: no sign-in of the member's own to drop (a policy's). */
  signInStored = false;
  readonly statuses: ConnectionStatus[] = [];
  readonly badges: BadgeState[] = [];
  /** This community's kept token set, and the Circle it is for. */
  kept: KeptTokens | undefined;
  reachable: (url: string) => boolean = () => true;
  readonly alerts: Alert[] = [];
  /** Alerts held back while quiet, batch by batch. */
  readonly held: HeldBatch[] = [];
  /** The address of the focused window's active tab, as the extension may read it. */
  focusedTab: string | undefined;
  readonly changes: Change[] = [];
  /** How many opens of the database fail, as a disk that will not open. */
  failOpens = 0;
  /** The alarms created and cleared, in order. */
  readonly alarms: string[] = [];
  private db: Promise<Database> | undefined;

  constructor(
    settings?: unknown,
    readonly steps: string[] = [],
  ) {
    this.settings = settings;
  }

  readonly port: BrowserPort = {
    settings: async () => parseCommunitySettings(this.settings),
    forgetSignIn: async () => {
      this.step('forget sign-in');
      return this.signInStored;
    },
    preferences: async () => parsePreferences(this.preferences),
    updatePreferences: async (change) => {
      const current = parsePreferences(this.preferences);
      this.preferences = { ...current, ...change(current) };
      this.step('preferences');
      return parsePreferences(this.preferences);
    },
    tokens: {
      storage: (circleUrl) => ({
        load: async () => this.kept?.set,
        save: async (set) => void (this.kept = { circleUrl, set }),
        clear: async () => void (this.kept = undefined),
      }),
      kept: async () => this.kept,
      forget: async () => void (this.kept = undefined),
    },
    canReach: async (urls) => urls.every((url) => this.reachable(url)),
    database: () => {
      if (this.failOpens > 0) {
        this.failOpens -= 1;
        return Promise.reject(new DOMException('disk', 'UnknownError'));
      }
      return (this.db ??= openDatabase(`brain-${++databases}`));
    },
    headerRule: {
      set: async (_headers, stillWanted) => (stillWanted() ? this.step('rule') : undefined),
      clear: async () => this.step('clear rule'),
    },
    alarms: {
      create: async (name) => this.alarm(`create ${name}`),
      clear: async (name) => this.alarm(`clear ${name}`),
    },
    showBadge: async (state) => {
      this.badges.push(state);
      this.step('badge');
    },
    status: {
      read: async () => undefined,
      write: async (status) => {
        this.statuses.push(status);
        this.step('status');
      },
    },
    announceChange: (change) => void this.changes.push(change),
    alerts: {
      raise: async (alert) => {
        this.alerts.push(alert);
        return { icon: 'own', buttons: alert.actions?.length ?? 0 };
      },
      clear: async (id) => this.step(`clear alert ${id}`),
      openInCommunityTab: async (url) => this.step(`open ${url}`),
      focusedTab: async (origin) => (this.focusedTab?.startsWith(origin) ? this.focusedTab : undefined),
      sound: async () => {
        this.step('sound');
        return 'played';
      },
    },
    quiet: {
      now: (preferences) => quietNow(preferences, Date.now(), 'UTC'),
      hold: async (batch) => void this.held.push(batch),
    },
    firstScreen: {
      refresh: (community) => this.step(`first screen ${community}`),
      clear: async (community) => this.step(`clear first screen ${community}`),
    },
  };

  private alarm(step: string): void {
    this.alarms.push(step);
    this.step(step);
  }

  private step(name: string): void {
    this.steps.push(name);
  }
}

/**
 * The browser every community shares, in memory: what the coordinator and each community's
 * brain wrote is kept per key (tokens, header rules, alarms), with the board and badge as last shown.
 */
export class FakeSharedBrowser {
  settings: unknown;
  /** By storage name: a community key, or an older version's Circle origin. */
  readonly tokens = new Map<string, KeptTokens>();
  readonly rules = new Map<string, HandshakeHeaders>();
  readonly alarmNames = new Set<string>();
  readonly signedOut: string[] = [];
  board: StatusBoard | undefined;
  badge: BadgeLine[] = [];
  readonly alerts: Alert[] = [];
  /** The member's preferences as stored, validated on every read. */
  preferences: unknown = {};
  /** The held alerts' tally as stored. */
  held: unknown;
  private db: Promise<Database> | undefined;

  constructor(settings?: unknown) {
    this.settings = settings;
  }

  readonly port: SharedPort = {
    settings: async () => parseSettings(this.settings),
    forgetSignIn: async (key) => {
      this.signedOut.push(key ?? '*');
      // As the real port does: the community stays, without its sign-in.
      const list = (this.settings as { communities?: { origin: string; auth?: unknown }[] } | undefined)?.communities;
      const signedIn = list?.filter((c) => c.auth && (key === undefined || communityKey(c.origin) === key)) ?? [];
      this.settings = { ...(this.settings as object), communities: list?.map((c) => (signedIn.includes(c) ? { ...c, auth: undefined } : c)) };
      return signedIn.length > 0;
    },
    preferences: async () => parsePreferences(this.preferences),
    updatePreferences: async (change) => {
      const current = parsePreferences(this.preferences);
      this.preferences = { ...current, ...change(current) };
      return parsePreferences(this.preferences);
    },
    tokens: {
      storage: (key, circleUrl) => ({
        load: async () => this.tokens.get(key)?.set,
        save: async (set) => void this.tokens.set(key, { circleUrl: new URL(circleUrl).origin, set }),
        clear: async () => void this.tokens.delete(key),
      }),
      kept: async (key) => this.tokens.get(key),
      list: async () => [...this.tokens].map(([id, kept]) => ({ id, kept })),
      adopt: async (id, key) => {
        this.tokens.set(key, this.tokens.get(id)!);
        this.tokens.delete(id);
      },
      forget: async (ids) => ids.forEach((id) => this.tokens.delete(id)),
    },
    canReach: async () => true,
    database: () => (this.db ??= openDatabase(`shared-${++databases}`)),
    headerRule: {
      set: async (key, headers, stillWanted) => void (stillWanted() && this.rules.set(key, headers)),
      clear: async (key) => void this.rules.delete(key),
      keepOnly: async (keys) => [...this.rules.keys()].filter((key) => !keys.includes(key)).forEach((key) => this.rules.delete(key)),
      setTest: async () => {},
      clearTest: async () => {},
    },
    alarms: {
      create: async (name) => void this.alarmNames.add(name),
      clear: async (name) => this.alarmNames.delete(name),
      names: async () => [...this.alarmNames],
    },
    showBadge: async (lines) => void (this.badge = lines),
    status: { read: async () => this.board, write: async (board) => void (this.board = board) },
    announceChange: () => {},
    alerts: {
      raise: async (alert) => {
        this.alerts.push(alert);
        return { icon: 'own', buttons: alert.actions?.length ?? 0 };
      },
      clear: async () => {},
      openInCommunityTab: async () => {},
      focusedTab: async () => undefined,
      sound: async () => 'played',
    },
    quiet: {
      read: async () => this.held,
      write: async (held) => void (this.held = held),
      words: (summary) => ({ title: 'away', message: `${summary.messages} in ${summary.rooms}, ${summary.notifications}` }),
      zone: () => 'UTC',
    },
    firstScreen: { refresh: () => {}, clear: async () => {} },
  };
}
