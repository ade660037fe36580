// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHarness } from './testing.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('Cable lifecycle', () => {
  it('offers only actioncable-v1-json and connects on welcome', () => {
    const h = createHarness();
    expect(h.cable.state).toBe('idle');
    expect(h.cable.start()).toBe(true);
    expect(h.socket.url).toBe('wss://circle.test/cable');
    expect(h.socket.protocols).toEqual(['actioncable-v1-json']);
    h.socket.open();
    expect(h.cable.state).toBe('connecting');
    h.socket.receive({ type: 'welcome' });
    expect(h.trail).toEqual(['connecting:start', 'connected:welcome']);
    expect(h.states[1]).toMatchObject({ previous: 'connecting', at: Date.now() });
  });

  it('ignores start() while running', () => {
    const h = createHarness();
    h.cable.start();
    expect(h.cable.start()).toBe(false);
    h.socket.welcome();
    expect(h.cable.start()).toBe(false);
    expect(h.sockets).toHaveLength(1);
  });

  it('stops on a server that picks no subprotocol, instead of looping', () => {
    const h = createHarness();
    h.cable.start();
    h.socket.open('');
    expect(h.trail).toEqual(['connecting:start', 'stopped:protocol_unsupported']);
    expect(h.states[1]?.error?.reason).toBe('protocol_unsupported');
    expect(h.socket.closedWith?.code).toBe(1000);
    vi.advanceTimersByTime(10 * 60_000);
    expect(h.sockets).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('gives up on a handshake after 10 s', () => {
    const h = createHarness();
    h.cable.start();
    vi.advanceTimersByTime(9999);
    expect(h.cable.state).toBe('connecting');
    vi.advanceTimersByTime(1);
    expect(h.trail.at(-1)).toBe('reconnecting:handshake_timeout');
    expect(h.sockets[0]?.closedWith).not.toBeNull();
  });

  it('gives up waiting for welcome 10 s after open', () => {
    const h = createHarness();
    h.cable.start();
    vi.advanceTimersByTime(4000);
    h.socket.open();
    vi.advanceTimersByTime(9999);
    expect(h.cable.state).toBe('connecting');
    vi.advanceTimersByTime(1);
    expect(h.trail.at(-1)).toBe('reconnecting:welcome_timeout');
  });

  it('replaces a socket that falls silent, within 7 s of its last frame', () => {
    const h = createHarness();
    h.cable.start();
    h.socket.welcome();
    for (let i = 0; i < 10; i++) {
      vi.advanceTimersByTime(3000);
      h.socket.receive({ type: 'ping', message: i });
    }
    const lastFrameAt = Date.now();
    expect(h.cable.status().lastFrameAt).toBe(lastFrameAt);
    vi.advanceTimersByTime(4500);
    expect(h.cable.state).toBe('connected');
    vi.advanceTimersByTime(1);
    expect(h.trail.at(-1)).toBe('reconnecting:stale');
    expect(Date.now() - lastFrameAt).toBeLessThanOrEqual(5000);
    expect(h.sockets[0]?.closedWith?.code).toBe(1000);
    vi.advanceTimersByTime(1000);
    expect(h.sockets).toHaveLength(2);
  });

  it('counts unparseable frames as life too', () => {
    const h = createHarness();
    h.cable.start();
    h.socket.welcome();
    vi.advanceTimersByTime(4000);
    h.socket.receiveRaw('garbage');
    vi.advanceTimersByTime(4000);
    expect(h.cable.state).toBe('connected');
  });

  it('stop() closes the socket, cancels every timer and is idempotent', () => {
    const h = createHarness();
    h.cable.subscribe({ channel: 'NotificationChannel' }, { received: () => {} });
    h.cable.start();
    h.socket.welcome();
    expect(vi.getTimerCount()).toBeGreaterThan(0);
    expect(h.cable.stop()).toBe(true);
    expect(h.cable.stop('again')).toBe(false);
    expect(h.trail.at(-1)).toBe('stopped:stopped_by_app');
    expect(h.socket.closedWith?.code).toBe(1000);
    expect(vi.getTimerCount()).toBe(0);
    h.socket.serverClose();
    expect(h.cable.state).toBe('stopped');
  });

  it('stop() while waiting to retry cancels the retry', () => {
    const h = createHarness();
    h.cable.start();
    h.socket.serverClose();
    expect(h.cable.status().nextRetryAt).not.toBeNull();
    h.cable.stop('offline');
    expect(h.cable.status()).toMatchObject({ state: 'stopped', reason: 'offline', nextRetryAt: null });
    vi.advanceTimersByTime(60_000);
    expect(h.sockets).toHaveLength(1);
  });

  it('stop() from idle is allowed and start() works again after stop()', () => {
    const h = createHarness();
    expect(h.cable.stop()).toBe(true);
    expect(h.cable.start()).toBe(true);
    h.socket.welcome();
    h.cable.stop();
    expect(h.cable.start()).toBe(true);
    h.socket.welcome();
    expect(h.trail).toEqual([
      'stopped:stopped_by_app',
      'connecting:start',
      'connected:welcome',
      'stopped:stopped_by_app',
      'connecting:start',
      'connected:welcome',
    ]);
    // The first welcome after start() is not a reconnect.
    expect(h.resyncs).toEqual([]);
  });

  it('ignores a second welcome on a live connection', () => {
    const h = createHarness();
    h.cable.start();
    h.socket.welcome();
    h.socket.receive({ type: 'welcome' });
    expect(h.trail).toEqual(['connecting:start', 'connected:welcome']);
  });

  it('drops late events from a socket it already abandoned', () => {
    const h = createHarness();
    h.cable.start();
    const first = h.socket;
    vi.advanceTimersByTime(10_000);
    first.open();
    first.receive({ type: 'welcome' });
    first.serverClose();
    expect(h.trail).toEqual(['connecting:start', 'reconnecting:handshake_timeout']);
  });

  it('survives a socket factory that throws, and backs off', () => {
    let calls = 0;
    const h = createHarness({
      createWebSocket: () => {
        calls++;
        throw new SyntaxError('bad url');
      },
    });
    h.cable.start();
    expect(h.trail.at(-1)).toBe('reconnecting:socket_failed');
    expect(h.states.at(-1)?.error?.cause).toBeInstanceOf(SyntaxError);
    vi.advanceTimersByTime(1000);
    expect(calls).toBe(2);
  });

  it('lets a state listener stop the cable mid-transition without leaving it half-done', () => {
    const h = createHarness();
    h.cable.subscribe({ channel: 'NotificationChannel' }, { received: () => {} });
    h.cable.on('state', ({ state }) => {
      if (state === 'connected') h.cable.stop('changed_my_mind');
    });
    h.cable.start();
    h.socket.welcome();
    expect(h.trail).toEqual(['connecting:start', 'connected:welcome', 'stopped:changed_my_mind']);
    expect(h.cable.state).toBe('stopped');
    expect(vi.getTimerCount()).toBe(0);
  });
});
