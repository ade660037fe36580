// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from './clock.ts';
import { Reporter } from './diagnostics.ts';
import type { Diagnostic } from './diagnostics.ts';
import type { CableError } from './errors.ts';
import { Link } from './link.ts';
import type { LinkDeps } from './link.ts';
import { FakeSocket, fakeSockets } from './testing.ts';
import { DEFAULT_TUNABLES } from './tunables.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function setup(overrides: Partial<LinkDeps> = {}) {
  const { sockets, createWebSocket } = fakeSockets();
  const events: string[] = [];
  const errors: CableError[] = [];
  const frames: unknown[] = [];
  const diagnostics: Diagnostic[] = [];
  const link = new Link({
    url: 'wss://circle.test/cable',
    createWebSocket,
    clock: systemClock,
    tunables: DEFAULT_TUNABLES,
    report: new Reporter({}, Date.now, (d) => diagnostics.push(d)),
    run: (work) => work(),
    handlers: {
      welcome: () => events.push('welcome'),
      frame: (frame) => frames.push(frame),
      failed: (reason, error) => (events.push(`failed:${reason}`), errors.push(error)),
    },
    ...overrides,
  });
  const socket = () => sockets.at(-1)!;
  return { link, sockets, socket, events, errors, frames, diagnostics };
}

describe('Link', () => {
  it('opens with the JSON subprotocol and reports welcome once', () => {
    const t = setup();
    t.link.open();
    expect(t.socket().protocols).toEqual(['actioncable-v1-json']);
    t.socket().welcome();
    t.socket().receive({ type: 'welcome' });
    expect(t.events).toEqual(['welcome']);
  });

  it('forwards frames other than welcome, and diagnoses bad ones', () => {
    const t = setup();
    t.link.open();
    t.socket().welcome();
    t.socket().receive({ type: 'ping', message: 1 });
    t.socket().receive({ identifier: 'x', type: 'confirm_subscription' });
    t.socket().receiveRaw('{');
    expect(t.frames).toEqual([{ type: 'ping' }, { type: 'confirm_subscription', identifier: 'x' }]);
    expect(t.diagnostics.map((d) => d.kind)).toEqual(['invalid_json']);
  });

  it.each([
    ['handshake_timeout', (_: FakeSocket) => {}, 10_000],
    ['welcome_timeout', (s: FakeSocket) => s.open(), 10_000],
    ['stale', (s: FakeSocket) => s.welcome(), 4501],
  ])('fails with %s when the server stays silent', (reason, step, ms) => {
    const t = setup();
    t.link.open();
    step(t.socket());
    vi.advanceTimersByTime(ms - 1);
    expect(t.events).not.toContain(`failed:${reason}`);
    vi.advanceTimersByTime(1);
    expect(t.events.at(-1)).toBe(`failed:${reason}`);
    expect(t.socket().closedWith?.code).toBe(1000);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('leaves the silence to a socket that watches its own, and fails with stale when it says so', () => {
    class Watching extends FakeSocket {
      readonly watched: number[] = [];
      onstale: ((event: { silentMs: number; lastFrameAt: number }) => void) | null = null;
      watchSilence(ms: number) {
        this.watched.push(ms);
      }
    }
    const made: Watching[] = [];
    const t = setup({ createWebSocket: (url, protocols) => (made.push(new Watching(url, protocols)), made.at(-1)!) });
    t.link.open();
    const socket = made[0]!;
    socket.welcome();
    expect(socket.watched).toEqual([DEFAULT_TUNABLES.staleAfterMs]);
    // Its own watch only: no timer here, however long the silence.
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(60_000);
    expect(t.events).toEqual(['welcome']);
    socket.onstale?.({ silentMs: 4_501, lastFrameAt: 1_234 });
    expect(t.events.at(-1)).toBe('failed:stale');
    expect(t.errors.at(-1)?.message).toBe('no frame for 4501 ms');
    expect(t.link.lastFrameAt).toBe(1_234);
    expect(socket.closedWith?.code).toBe(1000);
    // Cut loose: a late word from the abandoned socket changes nothing.
    socket.onstale?.({ silentMs: 9_000, lastFrameAt: 0 });
    expect(t.events.filter((e) => e === 'failed:stale')).toHaveLength(1);
  });

  it('fails with protocol_unsupported when the server picks no subprotocol', () => {
    const t = setup();
    t.link.open();
    t.socket().open('');
    expect(t.events).toEqual(['failed:protocol_unsupported']);
    expect(t.errors[0]?.message).toBe('server chose no subprotocol');
  });

  it('tells a close before open from a close after, and counts the former', () => {
    const t = setup();
    t.link.open();
    t.socket().serverClose(1006);
    t.link.open();
    t.socket().open();
    t.socket().serverClose(1000);
    expect(t.events).toEqual(['failed:closed_before_open', 'failed:closed']);
    expect(t.errors.map((e) => e.message)).toEqual(['close 1006', 'close 1000']);
    expect(t.link.closedBeforeOpen).toBe(1);
  });

  it('reports a factory that throws as socket_failed, with the cause', () => {
    const boom = new SyntaxError('bad url');
    const t = setup({
      createWebSocket: () => {
        throw boom;
      },
    });
    t.link.open();
    expect(t.events).toEqual(['failed:socket_failed']);
    expect(t.errors[0]?.cause).toBe(boom);
  });

  it('counts a send on a socket that is not open instead of throwing', () => {
    const t = setup();
    t.link.send('{}');
    t.link.open();
    t.link.send('{}');
    expect(t.diagnostics.map((d) => d.kind)).toEqual(['send_failed', 'send_failed']);
  });

  it('closes idempotently and ignores the abandoned socket afterwards', () => {
    const t = setup();
    t.link.open();
    t.socket().welcome();
    t.link.close();
    t.link.close();
    t.socket().serverClose();
    expect(t.events).toEqual(['welcome']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('replaces the previous socket when opened again', () => {
    const t = setup();
    t.link.open();
    t.link.open();
    expect(t.sockets[0]?.closedWith?.code).toBe(1000);
    expect(vi.getTimerCount()).toBe(1);
  });
});
