// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHarness } from './testing.ts';
import { DEFAULT_TUNABLES } from './tunables.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** Delays between attempts when every attempt is refused before `open` (HTTP 404 look-alike). */
function refusedDelays(h: ReturnType<typeof createHarness>, count: number): number[] {
  const delays: number[] = [];
  for (let i = 0; i < count; i++) {
    const before = h.sockets.length;
    h.socket.serverClose(1006);
    const nextRetryAt = h.cable.status().nextRetryAt;
    if (nextRetryAt === null) throw new Error('no retry scheduled');
    delays.push(nextRetryAt - Date.now());
    vi.advanceTimersByTime(nextRetryAt - Date.now());
    expect(h.sockets).toHaveLength(before + 1);
  }
  return delays;
}

describe('Cable backoff', () => {
  it('backs off with full jitter, capped at 5 s for a minute, then 30 s, and never gives up', () => {
    const h = createHarness({ random: () => 1 });
    h.cable.start();
    const early = refusedDelays(h, 6);
    expect(early).toEqual([2000, 4000, 5000, 5000, 5000, 5000]);
    vi.advanceTimersByTime(0);
    const late = refusedDelays(h, 60);
    expect(late.slice(0, 10)).toEqual([5000, 5000, 5000, 5000, 5000, 5000, 5000, 30_000, 30_000, 30_000]);
    expect(Math.max(...late)).toBe(30_000);
    expect(h.cable.status()).toMatchObject({ state: 'connecting', attempts: 66, closedBeforeOpen: 66 });
    expect(h.states.filter((s) => s.reason === 'closed_before_open')).toHaveLength(66);
    expect(h.states.at(-1)?.error).toBeUndefined();
    expect(h.states.at(-2)?.error?.message).toBe('close 1006');
  });

  it('draws each delay from the injected random()', () => {
    const h = createHarness({ random: () => 0.25 });
    h.cable.start();
    expect(refusedDelays(h, 3)).toEqual([500, 1000, 1250]);
  });

  it('resets on welcome: the next outage starts small and early again', () => {
    const h = createHarness({ random: () => 1 });
    h.cable.start();
    refusedDelays(h, 70);
    h.socket.welcome();
    expect(h.cable.status().attempts).toBe(0);
    h.socket.serverClose(1006);
    expect(h.trail.at(-1)).toBe('reconnecting:closed');
    expect(h.cable.status().nextRetryAt! - Date.now()).toBe(1000);
    vi.advanceTimersByTime(1000);
    expect(refusedDelays(h, 3)).toEqual([2000, 4000, 5000]);
  });

  it('comes back quickly after server_restart and remote disconnects', () => {
    for (const reason of ['server_restart', 'remote']) {
      const h = createHarness({ random: () => 0.5 });
      h.cable.start();
      h.socket.welcome();
      h.socket.receive({ type: 'disconnect', reason, reconnect: true });
      h.socket.serverClose(1000);
      expect(h.trail.at(-1)).toBe(`reconnecting:${reason}`);
      expect(h.cable.status().nextRetryAt! - Date.now()).toBe(550);
      vi.advanceTimersByTime(550);
      expect(h.sockets).toHaveLength(2);
      expect(h.cable.status().attempts).toBe(0);
    }
  });

  it('backs off normally when turned away with reconnect:true before welcome', () => {
    const h = createHarness({ random: () => 1 });
    h.cable.start();
    h.socket.open();
    h.socket.receive({ type: 'disconnect', reason: 'server_restart', reconnect: true });
    expect(h.cable.status()).toMatchObject({ reason: 'server_restart', attempts: 1 });
    expect(h.cable.status().nextRetryAt! - Date.now()).toBe(2000);
  });

  it('stops and reports the reason of a disconnect with reconnect:false', () => {
    const h = createHarness();
    h.cable.start();
    h.socket.welcome();
    h.socket.receive({ type: 'disconnect', reason: 'invalid_request', reconnect: false });
    expect(h.trail.at(-1)).toBe('stopped:invalid_request');
    vi.advanceTimersByTime(60_000);
    expect(h.sockets).toHaveLength(1);
  });
});

