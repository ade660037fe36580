import { browser } from 'wxt/browser';
import { askConfigs, brainLink } from '../host/brain-link';
import type { ToBrain } from '../wire/messages';
import type { Sender } from '../wire/ask';
import { askBrain } from './messaging';

/** A community's socket in the offscreen document, to the service worker; every call wakes it if it sleeps. */
export const runtimeBrainLink = (key: string) => brainLink(askBrain, key);
/** What the offscreen document holds when it starts: every community's socket the brain wants. */
export const askHostConfigs = () => askConfigs(askBrain);

interface Self {
  id: string;
  /** The extension's own base URL, `chrome-extension://<id>/` or `moz-extension://<uuid>/`. */
  base: string;
}

const self = (): Self => ({ id: browser.runtime.id, base: browser.runtime.getURL('/') });

/** What only the socket host asks; on Firefox the host is the background itself and never sends them. */
const HOST_KINDS: ReadonlySet<ToBrain['kind']> = new Set(['batch', 'hello', 'prepare', 'refresh-auth']);
const HOST_PAGE = '/offscreen.html';
/** The Firefox e2e bridge page exists in the local flavour only (wxt.config.ts). */
const MEMBER_PAGES: ReadonlySet<string> = new Set(['/popup.html', '/options.html', ...(import.meta.env.CIRCLE_LIVE_LOCAL ? ['/e2e-bridge.html'] : [])]);

function pageOf(sender: Sender, me: Self): string | undefined {
  if (sender.id !== me.id || !sender.url?.startsWith(me.base)) return undefined;
  return new URL(sender.url).pathname;
}

/**
 * The brain answers only our own extension: the host's kinds from the offscreen document, the
 * member's (act, sign-out, connection test…) from the popup and options pages.
 */
export function mayAskBrain(message: ToBrain, sender: Sender, me: Self = self()): boolean {
  const page = pageOf(sender, me);
  if (page === undefined) return false;
  return HOST_KINDS.has(message.kind) ? page === HOST_PAGE : MEMBER_PAGES.has(page);
}

/** The offscreen host takes orders from the background service worker only. */
export function mayCommandHost(sender: Sender, me: Self = self()): boolean {
  const page = pageOf(sender, me);
  return page !== undefined && !page.endsWith('.html');
}
