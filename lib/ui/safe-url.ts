/**
 * What the popup lets a record point at. Circle's records come from the network and from
 * other members: a link or an image source is only followed when it cannot run code or
 * reach the extension's own pages.
 */

/** An absolute http(s) URL, normalised; anything else (javascript:, data:, relative, garbage) is undefined. */
export function httpUrl(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value) return undefined;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return undefined;
  }
  return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
}

/** Avatars: inline images (the simulator draws SVG ones) or https; never http (mixed content), never other schemes. */
export function imageSrc(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (/^data:image\//i.test(value)) return value;
  try {
    return new URL(value).protocol === 'https:' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Where a room opens in the community's web app; undefined unless the address is http(s). */
export function roomWebUrl(origin: string | undefined, uuid: string): string | undefined {
  const base = httpUrl(origin);
  if (!base) return undefined;
  return httpUrl(`${new URL(base).origin}/messages/${encodeURIComponent(uuid)}`);
}
