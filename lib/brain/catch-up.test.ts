// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CableStatus } from '../cable';
import { catchUpIfBehind, needsCatchUp, SYNC_MAX_AGE_MS } from './catch-up';
import type { Publisher } from './publish';
import type { Session, SignedIn } from './session';

const sync = vi.hoisted(() => ({ backfill: vi.fn(async () => {}), signIn: vi.fn(async () => {}) }));
vi.mock('./rest-sync', () => ({
  Sync: class {
    backfill = sync.backfill;
    signIn = sync.signIn;
  },
}));

const NOW = 1_000_000_000;
const connected = (since: number) => ({ state: 'connected', since }) as const;

describe('needsCatchUp', () => {
  it('skips a wake whose connection was up before the last sync started: the host kept what it heard', () => {
    expect(needsCatchUp(NOW - 60_000, connected(NOW - 120_000), NOW)).toBe(false);
  });

  it('catches up after a connection newer than the last sync, a host with none, or a connection not (yet) up', () => {
    expect(needsCatchUp(NOW - 60_000, connected(NOW - 30_000), NOW)).toBe(true);
    expect(needsCatchUp(NOW - 60_000, undefined, NOW)).toBe(true);
    expect(needsCatchUp(NOW - 60_000, { state: 'reconnecting', since: NOW - 120_000 }, NOW)).toBe(true);
    expect(needsCatchUp(NOW - 60_000, { state: 'connecting', since: NOW - 120_000 }, NOW)).toBe(true);
  });

  it('catches up when no sync ever finished, or the last one is old', () => {
    expect(needsCatchUp(undefined, connected(NOW - 120_000), NOW)).toBe(true);
    expect(needsCatchUp(NOW - SYNC_MAX_AGE_MS - 1, connected(NOW - SYNC_MAX_AGE_MS - 2), NOW)).toBe(true);
  });
});

describe('catchUpIfBehind', () => {
  let marks: Map<string, unknown>;

  beforeEach(() => {
    vi.useFakeTimers({ now: NOW });
    marks = new Map<string, unknown>([['signedInAt', NOW - 3_600_000]]);
  });
  afterEach(() => {
    vi.useRealTimers();
    sync.backfill.mockReset();
  });

  function session(): SignedIn {
    const store = {
      mark: async (_community: string, name: string) => marks.get(name),
      setMark: async (_community: string, name: string, value: unknown) => void marks.set(name, value),
      rooms: async () => [],
      newestMessageId: async () => undefined,
    };
    const s = { settings: { liveRooms: 10 }, member: { community: 'https://app.circle.so/7', store, live: { serverNow: () => Date.now(), commit: vi.fn() } } } as unknown as SignedIn;
    current = s;
    return s;
  }
  let current: Session | undefined;
  const deps = { publisher: { publish: vi.fn(async () => {}) } as unknown as Publisher, logger: {}, current: () => current };
  const status = (since: number) => connected(since) as unknown as CableStatus;

  it('leaves a wake alone once a sync ran over the same connection, and records where a sync started', async () => {
    const s = session();
    // The first wake after the connection came up: a sync is owed, a moment later.
    await catchUpIfBehind(s, status(NOW - 10_000), deps);
    expect(sync.backfill).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(500);
    expect(sync.backfill).toHaveBeenCalledTimes(1);
    expect(marks.get('syncedFrom')).toBe(NOW + 500);

    // The next wakes: the same connection, nothing missed.
    await vi.advanceTimersByTimeAsync(60_000);
    await catchUpIfBehind(s, status(NOW - 10_000), deps);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sync.backfill).toHaveBeenCalledTimes(1);

    // The host reconnected meanwhile: the gap is caught up.
    await catchUpIfBehind(s, status(Date.now() - 100), deps);
    await vi.advanceTimersByTimeAsync(500);
    expect(sync.backfill).toHaveBeenCalledTimes(2);
  });

  it('a session that owes nothing says when the cache was last synced, so no view waits for a sync', async () => {
    marks.set('syncedFrom', NOW - 5_000);
    const s = session();
    await catchUpIfBehind(s, status(NOW - 10_000), deps);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sync.backfill).not.toHaveBeenCalled();
    expect(s.member.sync).toEqual({ kind: 'backfill', done: 0, total: 0, startedAt: NOW - 5_000, finishedAt: NOW - 5_000 });
  });

  it('owes the catch-up again when one failed or never ran (the worker stopped first)', async () => {
    const s = session();
    sync.backfill.mockRejectedValueOnce(new Error('Circle is down'));
    await catchUpIfBehind(s, status(NOW - 10_000), deps);
    await vi.advanceTimersByTimeAsync(500);
    expect(marks.has('syncedFrom')).toBe(false);

    // A new worker: the timer of the one before died with it.
    const next = session();
    await catchUpIfBehind(next, status(NOW - 10_000), deps);
    await vi.advanceTimersByTimeAsync(500);
    expect(sync.backfill).toHaveBeenCalledTimes(2);
    expect(marks.get('syncedFrom')).toBe(NOW + 1_000);
  });

  it('schedules one catch-up however often it is asked', async () => {
    const s = session();
    await Promise.all([catchUpIfBehind(s, undefined, deps), catchUpIfBehind(s, undefined, deps)]);
    await vi.advanceTimersByTimeAsync(500);
    expect(sync.backfill).toHaveBeenCalledTimes(1);
  });

  it('a session replaced before its catch-up runs, or while it syncs, leaves no mark in the cache', async () => {
    const old = session();
    await catchUpIfBehind(old, undefined, deps);
    session();
    await vi.advanceTimersByTimeAsync(500);
    expect(sync.backfill).not.toHaveBeenCalled();

    const syncing = session();
    sync.backfill.mockImplementationOnce(async () => void session());
    await catchUpIfBehind(syncing, undefined, deps);
    await vi.advanceTimersByTimeAsync(500);
    expect(sync.backfill).toHaveBeenCalledTimes(1);
    expect(marks.has('syncedFrom')).toBe(false);
  });
});