describe('Cable auth', () => {
  const unauthorized = { type: 'disconnect', reason: 'unauthorized', reconnect: false };

  it('refreshes once and reconnects; a second unauthorized in a row means signed out', async () => {
    const refreshAuth = vi.fn(() => Promise.resolve(true));
    const h = createHarness({ refreshAuth });
    h.cable.start();
    h.socket.open();
    h.socket.receive(unauthorized);
    h.socket.serverClose(1000);
    expect(h.trail.at(-1)).toBe('reconnecting:unauthorized');
    await vi.advanceTimersByTimeAsync(0);
    expect(h.trail.at(-1)).toBe('connecting:auth_refreshed');
    h.socket.open();
    h.socket.receive(unauthorized);
    expect(h.trail.at(-1)).toBe('stopped:signed_out');
    expect(refreshAuth).toHaveBeenCalledOnce();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(h.sockets).toHaveLength(2);
  });

  it('starts counting again after a welcome', async () => {
    const refreshAuth = vi.fn(() => Promise.resolve(true));
    const h = createHarness({ refreshAuth });
    h.cable.start();
    h.socket.open();
    h.socket.receive(unauthorized);
    await vi.advanceTimersByTimeAsync(0);
    h.socket.welcome();
    h.socket.receive(unauthorized);
    await vi.advanceTimersByTimeAsync(0);
    expect(h.cable.state).toBe('connecting');
    expect(refreshAuth).toHaveBeenCalledTimes(2);
  });

  it('is signed out when the refresh says so', async () => {
    const h = createHarness({ refreshAuth: () => Promise.resolve(false) });
    h.cable.start();
    h.socket.open();
    h.socket.receive(unauthorized);
    await vi.advanceTimersByTimeAsync(0);
    expect(h.trail).toEqual(['connecting:start', 'reconnecting:unauthorized', 'stopped:signed_out']);
  });

  it('backs off when the refresh itself fails, and refreshes again on the next unauthorized', async () => {
    const refreshAuth = vi.fn(() => Promise.reject(new Error('network down')));
    const h = createHarness({ refreshAuth, random: () => 1 });
    h.cable.start();
    h.socket.open();
    h.socket.receive(unauthorized);
    await vi.advanceTimersByTimeAsync(0);
    expect(h.trail.at(-1)).toBe('reconnecting:refresh_failed');
    expect(h.states.at(-1)?.error?.reason).toBe('refresh_failed');
    await vi.advanceTimersByTimeAsync(2000);
    h.socket.open();
    h.socket.receive(unauthorized);
    await vi.advanceTimersByTimeAsync(0);
    expect(refreshAuth).toHaveBeenCalledTimes(2);
    expect(h.cable.state).toBe('reconnecting');
  });

  it('refuses reconnectNow() while the refresh is pending', async () => {
    let finish: (ok: boolean) => void = () => {};
    const h = createHarness({ refreshAuth: () => new Promise<boolean>((resolve) => (finish = resolve)) });
    h.cable.start();
    h.socket.open();
    h.socket.receive(unauthorized);
    expect(h.cable.reconnectNow('online')).toBe(false);
    finish(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(h.trail.at(-1)).toBe('connecting:auth_refreshed');
  });

  it('ignores a refresh that completes after stop()', async () => {
    let finish: (ok: boolean) => void = () => {};
    const h = createHarness({ refreshAuth: () => new Promise<boolean>((resolve) => (finish = resolve)) });
    h.cable.start();
    h.socket.open();
    h.socket.receive(unauthorized);
    h.cable.stop();
    finish(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(h.cable.state).toBe('stopped');
    expect(h.sockets).toHaveLength(1);
  });
});

describe('Cable prepare()', () => {
  it('is awaited before every attempt', async () => {
    const prepare = vi.fn(() => new Promise<void>((resolve) => setTimeout(resolve, 300)));
    const h = createHarness({ prepare });
    h.cable.start();
    expect(h.sockets).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(300);
    expect(h.sockets).toHaveLength(1);
    h.socket.welcome();
    h.socket.serverClose();
    await vi.advanceTimersByTimeAsync(500);
    expect(h.sockets).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(300);
    expect(h.sockets).toHaveLength(2);
    expect(prepare).toHaveBeenCalledTimes(2);
  });

  it('counts a failure (sync or async) as a failed attempt and backs off', async () => {
    const error = new Error('rule update failed');
    const prepare = vi
      .fn<() => Promise<void>>()
      .mockRejectedValueOnce(error)
      .mockImplementationOnce(() => {
        throw error;
      })
      .mockResolvedValue(undefined);
    const h = createHarness({ prepare, random: () => 1 });
    h.cable.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(h.trail.at(-1)).toBe('reconnecting:prepare_failed');
    expect(h.states.at(-1)?.error?.cause).toBe(error);
    await vi.advanceTimersByTimeAsync(2000);
    expect(h.cable.status()).toMatchObject({ reason: 'prepare_failed', attempts: 2 });
    expect(h.sockets).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(4000);
    expect(h.sockets).toHaveLength(1);
  });

  it('times out a hook that never settles', async () => {
    const h = createHarness({ prepare: () => new Promise<void>(() => {}) });
    h.cable.start();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(h.trail.at(-1)).toBe('reconnecting:prepare_timeout');
    expect(h.sockets).toHaveLength(0);
  });
});

describe('Cable reconnectNow()', () => {
  it('skips the wait while reconnecting', () => {
    const h = createHarness({ random: () => 1 });
    h.cable.start();
    h.socket.serverClose();
    expect(h.cable.reconnectNow('online')).toBe(true);
    expect(h.trail.at(-1)).toBe('connecting:online');
    expect(h.sockets).toHaveLength(2);
    expect(h.cable.status().nextRetryAt).toBeNull();
  });

  it('replaces a live connection', () => {
    const h = createHarness();
    h.cable.start();
    h.socket.welcome();
    expect(h.cable.reconnectNow('watchdog')).toBe(true);
    expect(h.sockets[0]?.closedWith?.code).toBe(1000);
    expect(h.trail.at(-1)).toBe('connecting:watchdog');
  });

  it('does nothing while connecting, idle or stopped', () => {
    const h = createHarness();
    expect(h.cable.reconnectNow()).toBe(false);
    h.cable.start();
    expect(h.cable.reconnectNow()).toBe(false);
    h.cable.stop();
    expect(h.cable.reconnectNow()).toBe(false);
    expect(h.sockets).toHaveLength(1);
  });
});

describe('Cable resync', () => {
  it('after each reconnect, tells the app since when it may have missed frames', () => {
    const h = createHarness();
    const order: string[] = [];
    h.cable.on('state', ({ state }) => order.push(state));
    h.cable.on('resync', () => order.push('resync'));
    h.cable.start();
    h.socket.welcome();
    expect(h.resyncs).toEqual([]);
    vi.advanceTimersByTime(3000);
    h.socket.receive({ type: 'ping', message: 1 });
    const since = Date.now();
    vi.advanceTimersByTime(2000);
    h.socket.serverClose();
    vi.advanceTimersByTime(500);
    h.socket.serverClose(1006);
    vi.advanceTimersByTime(1000);
    h.socket.welcome();
    expect(h.resyncs).toEqual([{ since, downtimeMs: Date.now() - since }]);
    expect(h.resyncs[0]?.downtimeMs).toBe(3500);
    expect(h.cable.status().reconnects).toBe(1);
    // The resync follows the state change, so the app sees "connected" first.
    expect(order.slice(-2)).toEqual(['connected', 'resync']);
    h.socket.serverClose();
    vi.advanceTimersByTime(1000);
    h.socket.welcome();
    expect(h.resyncs).toHaveLength(2);
  });

  it("waits for the connection's subscriptions to be confirmed: a REST read before then could miss what the channels did not yet carry", () => {
    const h = createHarness();
    const notify = { channel: 'NotificationChannel' };
    const room = { channel: 'RoomChannel', room: 'a' };
    h.cable.subscribe(notify, { received: () => {} });
    h.cable.subscribe(room, { received: () => {} });
    h.cable.start();
    h.socket.welcome();
    h.socket.serverClose();
    vi.advanceTimersByTime(1000);
    h.socket.welcome();
    expect(h.resyncs).toEqual([]);
    h.socket.receive({ identifier: JSON.stringify(notify), type: 'confirm_subscription' });
    expect(h.resyncs).toEqual([]);
    h.socket.receive({ identifier: JSON.stringify(room), type: 'reject_subscription' });
    expect(h.resyncs).toHaveLength(1);
  });

  it('keeps the earlier gap when the connection drops before its subscriptions were confirmed, and never waits past the subscribe timeout', () => {
    const h = createHarness();
    h.cable.subscribe({ channel: 'NotificationChannel' }, { received: () => {} });
    h.cable.start();
    h.socket.welcome();
    const since = Date.now();
    h.socket.serverClose();
    vi.advanceTimersByTime(1000);
    h.socket.welcome();
    h.socket.serverClose();
    vi.advanceTimersByTime(1000);
    h.socket.welcome();
    expect(h.resyncs).toEqual([]);
    // Pings keep the link alive meanwhile; the subscription stays unconfirmed throughout.
    for (let waited = 0; waited < DEFAULT_TUNABLES.subscribeTimeoutMs; waited += 1000) {
      h.socket.receive({ type: 'ping', message: waited });
      vi.advanceTimersByTime(Math.min(1000, DEFAULT_TUNABLES.subscribeTimeoutMs - waited));
    }
    expect(h.cable.state).toBe('connected');
    expect(h.resyncs).toHaveLength(1);
    expect(h.resyncs[0]?.since).toBe(since);
  });
});
