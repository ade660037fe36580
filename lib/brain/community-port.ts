import type { BadgeState } from '../badge/badge';
import type { Preferences } from '../settings/preferences';
import type { CommunitySettingsResult } from '../settings/schema';
import type { ConnectionStatus } from '../wire/status';
import type { BrowserPort } from './port';
import type { SharedPort } from './shared-port';

/** An alert's id carries its community, so a click finds the brain that raised it. */
export function alertIdFor(key: string, id: string): string {
  return `${key}/${id}`;
}

export function splitAlertId(id: string): { key: string; id: string } | undefined {
  const at = id.indexOf('/');
  return at > 0 ? { key: id.slice(0, at), id: id.slice(at + 1) } : undefined;
}

/** Each community's alarms carry its key: `token-refresh:ab12cd34`. */
export function alarmFor(key: string, name: string): string {
  return `${name}:${key}`;
}

export function splitAlarm(name: string): { key: string; name: string } | undefined {
  const at = name.lastIndexOf(':');
  return at > 0 ? { name: name.slice(0, at), key: name.slice(at + 1) } : undefined;
}

/** What a community's port hands back to the coordinator: its status and badge go on the board. */
export interface CommunitySlot {
  key: string;
  settings(): CommunitySettingsResult;
  status(): ConnectionStatus | undefined;
  setStatus(status: ConnectionStatus): Promise<void>;
  setBadge(state: BadgeState): Promise<void>;
  /** Preferences the coordinator read already (as the worker started), if any: taken instead of a read. */
  preferences?(): Promise<Preferences> | undefined;
  /** What an alert says it is from: the community's name while the member follows several, else nothing. */
  alertContext(): string | undefined;
  /** The keeper every community holds alerts through. */
  quiet: BrowserPort['quiet'];
}

/**
 * One community's view of the browser: the shared port with its key bound in, so no brain can
 * touch another community's tokens, header rule, alarms, alerts or status.
 */
export function communityPort(shared: SharedPort, slot: CommunitySlot): BrowserPort {
  const { key } = slot;
  return {
    settings: async () => slot.settings(),
    forgetSignIn: () => shared.forgetSignIn(key),
    preferences: () => slot.preferences?.() ?? shared.preferences(),
    updatePreferences: (change) => shared.updatePreferences(change),
    tokens: {
      storage: (circleUrl) => shared.tokens.storage(key, circleUrl),
      kept: () => shared.tokens.kept(key),
      forget: () => shared.tokens.forget([key]),
    },
    canReach: (urls) => shared.canReach(urls),
    database: () => shared.database(),
    storeFaults: shared.storeFaults,
    headerRule: {
      set: (headers, stillWanted) => shared.headerRule.set(key, headers, stillWanted),
      clear: () => shared.headerRule.clear(key),
    },
    alarms: {
      create: (name, when) => shared.alarms.create(alarmFor(key, name), when),
      clear: (name) => shared.alarms.clear(alarmFor(key, name)),
    },
    showBadge: (state) => slot.setBadge(state),
    status: { read: async () => slot.status(), write: (status) => slot.setStatus(status) },
    announceChange: (change) => shared.announceChange(change),
    alerts: {
      raise: (alert) => shared.alerts.raise({ ...alert, id: alertIdFor(key, alert.id), community: slot.alertContext() }),
      clear: (id) => shared.alerts.clear(alertIdFor(key, id)),
      openInCommunityTab: (url) => shared.alerts.openInCommunityTab(url),
      focusedTab: (origin) => shared.alerts.focusedTab(origin),
      sound: () => shared.alerts.sound(),
    },
    quiet: slot.quiet,
    firstScreen: { refresh: (community) => shared.firstScreen.refresh(community), clear: (community) => shared.firstScreen.clear(community) },
  };
}
