import { browser } from 'wxt/browser';
import type { OptionsServices } from '../../components/options/options-services';
import { systemClock } from '../../lib/cable/clock';
import { readDiscovery } from '../../lib/circle/community';
import { signInWithCommunity } from '../../lib/platform/community-sign-in';
import { askBrain } from '../../lib/platform/messaging';
import { requestHostPermissions } from '../../lib/platform/permissions';
import { loadMergedPreferences, onPreferencesChanged, updatePreferences } from '../../lib/platform/preferences-storage';
import { checkPolicy, loadSettings, onSettingsChanged, saveSettings } from '../../lib/platform/settings';
import { onBoardChanged, readBoardFromStorage } from '../../lib/platform/status';

/** The options page's wiring to the browser and the background. */
export const services: OptionsServices = {
  loadSettings,
  saveSettings,
  onSettingsChanged,
  checkPolicy,
  requestHostPermissions,
  discover: (address) => readDiscovery((input, init) => fetch(input, init), address),
  signInWithCommunity,
  test: {
    prepare: (settings) => askBrain({ to: 'brain', kind: 'check-prepare', settings }),
    end: async () => void (await askBrain({ to: 'brain', kind: 'check-end' })),
    // The page's own socket: the background's rule for this tab adds Authorization and Origin.
    createWebSocket: (url, protocols) => new WebSocket(url, protocols),
    clock: systemClock,
  },
  signOut: async (key) => {
    const { ok, revoked = true } = await askBrain({ to: 'brain', kind: 'sign-out', key });
    if (!ok) throw new Error('not signed out');
    return { revoked };
  },
  readStatus: readBoardFromStorage,
  onStatusChanged: onBoardChanged,
  loadPreferences: loadMergedPreferences,
  updatePreferences,
  onPreferencesChanged,
  about: () => ({
    version: browser.runtime.getManifest().version,
    browser: `${import.meta.env.BROWSER} ${/(?:Firefox|Chrome)\/[\d.]+/.exec(navigator.userAgent)?.[0] ?? ''}`.trim(),
  }),
  copyText: (text) => navigator.clipboard.writeText(text),
  roomNames: async (communities) => {
    if (!communities.length) return new Map();
    // Loaded when asked for: the cache's code is not needed for the form's first paint.
    const [{ Store }, { database }] = await Promise.all([import('../../lib/store/store'), import('../../lib/platform/database')]);
    const store = new Store(await database());
    const rooms = (await Promise.all(communities.map((community) => store.rooms(community)))).flat();
    return new Map(rooms.map((room) => [room.uuid, room.name]));
  },
};
