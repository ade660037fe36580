/**
 * The extension redirect URLs an admin allows: exact URLs, or a URL ending in `*` for any path
 * under it. A wildcard never reaches into the host, so `https://<id>.chromiumapp.org/*` cannot
 * match `https://<id>.chromiumapp.org.attacker.example/`.
 */
export function redirectAllowed(candidate: string, patterns: readonly string[]): boolean {
  if (!URL.canParse(candidate)) return false;
  const url = new URL(candidate);
  // The code and state are appended here; a query or fragment of the caller's would muddle them.
  if (url.search || url.hash || url.username || url.password) return false;
  return patterns.some((pattern) => {
    const prefix = pattern.endsWith('*') ? pattern.slice(0, -1) : undefined;
    const base = prefix ?? pattern;
    if (!URL.canParse(base)) return false;
    const allowed = new URL(base);
    if (allowed.origin !== url.origin) return false;
    return prefix === undefined ? allowed.pathname === url.pathname : url.pathname.startsWith(allowed.pathname);
  });
}

/** `*` in an allowed origin stands for one whole origin's host part, as in `moz-extension://*`. */
export function originAllowed(origin: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) =>
    pattern.endsWith('://*') ? origin.startsWith(pattern.slice(0, -1)) && /^[a-z-]+:\/\/[a-z0-9-]+$/i.test(origin) : pattern === origin,
  );
}
