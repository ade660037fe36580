// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHarness } from './testing.ts';

const NOTIFY = '{"channel":"NotificationChannel","community_member_id":7}';
const notify = { channel: 'NotificationChannel', community_member_id: 7 };

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function connected(options: Parameters<typeof createHarness>[0] = {}) {
  const h = createHarness(options);
  h.cable.start();
  h.socket.welcome();
  return h;
}

/** Lets time pass on a healthy link: the server pings every 3 s, as Rails does. */
function pingFor(h: ReturnType<typeof createHarness>, ms: number): void {
  for (let left = ms; left > 0; left -= 3000) {
    vi.advanceTimersByTime(Math.min(3000, left));
    if (h.cable.state === 'connected') h.socket.receive({ type: 'ping' });
  }
}

describe('Cable subscriptions', () => {
  it('sends subscribes only after welcome, once per connection', () => {
    const h = createHarness();
    h.cable.subscribe(notify, { received: () => {} });
    h.cable.start();
    h.socket.open();
    expect(h.socket.sent).toEqual([]);
    h.socket.receive({ type: 'welcome' });
    h.socket.receive({ type: 'welcome' });
    expect(h.socket.commands).toEqual([{ command: 'subscribe', identifier: NOTIFY }]);
    h.socket.serverClose();
    vi.advanceTimersByTime(1000);
    h.socket.welcome();
    expect(h.sockets[1]?.sent).toEqual(h.sockets[0]?.sent);
  });

  it('subscribes at once when already connected, and delivers broadcasts but not pings', () => {
    const h = connected();
    const received = vi.fn();
    const confirmed = vi.fn();
    const pings = vi.fn();
    h.cable.on('ping', pings);
    h.cable.subscribe(notify, { received, confirmed });
    expect(h.socket.commands).toEqual([{ command: 'subscribe', identifier: NOTIFY }]);
    h.socket.receive({ identifier: NOTIFY, type: 'confirm_subscription' });
    h.socket.receive({ type: 'ping', message: 1 });
    h.socket.receive({ identifier: NOTIFY, message: { event: 'newNotification' } });
    expect(confirmed).toHaveBeenCalledOnce();
    // With the frame's length, which the host sizes its batches by.
    expect(received.mock.calls).toEqual([[{ event: 'newNotification' }, JSON.stringify({ identifier: NOTIFY, message: { event: 'newNotification' } }).length]]);
    // Pings reach only the heartbeat listeners.
    expect(pings).toHaveBeenCalledExactlyOnceWith({ at: Date.now() });
    expect(h.cable.status().subscriptions).toEqual([
      { identifier: NOTIFY, channel: 'NotificationChannel', state: 'confirmed', listeners: 1 },
    ]);
  });

  it('sends unsubscribe with the last local listener, while connected', () => {
    const h = connected();
    const off1 = h.cable.subscribe(notify, { received: () => {} });
    const off2 = h.cable.subscribe(notify, { received: () => {} });
    off1();
    off2();
    expect(h.socket.commands.map((c) => c.command)).toEqual(['subscribe', 'unsubscribe']);
  });

  it('reports a rejection and does not retry it', () => {
    const h = connected();
    const rejected = vi.fn();
    h.cable.subscribe(notify, { received: () => {}, rejected });
    h.socket.receive({ identifier: NOTIFY, type: 'reject_subscription' });
    expect(rejected).toHaveBeenCalledOnce();
    expect(h.subscriptionChanges.at(-1)).toMatchObject({ identifier: NOTIFY, state: 'rejected', reason: 'reject' });
    h.cable.reconnectNow();
    h.socket.welcome();
    expect(h.socket.sent).toEqual([]);
  });

  it('forces a reconnect when a subscription stays unconfirmed after two retries', () => {
    const h = connected();
    h.cable.subscribe(notify, { received: () => {} });
    pingFor(h, 3 * 10_000 + 2 * 500 - 1);
    expect(h.cable.state).toBe('connected');
    pingFor(h, 1);
    expect(h.trail.at(-1)).toBe('connecting:subscription_timeout');
    expect(h.sockets).toHaveLength(2);
    h.socket.welcome();
    expect(h.socket.commands).toEqual([{ command: 'subscribe', identifier: NOTIFY }]);
    h.socket.receive({ identifier: NOTIFY, type: 'confirm_subscription' });
    expect(h.cable.status().subscriptions[0]?.state).toBe('confirmed');
  });

  it('counts broadcasts and confirmations for identifiers nobody subscribed to', () => {
    const h = connected();
    h.socket.receive({ identifier: '{"channel":"Ghost"}', message: {} });
    h.socket.receive({ identifier: '{"channel":"Ghost"}', type: 'confirm_subscription' });
    expect(h.cable.status().diagnostics.unknown_identifier).toBe(1);
    expect(h.diagnostics[0]).toMatchObject({ kind: 'unknown_identifier', detail: '{"channel":"Ghost"}' });
    expect(h.cable.state).toBe('connected');
  });
});

