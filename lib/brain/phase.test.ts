// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { badgeStateOf, phaseOf, reasonOf } from './phase';

describe('phaseOf', () => {
  it('maps the cable state to words', () => {
    expect(phaseOf(undefined, true)).toBe('connecting');
    expect(phaseOf({ state: 'connecting', reason: 'start', attempts: 0 }, true)).toBe('connecting');
    expect(phaseOf({ state: 'connected', reason: 'welcome', attempts: 0 }, true)).toBe('live');
    expect(phaseOf({ state: 'reconnecting', reason: 'stale', attempts: 1 }, true)).toBe('reconnecting');
    expect(phaseOf({ state: 'reconnecting', reason: 'closed', attempts: 3 }, false)).toBe('offline');
    expect(phaseOf({ state: 'stopped', reason: 'signed_out', attempts: 0 }, true)).toBe('signed-out');
    expect(phaseOf({ state: 'stopped', reason: 'protocol_unsupported', attempts: 0 }, true)).toBe('error');
  });
});

describe('badgeStateOf', () => {
  it('keeps the count through a short outage and says offline after it', () => {
    expect(badgeStateOf('live', 3, 0)).toEqual({ kind: 'count', count: 3 });
    expect(badgeStateOf('reconnecting', 3, 1)).toEqual({ kind: 'count', count: 3 });
    expect(badgeStateOf('reconnecting', 3, 2)).toEqual({ kind: 'offline' });
    expect(badgeStateOf('connecting', undefined, 0)).toEqual({ kind: 'connecting' });
    expect(badgeStateOf('signed-out', 3, 0)).toEqual({ kind: 'signed-out' });
    expect(badgeStateOf('not-set-up', undefined, 0)).toEqual({ kind: 'not-set-up' });
  });
});

describe('reasonOf', () => {
  it('names a refused Origin only when REST answers and the cable keeps refusing', () => {
    const refusing = { state: 'reconnecting' as const, reason: 'closed_before_open', attempts: 3 };
    expect(reasonOf(refusing, true)).toEqual({ code: 'origin_not_whitelisted' });
    expect(reasonOf(refusing, false)).toEqual({ code: 'closed_before_open' });
    expect(reasonOf({ ...refusing, attempts: 2 }, true)).toEqual({ code: 'closed_before_open' });
  });

  it('tells the member a failure, not a transition or an app\'s own word', () => {
    expect(reasonOf({ state: 'connected', reason: 'welcome', attempts: 0 }, true)).toBeUndefined();
    expect(reasonOf({ state: 'reconnecting', reason: 'member asked', attempts: 1 }, true)).toBeUndefined();
    expect(reasonOf({ state: 'stopped', reason: 'protocol_unsupported', attempts: 0 }, true)).toEqual({ code: 'protocol_unsupported' });
  });
});
