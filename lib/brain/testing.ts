import 'fake-indexeddb/auto';
import type { BadgeState } from '../badge/badge';
import type { ConnectionStatus } from '../wire/status';
import { parsePreferences } from '../settings/preferences';
import { parseCommunitySettings } from '../settings/schema';
import type { Change } from '../store/change';
import { openDatabase, type Database } from '../store/db';
import type { Alert } from '../wire/alert';
import type { BrowserPort, KeptTokens } from './port';

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
        return 'own';
      },
      clear: async (id) => this.step(`clear alert ${id}`),
      openInCommunityTab: async (url) => this.step(`open ${url}`),
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
