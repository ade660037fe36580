import { Queries } from '../store/queries';
import type { Room } from '../circle/model';
import { firstScreenOf, memberIdOf, sameFirstScreen, type FirstScreen } from '../ui/first-screen-snapshot';
import { database } from './database';
import { browser } from './native-browser';
import { FIRST_SCREEN_KEY, type FirstScreens } from './popup-opening';

/**
 * The popup's first screens (lib/ui/first-screen-snapshot.ts) in `storage.session`: in memory,
 * gone with the browser session, readable by extension pages only. One per community, all
 * under one key: the popup reads every one in the same get, so choosing which community to
 * open costs no second round trip. The background refreshes a community's after its rooms or
 * notifications change; the popup rewrites the one it shows after its own full read when it
 * differs (after a browser restart, or when the cache was written behind the background's
 * back), so a stale copy lives one popup open at most. Read with popup-opening.ts.
 */
/** A burst of changes costs one re-read of the rooms a second, not one per batch. */
const REFRESH_MS = 1_000;

export async function readFirstScreens(): Promise<FirstScreens> {
  const value = (await browser.storage.session.get(FIRST_SCREEN_KEY))[FIRST_SCREEN_KEY];
  return typeof value === 'object' && value !== null ? (value as FirstScreens) : {};
}

/** Writes and clears in this context one at a time: each rewrites the whole map. */
let queue: Promise<unknown> = Promise.resolve();
function update(change: (screens: FirstScreens) => void): Promise<void> {
  const next = queue.then(async () => {
    const screens = await readFirstScreens();
    change(screens);
    await (Object.keys(screens).length ? browser.storage.session.set({ [FIRST_SCREEN_KEY]: screens }) : browser.storage.session.remove(FIRST_SCREEN_KEY));
  });
  queue = next.catch(() => undefined);
  return next.catch(() => undefined);
}

export function writeFirstScreen(screen: FirstScreen): Promise<void> {
  return update((screens) => void (screens[screen.community] = screen));
}

/** Popup: its full read of a community's rooms, written back when the screen it opened with was stale or missing. */
export function rememberFirstScreen(stored: FirstScreen | undefined, community: string, sorted: readonly Room[], memberId: number | undefined): Promise<void> {
  const fresh = firstScreenOf(community, sorted, memberId, stored?.noticeAt);
  return sameFirstScreen(fresh, stored) ? Promise.resolve() : writeFirstScreen(fresh);
}

/** Bumped by every clear: a refresh that started before it must not write the forgotten rooms back. */
let clearedAll = 0;
const cleared = new Map<string, number>();
const epochOf = (community: string) => `${clearedAll}/${cleared.get(community) ?? 0}`;

/** Sign-out: a snapshot names the member's rooms, so it goes with their cache; none given, every community's. */
export async function clearFirstScreen(community?: string): Promise<void> {
  if (community === undefined) clearedAll += 1;
  else cleared.set(community, (cleared.get(community) ?? 0) + 1);
  await update((screens) => {
    for (const key of Object.keys(screens)) if (community === undefined || key === community) delete screens[key];
  });
}

/**
 * Background: the brain says which community's rooms or notifications changed; a burst of
 * them is read back once, a moment later.
 */
export function firstScreenRefresher(delayMs = REFRESH_MS): (community: string) => void {
  /** Each community asked for, with the clears it had seen when asked: one cleared since is not written back. */
  const pending = new Map<string, string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const refresh = async () => {
    timer = undefined;
    const db = await database();
    for (const [community, epoch] of [...pending]) {
      pending.delete(community);
      const queries = new Queries(db, community);
      const [rooms, notifications] = await Promise.all([queries.rooms(), queries.notifications()]);
      const screen = firstScreenOf(community, rooms, memberIdOf(community), notifications.find((n) => !n.readAt)?.createdAt);
      if (epoch === epochOf(community)) await writeFirstScreen(screen);
    }
  };
  return (community) => {
    pending.set(community, epochOf(community));
    timer ??= setTimeout(() => void refresh().catch((error: unknown) => console.warn('first screen: could not refresh', error)), delayMs);
  };
}
