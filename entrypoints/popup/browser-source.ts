import { browser } from '../../lib/platform/native-browser';
import type { PopupSource } from '../../components/popup/popup-source';
import { act } from '../../lib/platform/brain-client';
import { onStoreChange } from '../../lib/platform/changes';
import { askBrain } from '../../lib/platform/messaging';
import { Queries } from '../../lib/store/queries';
import type { PageKey } from '../../lib/store/pages';
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
  // Opened by the first read (with a stored first screen, after it is painted), its code
  // loaded then too; a failed open is not kept, the next read opens again.
  let opened: Promise<Queries> | undefined;
  const queries = () =>
    (opened ??= import('../../lib/platform/database')
      .then(({ database }) => database())
      .then((db) => new Queries(db, community))
      .catch((error: unknown) => {
        opened = undefined;
        throw error;
      }));
  return {
    firstScreen,
    // Loaded after the full read, not in the first screen's way; it writes only a screen that changed.
    rememberFirstScreen: (sorted) => void import('../../lib/platform/first-screen-storage').then((writer) => writer.rememberFirstScreen(firstScreen, community, sorted, memberId)),
    community,
    memberId,
    locale: browser.i18n.getUILanguage(),
    rooms: async () => (await queries()).rooms(),
    roomsByUuid: async (uuids) => (await queries()).roomsByUuid(uuids),
    messages: async (uuid, limit) => (await queries()).messages(uuid, limit),
    // Search reads the whole cache once it is opened: its reader is not in the first chunk.
    messagesAfter: (after, count) =>
      Promise.all([import('../../lib/store/scan'), import('../../lib/platform/database')]).then(async ([scan, { database }]) => scan.messagesAfter(await database(), community, after, count)),
    messagesFrom: (after, pages) =>
      Promise.all([import('../../lib/store/scan'), import('../../lib/platform/database')]).then(async ([scan, { database }]) => scan.messagesFrom(await database(), community, after as PageKey | undefined, pages)),
    threads: async () => (await queries()).threads(),
    threadMessages: async (uuid, parentId) => (await queries()).threadMessages(uuid, parentId),
    notifications: async (limit) => (await queries()).notifications(limit),
    newNotificationsCount: async () => (await queries()).newNotificationsCount(),
    onChange: onStoreChange,
    act: (request) => act(key, request),
    openTab(url) {
      const safe = httpUrl(url);
      if (safe) void browser.tabs.create({ url: safe });
    },
    // Only a room view asks: the settings are read then, not in the first screen's way.
    roomUrl: async (uuid) => roomWebUrl(await (await import('./community-origin')).originOf(key), uuid),
    mutedRooms: async () => (await preferencesView()).mutedRooms(),
    setMuted: async (uuid, muted) => (await preferencesView()).setMuted(uuid, muted),
    // A room's alert choice loads with its first menu, out of the first chunk.
    alertChoices: () => import('../../lib/platform/room-alert-choices'),
    waitingAfterHours: async () => (await preferencesView()).waitingAfterHours(),
    onMutedChange(listener) {
      // Either the member's own or the policy's may change which rooms are muted.
      const handle = (changes: Record<string, unknown>, area: string) => {
        if (area === 'local' && ('preferences' in changes || 'preferencesPolicy' in changes)) void preferencesView().then((view) => view.mutedRooms()).then(listener);
      };
      browser.storage.onChanged.addListener(handle);
      return () => browser.storage.onChanged.removeListener(handle);
    },
  };
}

/** The preferences the popup reads, merged with a policy's: none is needed for the first paint. */
const preferencesView = () => import('./popup-preferences');

/** `resetCountOnOpen`, the member's or the policy's (default true): see docs/popup.md. */
export const readResetCountOnOpen = async (): Promise<boolean> => (await preferencesView()).resetCountOnOpen();

/** "Retry now": the brain skips the community's wait, whichever context holds the socket. */
export function retryNow(key: string | undefined): void {
  askBrain({ to: 'brain', kind: 'reconnect', key }).catch(() => undefined);
}
