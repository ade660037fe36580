import { Queries } from '../store/queries';
import { firstScreenOf, memberIdOf, type FirstScreen } from '../ui/first-screen';
import { onStoreChange } from './changes';
import { database } from './database';
import { browser } from './native-browser';
import { onStatusChanged } from './status';

/**
 * The popup's first screen (lib/ui/first-screen.ts) in `storage.session`: in memory, gone with
 * the browser session, readable by extension pages only. The background refreshes it after
 * room changes; the popup rewrites it after its own full read when it differs (after a browser
 * restart, or when the cache was written behind the background's back), so a stale copy lives
 * one popup open at most.
 */
const KEY = 'firstScreen';
/** A burst of changes costs one re-read of the rooms a second, not one per batch. */
const REFRESH_MS = 1_000;

export async function readFirstScreen(): Promise<FirstScreen | undefined> {
  try {
    return (await browser.storage.session.get(KEY))[KEY] as FirstScreen | undefined;
  } catch {
    // No session storage (or not for this context): the popup reads IndexedDB instead.
    return undefined;
  }
}

export function writeFirstScreen(screen: FirstScreen): Promise<void> {
  return browser.storage.session.set({ [KEY]: screen }).catch(() => undefined);
}

/** Background: follows the store's change notices and the status; returns the unsubscribe. */
export function keepFirstScreen(delayMs = REFRESH_MS): () => void {
  const communities = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const refresh = async () => {
    timer = undefined;
    const db = await database();
    for (const community of [...communities]) {
      communities.delete(community);
      await writeFirstScreen(firstScreenOf(community, await new Queries(db, community).rooms(), memberIdOf(community)));
    }
  };
  const unbind = onStoreChange((change) => {
    if (!change.rooms.length) return;
    communities.add(change.community);
    timer ??= setTimeout(() => void refresh().catch((error: unknown) => console.warn('first screen: could not refresh', error)), delayMs);
  });
  // Sign-out forgets the community's cache without a change notice: its first screen goes too.
  const unwatch = onStatusChanged((status) => {
    if (!status?.community || status.phase === 'signed-out' || status.phase === 'not-set-up') void browser.storage.session.remove(KEY).catch(() => undefined);
  });
  return () => {
    clearTimeout(timer);
    unbind();
    unwatch();
  };
}
