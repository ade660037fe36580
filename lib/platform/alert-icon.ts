import { browser } from 'wxt/browser';

/** Past this an avatar is not worth the wait: the alert goes out with our own icon. */
export const ICON_TIMEOUT_MS = 2_000;
/** Avatars are small; anything bigger is not one, and would sit in memory as base64. */
export const ICON_MAX_BYTES = 256 * 1024;

export interface IconDeps {
  fetch(url: string, init: RequestInit): Promise<Response>;
  /** Whether the manifest or the member granted the extension this URL's host. */
  mayReach(url: string): Promise<boolean>;
}

export const browserIconDeps: IconDeps = {
  fetch: (url, init) => fetch(url, init),
  async mayReach(url) {
    const { protocol, hostname } = new URL(url);
    return browser.permissions.contains({ origins: [`${protocol}//${hostname}/*`] }).catch(() => false);
  },
};

const RASTER = /^image\/(png|jpeg|gif|webp)$/;

/**
 * An avatar as a data URL, so the notification has nothing left to download: a remote icon
 * the browser cannot fetch makes `notifications.create` fail, and the alert with it. Only
 * hosts the extension may reach are asked, with no cookies, no referrer and no token (the
 * header rule is for the cable's WebSocket alone). Anything else is `undefined`: our icon.
 */
export async function iconData(url: string | undefined, deps: IconDeps): Promise<string | undefined> {
  if (!url) return undefined;
  if (url.startsWith('data:')) return url;
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), ICON_TIMEOUT_MS);
  try {
    if (!(await deps.mayReach(url))) return undefined;
    const response = await deps.fetch(url, { credentials: 'omit', referrerPolicy: 'no-referrer', cache: 'force-cache', signal: abort.signal });
    const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (!response.ok || !RASTER.test(type) || Number(response.headers.get('content-length') ?? 0) > ICON_MAX_BYTES) {
      await response.body?.cancel();
      return undefined;
    }
    const bytes = await capped(response, ICON_MAX_BYTES);
    return bytes && `data:${type};base64,${base64(bytes)}`;
  } catch {
    // Unreachable, refused, too slow: the alert matters, its picture does not.
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

/** The body, or `undefined` once it passes `max` bytes (a missing Content-Length says nothing). */
async function capped(response: Response, max: number): Promise<Uint8Array | undefined> {
  const reader = response.body?.getReader();
  if (!reader) return undefined;
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
