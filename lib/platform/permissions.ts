import { browser } from 'wxt/browser';
import { isLoopbackHost } from '../settings/schema';

/**
 * Hosts the manifest grants up front (the store flavour; the local one adds loopback). Firefox
 * lets the member withdraw even those, so there every host is asked for; a host already
 * granted is answered at once, without a prompt.
 */
const GRANTED_HOSTS = new Set(import.meta.env.FIREFOX ? [] : ['app.circle.so']);

interface Reachable {
  circleUrl?: string;
  cableUrl?: string;
  auth?: { mode?: string; tokenUrl?: string; refreshUrl?: string; revokeUrl?: string };
}

/**
 * The host patterns a community on its own domain needs beyond the manifest's: REST and the
 * cable on the Circle host, the cable's host when it is set apart, a token service's host.
 * Unparseable URLs add nothing: validation reports them, not a permission prompt.
 */
export function hostPermissionsFor(settings: Reachable): string[] {
  const patterns = new Set<string>();
  const add = (value: string | undefined, schemes: readonly ('https' | 'wss')[]) => {
    const host = customHost(value);
    if (host) for (const scheme of schemes) patterns.add(`${scheme}://${host}/*`);
  };
  add(settings.circleUrl, ['https', 'wss']);
  add(settings.cableUrl, ['wss']);
  if (settings.auth?.mode === 'tokenUrl') add(settings.auth.tokenUrl, ['https']);
  if (settings.auth?.mode === 'community') for (const url of [settings.auth.refreshUrl, settings.auth.revokeUrl]) add(url, ['https']);
  return [...patterns];
}

/** The patterns for URLs a community names itself: its discovery document, its sign-in service. */
export function hostPermissionsForUrls(urls: readonly string[]): string[] {
  const patterns = new Set<string>();
  for (const url of urls) {
    const host = customHost(url);
    if (host) patterns.add(`${new URL(url.trim()).protocol.slice(0, -1)}://${host}/*`);
  }
  return [...patterns];
}

function customHost(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value.trim());
    if (url.protocol !== 'https:' && url.protocol !== 'wss:') return undefined;
    return GRANTED_HOSTS.has(url.hostname) || isLoopbackHost(url.hostname) ? undefined : url.hostname;
  } catch {
    return undefined;
  }
}

/**
 * Asks for the patterns. Call it synchronously from a click or submit handler, before any
 * await: Firefox only shows the prompt inside the user gesture and rejects it afterwards.
 * Chrome answers `true` at once, without a prompt, for what is granted already.
 */
export function requestHostPermissions(origins: string[]): Promise<boolean> {
  if (!origins.length) return Promise.resolve(true);
  return browser.permissions.request({ origins }).catch(() => false);
}

/** Whether the extension may reach these URLs now: a missing grant is a reason to say, not to retry. */
export async function canReach(urls: string[]): Promise<boolean> {
  const origins = urls.map((url) => {
    const { protocol, hostname } = new URL(url);
    return `${protocol}//${hostname}/*`;
  });
  try {
    return await browser.permissions.contains({ origins });
  } catch {
    return true;
  }
}

/** A host granted or withdrawn (options page, browser settings): what the brain may reach changed. */
export function onHostPermissionsChanged(listener: () => void): () => void {
  const handle = (permissions: { origins?: string[] }) => {
    if (permissions.origins?.length) listener();
  };
  browser.permissions.onAdded.addListener(handle);
  browser.permissions.onRemoved.addListener(handle);
  return () => {
    browser.permissions.onAdded.removeListener(handle);
    browser.permissions.onRemoved.removeListener(handle);
  };
}
