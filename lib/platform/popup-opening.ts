import { browser } from './native-browser';
import type { FirstScreen } from '../ui/first-screen-snapshot';
import { readBoard, type StatusBoard } from '../wire/status';

/**
 * What the popup reads before its first paint, and nothing else: every community's status and
 * the member's last pick from storage.local, every community's first screen from
 * storage.session, the two gets at once. The first screens' writers (first-screen-storage.ts)
 * the popup loads only when it has something to write.
 */
export const FIRST_SCREEN_KEY = 'firstScreen';
/** The community the member last picked in the popup's switcher: in storage.local, so it outlasts a browser restart. */
const CHOSEN_KEY = 'popupCommunity';

/** By community (`{circle origin}/{member id}`, as the store keys everything). */
export type FirstScreens = Record<string, FirstScreen>;

export interface Opening {
  board: StatusBoard | undefined;
  chosen: string | undefined;
  screens: FirstScreens;
}

export async function readOpening(): Promise<Opening> {
  const [local, session] = await Promise.all([
    browser.storage.local.get(['status', CHOSEN_KEY]),
    // No session storage (or not for this context): the popup reads IndexedDB instead.
    Promise.resolve(browser.storage.session?.get(FIRST_SCREEN_KEY)).catch(() => undefined),
  ]);
  return { board: readBoard(local.status), chosen: local[CHOSEN_KEY] as string | undefined, screens: (session?.[FIRST_SCREEN_KEY] ?? {}) as FirstScreens };
}

/**
 * The opening reads, started by popup-opening.js: a classic script at the top of the popup's
 * HTML, which runs as soon as it is fetched, so the reads' round trip to the browser overlaps
 * the popup's stylesheet and modules loading instead of following them.
 */
const EARLY = '__circleLiveOpening';
const ANSWERED = '__circleLiveOpened';
type Early = { [EARLY]?: Promise<Opening>; [ANSWERED]?: Opening };

export function startOpening(): void {
  const reads = readOpening();
  (globalThis as Early)[EARLY] = reads;
  // Kept as a value too: even settled, the promise answers only after the popup's module has
  // run, and that module renders at once: without the value its first render is a blank one.
  reads.then((opening) => ((globalThis as Early)[ANSWERED] = opening), () => undefined);
}

export interface Taken {
  reads: Promise<Opening>;
  /** The early reads' answer when it came before the popup's modules ran. */
  answered?: Opening;
}

/** The early reads when that script ran, else the same reads now. */
export function takeOpening(): Taken {
  const early = globalThis as Early;
  const taken = { reads: early[EARLY] ?? readOpening(), answered: early[ANSWERED] };
  delete early[EARLY];
  delete early[ANSWERED];
  return taken;
}

export function rememberChosenCommunity(key: string): Promise<void> {
  return browser.storage.local.set({ [CHOSEN_KEY]: key }).catch(() => undefined);
}
