import { render } from 'preact';
import { browser } from '../../lib/platform/native-browser';
import { Popup } from '../../components/popup/Popup';
import type { PopupSource } from '../../components/popup/popup-source';
import { database } from '../../lib/platform/database';
import { readFirstScreen } from '../../lib/platform/first-screen-storage';
import { openOptions as openOptionsPage } from '../../lib/platform/options-page';
import { onStatusChanged, readStatus } from '../../lib/platform/status';
import type { FirstScreen } from '../../lib/ui/first-screen-snapshot';
import { createSource, readOrigin, readResetCountOnOpen, retryNow } from './browser-source';
import '../../components/shared/theme.css';
import './style.css';
import type { ConnectionStatus } from '../../lib/wire/status';

const root = document.getElementById('app')!;
document.documentElement.lang = browser.i18n.getUILanguage();

// The first screen comes with the status from storage (lib/ui/first-screen-snapshot.ts); the cache
// opens meanwhile, for the rest of the list.
const firstScreen = readFirstScreen();
const firstStatus = readStatus();
void database();
const origin = readOrigin();

let status: ConnectionStatus | undefined | 'loading' = 'loading';
let source: PopupSource | undefined;
let community: string | undefined;
let resetCountOnOpen = true;
let first: FirstScreen | undefined;

function openOptions() {
  void openOptionsPage().then(() => window.close());
}

function show() {
  const current = status === 'loading' ? undefined : status;
  // One source per community: a new sign-in (another member or community) starts afresh.
  if (current?.community && current.community !== source?.community) source = createSource(current.key ?? '', current.community, current.memberId, origin, first);
  if (!current?.community) source = undefined;
  render(<Popup status={status} source={source} community={community ?? hostOf(current?.circleUrl)} resetCountOnOpen={resetCountOnOpen} onOpenOptions={openOptions} onRetry={() => retryNow(current?.key)} />, root);
}

function hostOf(url: string | undefined): string | undefined {
  try {
    return url ? new URL(url).host : undefined;
  } catch {
    return undefined;
  }
}

/** The change event and the first read race: the newer status wins. */
function setStatus(next: ConnectionStatus | undefined) {
  if (status !== 'loading' && status && next && next.updatedAt < status.updatedAt) return;
  status = next;
  show();
}

show();
onStatusChanged(setStatus);
// Both reads in flight at once; the popup shows the status with the rooms, not a frame apart.
void Promise.all([firstStatus, firstScreen]).then(([value, screen]) => {
  first = screen;
  setStatus(value);
});
void origin.then((value) => {
  community = hostOf(value);
  show();
});
void readResetCountOnOpen().then((value) => {
  resetCountOnOpen = value;
  show();
});
