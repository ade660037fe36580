import { Queries } from '../store/queries';
import { firstScreenOf, memberIdOf, type FirstScreen } from '../ui/first-screen-snapshot';
import { database } from './database';
import { browser } from './native-browser';

/**
 * The popup's first screen (lib/ui/first-screen-snapshot.ts) in `storage.session`: in memory, gone with
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

/** Bumped by every clear: a refresh that started before it must not write the forgotten rooms back. */
let cleared = 0;

/** Sign-out: the snapshot names the member's rooms, so it goes with the cache. One snapshot for now: `community` is not told apart yet. */
export async function clearFirstScreen(_community?: string): Promise<void> {
  cleared += 1;
  await browser.storage.session.remove(KEY).catch(() => undefined);
}

/**
 * Background: the brain's publisher says which community's rooms changed; a burst of them is
 * read back once, a moment later.
 */
export function firstScreenRefresher(delayMs = REFRESH_MS): (community: string) => void {
  const communities = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const refresh = async () => {
    timer = undefined;
    const epoch = cleared;
    const db = await database();
    for (const community of [...communities]) {
      communities.delete(community);
      const screen = firstScreenOf(community, await new Queries(db, community).rooms(), memberIdOf(community));
      if (epoch === cleared) await writeFirstScreen(screen);
    }
  };
  return (community) => {
    communities.add(community);
    timer ??= setTimeout(() => void refresh().catch((error: unknown) => console.warn('first screen: could not refresh', error)), delayMs);
  };
}
