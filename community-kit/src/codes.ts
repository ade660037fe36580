import type { TokenPair } from './circle.ts';

/**
 * Short-lived state held in this process's memory: logins on their way through the identity
 * provider, and the one-time codes they end in. Several instances need sticky routing (README).
 */

export function randomToken(bytes = 32): string {
  const data = crypto.getRandomValues(new Uint8Array(bytes));
  return base64url(data);
}

function base64url(data: Uint8Array): string {
  let binary = '';
  for (const byte of data) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export async function s256(verifier: string): Promise<string> {
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
}

function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** Entries that expire, with a cap so a flood of started logins cannot exhaust memory. */
class ExpiringMap<T> {
  private readonly entries = new Map<string, { value: T; expiresAt: number }>();

  constructor(
    private readonly now: () => number,
    private readonly max: number,
  ) {}

  set(key: string, value: T, ttlMs: number): void {
    this.sweep();
    const oldest = this.entries.keys().next();
    if (this.entries.size >= this.max && !oldest.done) this.entries.delete(oldest.value);
    this.entries.set(key, { value, expiresAt: this.now() + ttlMs });
  }

  /** The entry, whether or not it has expired, so a caller can act on a late one. */
  take(key: string): { value: T; expired: boolean } | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    return { value: entry.value, expired: this.now() >= entry.expiresAt };
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) if (now >= entry.expiresAt) this.entries.delete(key);
  }
}

export interface PendingLogin {
  redirectUri: string;
  state: string;
  codeChallenge: string;
  idpVerifier: string;
  nonce: string;
}

const LOGIN_TTL_MS = 10 * 60_000;

export class PendingLogins {
  private readonly map: ExpiringMap<PendingLogin>;
  constructor(now: () => number, max = 10_000) {
    this.map = new ExpiringMap(now, max);
  }

  start(login: PendingLogin): string {
    const key = randomToken();
    this.map.set(key, login, LOGIN_TTL_MS);
    return key;
  }

  /** One use: a replayed identity-provider callback finds nothing. */
  finish(key: string): PendingLogin | undefined {
    const entry = this.map.take(key);
    this.map.delete(key);
    return entry && !entry.expired ? entry.value : undefined;
  }
}

interface IssuedCode {
  pair: TokenPair;
  codeChallenge: string;
  redirectUri: string;
  used: boolean;
}

export type Redemption =
  | { ok: true; pair: TokenPair }
  /** `burn` is the pair to revoke at Circle: a code seen twice may have been stolen. */
  | { ok: false; burn?: TokenPair };

export class OneTimeCodes {
  private readonly map: ExpiringMap<IssuedCode>;
  constructor(
    now: () => number,
    private readonly ttlMs: number,
    max = 10_000,
  ) {
    this.map = new ExpiringMap(now, max);
  }

  issue(pair: TokenPair, codeChallenge: string, redirectUri: string): string {
    const code = randomToken();
    // Kept past first use until it expires, so a second use is recognised and burns the pair.
    this.map.set(code, { pair, codeChallenge, redirectUri, used: false }, this.ttlMs);
    return code;
  }

  async redeem(code: string, verifier: string, redirectUri: string): Promise<Redemption> {
    const entry = this.map.take(code);
    if (!entry) return { ok: false };
    const issued = entry.value;
    if (issued.used) {
      this.map.delete(code);
      return { ok: false, burn: issued.pair };
    }
    issued.used = true;
    // Any failed attempt spends the code too: whoever holds it without the verifier is not the
    // extension that asked for it.
    if (entry.expired || issued.redirectUri !== redirectUri || !constantTimeEqual(await s256(verifier), issued.codeChallenge)) {
      this.map.delete(code);
      return { ok: false, burn: issued.pair };
    }
    return { ok: true, pair: issued.pair };
  }
}
