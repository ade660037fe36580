// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { DEFAULT_TUNABLES, resolveTunables, STALE_AFTER_MS } from './tunables.ts';

describe('resolveTunables', () => {
  it('uses the named constants by default', () => {
    expect(resolveTunables()).toEqual(DEFAULT_TUNABLES);
    expect(resolveTunables().staleAfterMs).toBe(STALE_AFTER_MS);
    expect(DEFAULT_TUNABLES).toMatchObject({
      handshakeTimeoutMs: 10_000,
      welcomeTimeoutMs: 10_000,
      staleAfterMs: 4500,
      backoffBaseMs: 1000,
      backoffEarlyCapMs: 5000,
      backoffLateCapMs: 30_000,
      subscribeTimeoutMs: 10_000,
      subscribeMaxRetries: 2,
    });
  });

  it('applies overrides but ignores ones that are not usable numbers', () => {
    const tunables = resolveTunables({ staleAfterMs: 50, welcomeTimeoutMs: undefined, handshakeTimeoutMs: Number.NaN });
    expect(tunables.staleAfterMs).toBe(50);
    expect(tunables.welcomeTimeoutMs).toBe(10_000);
    expect(tunables.handshakeTimeoutMs).toBe(10_000);
    expect(resolveTunables({ backoffBaseMs: -1 }).backoffBaseMs).toBe(1000);
  });

  it('cannot be mutated by accident', () => {
    expect(Object.isFrozen(DEFAULT_TUNABLES)).toBe(true);
  });
});
