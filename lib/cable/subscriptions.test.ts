// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from './clock.ts';
import { Subscriptions } from './subscriptions.ts';
import type { SubscriptionChange, SubscriptionHandlers } from './subscriptions.ts';
import { DEFAULT_TUNABLES } from './tunables.ts';

const NOTIFY = '{"channel":"NotificationChannel","community_member_id":7}';
const params = { community_member_id: 7, channel: 'NotificationChannel' };

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function setup() {
  const sent: string[] = [];
  const changes: SubscriptionChange[] = [];
  const onGiveUp = vi.fn();
  const onHandlerError = vi.fn();
  const subs = new Subscriptions({
    clock: systemClock,
    tunables: DEFAULT_TUNABLES,
    send: (frame) => sent.push(frame),
    onGiveUp,
    onChange: (change) => changes.push(change),
    onHandlerError,
  });
  const commands = () => sent.map((frame) => JSON.parse(frame) as { command: string; identifier: string });
  return { subs, sent, commands, changes, onGiveUp, onHandlerError };
}

function handlers() {
  return {
    received: vi.fn<(message: unknown) => void>(),
    confirmed: vi.fn<() => void>(),
    rejected: vi.fn<() => void>(),
  } satisfies SubscriptionHandlers;
}

describe('Subscriptions', () => {
  it('waits for the connection, then sends one subscribe with the sorted identifier', () => {
    const { subs, sent, commands } = setup();
    subs.add(params, handlers());
    expect(sent).toEqual([]);
    subs.connected();
    expect(commands()).toEqual([{ command: 'subscribe', identifier: NOTIFY }]);
    expect(subs.list()).toEqual([
      { identifier: NOTIFY, channel: 'NotificationChannel', state: 'pending', listeners: 1 },
    ]);
  });

  it('re-sends the same bytes on every connection, once each', () => {
    const { subs, sent } = setup();
    subs.add(params, handlers());
    subs.connected();
    subs.confirm(NOTIFY);
    subs.disconnected();
    subs.connected();
    expect(sent).toHaveLength(2);
    expect(sent[0]).toBe(sent[1]);
  });

  it('confirms every local listener and reports the change', () => {
    const { subs, changes } = setup();
    const a = handlers();
    const b = handlers();
    subs.add(params, a);
    subs.add({ channel: 'NotificationChannel', community_member_id: 7 }, b);
    subs.connected();
    expect(subs.confirm(NOTIFY)).toBe(true);
    expect(a.confirmed).toHaveBeenCalledOnce();
    expect(b.confirmed).toHaveBeenCalledOnce();
    expect(subs.list()[0]?.state).toBe('confirmed');
    expect(changes.map((c) => `${c.state}:${c.reason}`)).toEqual(['pending:subscribe', 'confirmed:confirm']);
  });

  it('ignores a confirmation for an unknown identifier, or a duplicate one', () => {
    const { subs } = setup();
    const a = handlers();
    subs.add(params, a);
    subs.connected();
    expect(subs.confirm('{"channel":"Other"}')).toBe(false);
    subs.confirm(NOTIFY);
    expect(subs.confirm(NOTIFY)).toBe(false);
    expect(a.confirmed).toHaveBeenCalledOnce();
  });

  it('fans one server subscription out and unsubscribes with the last listener only', () => {
    const { subs, commands } = setup();
    const a = handlers();
    const b = handlers();
    const offA = subs.add(params, a);
    subs.connected();
    subs.confirm(NOTIFY);
    const offB = subs.add(params, b);
    expect(b.confirmed).toHaveBeenCalledOnce();
    expect(subs.deliver(NOTIFY, { n: 1 }, 40)).toBe(true);
    expect(a.received).toHaveBeenCalledWith({ n: 1 }, 40);
    expect(b.received).toHaveBeenCalledWith({ n: 1 }, 40);
    offA();
    offA();
    expect(commands()).toHaveLength(1);
    offB();
    expect(commands()).toEqual([
      { command: 'subscribe', identifier: NOTIFY },
      { command: 'unsubscribe', identifier: NOTIFY },
    ]);
    expect(subs.deliver(NOTIFY, {})).toBe(false);
    expect(subs.list()).toEqual([]);
  });

  it('needs two unsubscribes for one handlers object subscribed twice', () => {
    const { subs } = setup();
    const a = handlers();
    const first = subs.add(params, a);
    subs.add(params, a);
    first();
    expect(subs.list()[0]?.listeners).toBe(1);
  });

  it('sends nothing for an unsubscribe while offline', () => {
    const { subs, sent } = setup();
    subs.add(params, handlers())();
    expect(sent).toEqual([]);
  });

  it('treats a rejection as final until the app subscribes again', () => {
    const { subs, commands } = setup();
    const a = handlers();
    subs.add(params, a);
    subs.connected();
    expect(subs.reject(NOTIFY)).toBe(true);
    expect(a.rejected).toHaveBeenCalledOnce();
    expect(subs.list()[0]?.state).toBe('rejected');
    expect(subs.deliver(NOTIFY, {})).toBe(false);
    subs.disconnected();
    subs.connected();
    expect(commands()).toHaveLength(1);
    vi.advanceTimersByTime(60_000);
    expect(commands()).toHaveLength(1);

    subs.add(params, handlers());
    expect(subs.list()[0]?.state).toBe('pending');
    expect(commands()).toHaveLength(2);
  });

  it('goes back to pending when the connection drops, and stops its timers', () => {
    const { subs, onGiveUp } = setup();
    subs.add(params, handlers());
    subs.connected();
    subs.confirm(NOTIFY);
    subs.disconnected();
    expect(subs.list()[0]?.state).toBe('pending');
    subs.add({ channel: 'Other' }, handlers());
    subs.connected();
    subs.disconnected();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(100_000);
    expect(onGiveUp).not.toHaveBeenCalled();
  });

  it('unsubscribes, waits and retries an unconfirmed subscribe twice, then gives up the connection', () => {
    const { subs, commands, onGiveUp } = setup();
    subs.add(params, handlers());
    subs.connected();
    const shape = () => commands().map((c) => c.command);
    vi.advanceTimersByTime(9999);
    expect(shape()).toEqual(['subscribe']);
    vi.advanceTimersByTime(1);
    expect(shape()).toEqual(['subscribe', 'unsubscribe']);
    vi.advanceTimersByTime(500);
    expect(shape()).toEqual(['subscribe', 'unsubscribe', 'subscribe']);
    vi.advanceTimersByTime(10_500);
    expect(shape()).toEqual(['subscribe', 'unsubscribe', 'subscribe', 'unsubscribe', 'subscribe']);
    expect(onGiveUp).not.toHaveBeenCalled();
    vi.advanceTimersByTime(10_000);
    expect(onGiveUp).toHaveBeenCalledWith(NOTIFY);
    expect(new Set(commands().map((c) => c.identifier))).toEqual(new Set([NOTIFY]));
  });

  it('ignores a late confirmation between its unsubscribe and the fresh subscribe', () => {
    const { subs } = setup();
    subs.add(params, handlers());
    subs.connected();
    vi.advanceTimersByTime(10_000);
    expect(subs.confirm(NOTIFY)).toBe(false);
    vi.advanceTimersByTime(500);
    expect(subs.confirm(NOTIFY)).toBe(true);
  });

  it('reports an identifier that fresh connections cannot confirm either', () => {
    const { subs, onGiveUp, changes } = setup();
    const a = handlers();
    subs.add(params, a);
    for (let connection = 1; connection <= 3; connection++) {
      subs.connected();
      vi.advanceTimersByTime(3 * 10_000 + 2 * 500);
      subs.disconnected();
    }
    expect(onGiveUp).toHaveBeenCalledTimes(2);
    expect(subs.list()[0]?.state).toBe('rejected');
    expect(a.rejected).toHaveBeenCalledOnce();
    expect(changes.at(-1)).toMatchObject({ state: 'rejected', reason: 'subscription_timeout' });
  });

  it('forgives past timeouts once a confirmation arrives', () => {
    const { subs, onGiveUp } = setup();
    subs.add(params, handlers());
    for (let connection = 1; connection <= 6; connection++) {
      subs.connected();
      vi.advanceTimersByTime(31_000);
      if (connection % 2 === 0) {
        subs.disconnected();
        subs.connected();
        subs.confirm(NOTIFY);
      }
      subs.disconnected();
    }
    expect(subs.list()[0]?.state).toBe('pending');
    expect(onGiveUp).toHaveBeenCalledTimes(6);
  });

  it('keeps delivering when one listener throws, and reports the throw', () => {
    const { subs, onHandlerError } = setup();
    const boom = new Error('boom');
    const b = handlers();
    subs.add(params, {
      received: () => {
        throw boom;
      },
    });
    subs.add(params, b);
    expect(() => subs.deliver(NOTIFY, 1)).not.toThrow();
    expect(b.received).toHaveBeenCalledWith(1, 0);
    expect(onHandlerError).toHaveBeenCalledWith(boom, NOTIFY);
  });
});
