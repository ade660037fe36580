import { render } from 'preact';
import { browser } from '../../lib/platform/native-browser';
import { afterFirstPaint } from '../../components/popup/first-paint';
import { Popup } from '../../components/popup/Popup';
import type { PopupSource } from '../../components/popup/popup-source';
import { openOptions as openOptionsPage } from '../../lib/platform/options-page';
import { rememberChosenCommunity, takeOpening, type FirstScreens, type Opening } from '../../lib/platform/popup-opening';
import { onBoardChanged } from '../../lib/platform/status';
import { openingCommunity } from '../../lib/ui/opening';
import { createSource, readResetCountOnOpen, retryNow } from './browser-source';
// The theme comes inside the popup's own sheet (@import): one stylesheet to wait for, not two.
import './style.css';
import type { ConnectionStatus, StatusBoard } from '../../lib/wire/status';

const root = document.getElementById('app')!;
document.documentElement.lang = browser.i18n.getUILanguage();

// Every community's first screen comes with the statuses from storage (lib/ui/first-screen-snapshot.ts),
// both reads at once, started by popup-opening.js before this module loaded. The cache opens with the first read of it: at once without a stored first
// screen, after its paint with one.
const opening = takeOpening();

let board: ConnectionStatus[] | undefined;
/** Until the first read: the opening choice needs the member's last pick and every first screen. */
let started = false;
let screens: FirstScreens = {};
let lastChosen: string | undefined;
/** The community shown, by key (undefined: the one entry there is, keyless when not set up). */
let current: string | undefined;
let source: PopupSource | undefined;
let resetCountOnOpen = true;

function openOptions() {
  void openOptionsPage().then(() => window.close());
}

function choose(key: string) {
  current = key;
  void rememberChosenCommunity(key);
  show();
}

function show() {
  const status = board?.find((entry) => entry.key === current) ?? board?.[0];
  // One source per community and member: another community, or a new sign-in, starts afresh.
  if (status?.community !== source?.community) source = status?.community ? createSource(status as ConnectionStatus & { community: string }, screens[status.community]) : undefined;
  render(
    <Popup status={started ? status : 'loading'} communities={board} source={source} resetCountOnOpen={resetCountOnOpen} onOpenOptions={openOptions} onRetry={() => retryNow(status?.key)} onSwitch={choose} />,
    root,
  );
}

const newest = (list: readonly ConnectionStatus[] | undefined) => Math.max(0, ...(list ?? []).map((entry) => entry.updatedAt));

/** The change event and the first read race: the newer board wins. */
function setBoard(next: StatusBoard | undefined) {
  if (!(board && next && newest(next.communities) < newest(board))) board = next?.communities;
  // Opened once; again only when the community shown left the list.
  if (started && !board?.some((entry) => entry.key === current)) current = openingCommunity(board ?? [], screens, lastChosen)?.key;
  show();
}

function begin(first: Opening) {
  screens = first.screens;
  lastChosen = first.chosen;
  started = true;
  setBoard(first.board);
  // Only opening a notification asks: read once the first screen is painted.
  void afterFirstPaint().then(readResetCountOnOpen).then((value) => {
    resetCountOnOpen = value;
    show();
  });
}

// Answered already: the first render is the first screen, with no blank one before it.
if (opening.answered) begin(opening.answered);
else {
  show();
  void opening.reads.then(begin);
}
onBoardChanged(setBoard);
