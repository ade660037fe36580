import { browser } from 'wxt/browser';
import { exchangeCode, readCallback, signInStart, type Exchange } from '../circle/community';
import type { Discovery } from '../settings/discovery';

/**
 * The community's login in the browser's own sign-in window: it comes back to the extension's
 * redirect URL with a one-time code, which is exchanged by POST. Chrome's redirect URL is
 * `https://<id>.chromiumapp.org/`, Firefox's `https://<hash>.extensions.allizom.org/`; the
 * community's service must allow the one of each browser it serves (community-kit README).
 */
export async function signInWithCommunity(discovery: Discovery, address: string): Promise<Exchange> {
  const redirectUri = browser.identity.getRedirectURL();
  const start = await signInStart(discovery, redirectUri);
  let returned: string | undefined;
  try {
    returned = await browser.identity.launchWebAuthFlow({ url: start.url, interactive: true });
  } catch {
    // Closed by the member, or the page never came back: the browsers do not say which.
    return { ok: false, error: 'cancelled' };
  }
  if (!returned) return { ok: false, error: 'cancelled' };
  const callback = readCallback(returned, start);
  if (!callback.ok) return callback;
  return exchangeCode((input, init) => fetch(input, init), discovery, { address, code: callback.code, verifier: start.verifier, redirectUri });
}