describe('Cable bad input', () => {
  it('counts every kind of bad frame, reports it, and keeps the connection', () => {
    const h = connected();
    const frames: unknown[] = [
      'not json',
      new Uint8Array([1, 2]),
      '[]',
      '{"type":"confirm_history"}',
      '{"type":"confirm_subscription"}',
      '{"type":"reject_subscription"}',
    ];
    for (const frame of frames) expect(() => h.socket.receiveRaw(frame)).not.toThrow();
    expect(h.cable.status().diagnostics).toEqual({
      binary_frame: 1,
      invalid_json: 1,
      not_an_object: 1,
      unknown_type: 1,
      missing_field: 2,
      unknown_identifier: 0,
      listener_error: 0,
      send_failed: 0,
    });
    expect(h.diagnostics.map((d) => d.kind)).toEqual([
      'invalid_json',
      'binary_frame',
      'not_an_object',
      'unknown_type',
      'missing_field',
      'missing_field',
    ]);
    expect(h.cable.state).toBe('connected');
  });

  it('survives listeners and handlers that throw, and counts them', () => {
    const h = createHarness();
    h.cable.on('state', () => {
      throw new Error('state listener');
    });
    h.cable.on('diagnostic', () => {
      throw new Error('diagnostic listener');
    });
    const received = vi.fn();
    h.cable.subscribe(notify, {
      received: () => {
        throw new Error('handler');
      },
      confirmed: () => {
        throw new Error('confirmed');
      },
    });
    h.cable.subscribe(notify, { received });
    h.cable.start();
    h.socket.welcome();
    h.socket.receive({ identifier: NOTIFY, type: 'confirm_subscription' });
    h.socket.receive({ identifier: NOTIFY, message: 1 });
    expect(h.cable.state).toBe('connected');
    expect(received).toHaveBeenCalledWith(1, JSON.stringify({ identifier: NOTIFY, message: 1 }).length);
    // state listener ×2 (connecting, connected), confirmed, received, and the diagnostic
    // listener once per reported listener error: it must not report itself in a loop.
    expect(h.cable.status().diagnostics.listener_error).toBe(8);
    expect(h.diagnostics.filter((d) => d.kind === 'listener_error')).toHaveLength(4);
  });

  it('counts a send that the socket refuses', () => {
    const h = connected();
    h.socket.send = () => {
      throw new Error('InvalidStateError');
    };
    h.cable.subscribe(notify, { received: () => {} });
    expect(h.cable.status().diagnostics.send_failed).toBe(1);
  });
});

describe('Cable status and logging', () => {
  it('snapshots what the popup shows', () => {
    const h = createHarness({ random: () => 1 });
    h.cable.subscribe(notify, { received: () => {} });
    h.cable.start();
    h.socket.serverClose(1006);
    expect(h.cable.status()).toEqual({
      state: 'reconnecting',
      reason: 'closed_before_open',
      since: Date.now(),
      lastFrameAt: null,
      nextRetryAt: Date.now() + 2000,
      attempts: 1,
      reconnects: 0,
      closedBeforeOpen: 1,
      subscriptions: [{ identifier: NOTIFY, channel: 'NotificationChannel', state: 'pending', listeners: 1 }],
      diagnostics: expect.objectContaining({ invalid_json: 0 }),
    });
  });

  it('never hands the logger the URL, a payload, or anything secret', () => {
    const lines: string[] = [];
    const record = (message: string, data?: Record<string, unknown>) => lines.push(message + JSON.stringify(data));
    const h = createHarness({
      url: 'wss://circle.test/cable?token=SECRET',
      logger: { debug: record, info: record, warn: record, error: record },
      prepare: () => Promise.reject(new Error('SECRET in an error')),
    });
    h.cable.subscribe(notify, { received: () => {} });
    h.cable.start();
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toContain('SECRET');
  });

  it('keeps working when the logger throws', () => {
    const boom = () => {
      throw new Error('logger');
    };
    const h = createHarness({ logger: { info: boom, warn: boom, error: boom, debug: boom } });
    h.cable.start();
    h.socket.welcome();
    h.socket.receiveRaw('bad');
    expect(h.cable.state).toBe('connected');
  });
});
