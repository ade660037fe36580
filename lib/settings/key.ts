// Apart from schema.ts: the popup names a community by its key and must not load zod for it.

/**
 * A community's name in storage, header rules and alarms: derived from its origin, so it
 * stays while the list is reordered, and short and URL-safe, so it can mark its cable URL.
 * FNV-1a: not a secret, only a name.
 */
export function communityKey(origin: string): string {
  let hash = 0x811c9dc5;
  const text = origin.trim().replace(/\/$/, '').toLowerCase();
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
