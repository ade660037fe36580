import { browser } from '../../lib/platform/native-browser';
import type { PopupSource } from '../../components/popup/popup-source';
import { act } from '../../lib/platform/brain-client';
import { onStoreChange } from '../../lib/platform/changes';
import { database } from '../../lib/platform/database';
import { askBrain } from '../../lib/platform/messaging';
import { Queries } from '../../lib/store/queries';
import type { FirstScreen } from '../../lib/ui/first-screen-snapshot';
import { httpUrl, roomWebUrl } from '../../lib/ui/safe-url';
import type { ConnectionStatus } from '../../lib/wire/status';

/**
 * The popup's wiring: IndexedDB reads (lib/store/queries, not the Store: no zod here), change
 * notices, the brain's actions, tabs. Settings are read raw, not validated: the background
 * validated them, and the validator would double the popup's size.
 */
export function createSource(status: ConnectionStatus & { community: string }, firstScreen: FirstScreen | undefined): PopupSource {
  const { community, memberId } = status;
  // Keyless only in a status written before communities had keys: the brain answers that it knows none such.
  const key = status.key ?? '';
  const queries = database().then((db) => new Queries(db, community));
  return {
    firstScreen,
    // Loaded after the full read, not in the first screen's way; it writes only a screen that changed.
    rememberFirstScreen: (sorted) => void import('../../lib/platform/first-screen-storage').then((writer) => writer.rememberFirstScreen(firstScreen, community, sorted, memberId)),
    community,
    memberId,
    locale: browser.i18n.getUILanguage(),
    rooms: async () => (await queries).rooms(),
    roomsByUuid: async (uuids) => (await queries).roomsByUuid(uuids),
    messages: async (uuid, limit) => (await queries).messages(uuid, limit),
    threads: async () => (await queries).threads(),
    threadMessages: async (uuid, parentId) => (await queries).threadMessages(uuid, parentId),
    notifications: async (limit) => (await queries).notifications(limit),
    newNotificationsCount: async () => (await queries).newNotificationsCount(),
    onChange: onStoreChange,
    act: (request) => act(key, request),
    openTab(url) {
      const safe = httpUrl(url);
      if (safe) void browser.tabs.create({ url: safe });
    },
    // Only a room view asks: the settings are read then, not in the first screen's way.
    roomUrl: async (uuid) => roomWebUrl(await (await import('./community-origin')).originOf(key), uuid),
    mutedRooms: async () => mutedOf((await browser.storage.local.get('preferences')).preferences),
    // Writes load with the first act or menu, out of the first chunk.
    setMuted: async (uuid, muted) => (await choices()).setMuted(uuid, muted),
    alertChoices: choices,
    onMutedChange(listener) {
      const handle = (changes: Record<string, { newValue?: unknown }>, area: string) => {
        if (area === 'local' && 'preferences' in changes) listener(mutedOf(changes.preferences?.newValue));
      };
      browser.storage.onChanged.addListener(handle);
      return () => browser.storage.onChanged.removeListener(handle);
    },
  };
}

const choices = () => import('../../lib/platform/room-alert-choices');

function mutedOf(preferences: unknown): string[] {
  const list = typeof preferences === 'object' && preferences !== null ? (preferences as { mutedRooms?: unknown }).mutedRooms : undefined;
  return Array.isArray(list) ? list.filter((id): id is string => typeof id === 'string') : [];
}

/** `preferences.resetCountOnOpen` in storage.local, default true: see docs/popup.md. */
export async function readResetCountOnOpen(): Promise<boolean> {
  const { preferences } = await browser.storage.local.get('preferences');
  const value = typeof preferences === 'object' && preferences !== null ? (preferences as { resetCountOnOpen?: unknown }).resetCountOnOpen : undefined;
  return value !== false;
}

/** "Retry now": the brain skips the community's wait, whichever context holds the socket. */
export function retryNow(key: string | undefined): void {
  askBrain({ to: 'brain', kind: 'reconnect', key }).catch(() => undefined);
}
