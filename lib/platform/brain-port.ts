import { browser } from 'wxt/browser';
import { raiseAlertSaying, clearAlert, focusedTab, openInCommunityTab } from './desktop-alerts';
import { alertSound } from './sound';
import { showBadge } from './badge';
import { announceChange } from './changes';
import { database, storeFaults } from './database';
import { clearFirstScreen, firstScreenRefresher } from './first-screen-storage';
import { clearHandshakeHeaders, clearCheckHandshakeHeaders, keepHandshakeHeaders, setHandshakeHeaders, setCheckHandshakeHeaders } from './header-rule';
import { canReach } from './permissions';
import { loadPreferences, updatePreferences } from './preferences-storage';
import { quietStorage } from './quiet-storage';
import { forgetSignIn, loadSettings } from './settings';
import { readBoardFromStorage, writeBoard } from './status';
import { adoptTokenSet, forgetTokenSets, keptTokens, listTokenSets, tokenStorageFor } from './token-storage';

/**
 * The browser every community's brain shares (lib/brain/shared-port.ts), from the platform
 * modules: the one place the two meet. It names no brain type, so lib/platform stays below lib/brain; the background hands
 * it over and the compiler checks it fits.
 */
export function browserPort() {
  return {
    settings: async () => (await loadSettings()).result,
    forgetSignIn,
    preferences: loadPreferences,
    updatePreferences: async (change: Parameters<typeof updatePreferences>[0]) => (await updatePreferences(change)).preferences,
    tokens: { storage: tokenStorageFor, kept: keptTokens, list: listTokenSets, adopt: adoptTokenSet, forget: forgetTokenSets },
    canReach,
    database,
    storeFaults,
    headerRule: { set: setHandshakeHeaders, clear: clearHandshakeHeaders, keepOnly: keepHandshakeHeaders, setTest: setCheckHandshakeHeaders, clearTest: clearCheckHandshakeHeaders },
    alarms: {
      create: async (name: string, when: number) => browser.alarms.create(name, { when }),
      clear: (name: string) => browser.alarms.clear(name),
      names: async () => (await browser.alarms.getAll()).map((alarm) => alarm.name),
    },
    showBadge,
    status: { read: readBoardFromStorage, write: writeBoard },
    announceChange,
    alerts: { raise: raiseAlertSaying, clear: clearAlert, openInCommunityTab, focusedTab, sound: alertSound },
    quiet: quietStorage,
    firstScreen: { refresh: firstScreenRefresher(), clear: (community?: string) => clearFirstScreen(community) },
  };
}
