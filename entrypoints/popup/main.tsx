import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Popup } from '../../components/Popup';
import type { PopupSource } from '../../components/popup/source';
import { database } from '../../lib/platform/database';
import { openOptions as openOptionsPage } from '../../lib/platform/options-page';
import { onStatusChanged, readStatus, type ConnectionStatus } from '../../lib/platform/status';
import { createSource, readOrigin, readResetCountOnOpen, retryNow } from './source';
import '../../components/theme.css';
import './style.css';

const root = document.getElementById('app')!;
document.documentElement.lang = browser.i18n.getUILanguage();

// Start opening the cache while storage answers: the first screen comes from IndexedDB only.
void database();
const origin = readOrigin();

let status: ConnectionStatus | undefined | 'loading' = 'loading';
let source: PopupSource | undefined;
let community: string | undefined;
let resetCountOnOpen = true;

function openOptions() {
  void openOptionsPage().then(() => window.close());
}

function show() {
  const current = status === 'loading' ? undefined : status;
  // One source per community: a new sign-in (another member or community) starts afresh.
  if (current?.community && current.community !== source?.community) source = createSource(current.community, current.memberId, origin);
  if (!current?.community) source = undefined;
  render(<Popup status={status} source={source} community={community ?? hostOf(current?.circleUrl)} resetCountOnOpen={resetCountOnOpen} onOpenOptions={openOptions} onRetry={retryNow} />, root);
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
void readStatus().then(setStatus);
void origin.then((value) => {
  community = hostOf(value);
  show();
});
void readResetCountOnOpen().then((value) => {
  resetCountOnOpen = value;
  show();
});
