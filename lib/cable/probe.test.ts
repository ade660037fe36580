// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from './clock.ts';
import { probeCable, PROBE_TIMEOUT_MS } from './probe.ts';
import type { ProbeEvent, ProbeResult } from './probe.ts';
import { identifierFor, SUBPROTOCOL } from './protocol.ts';
import type { ChannelParams } from './protocol.ts';
import { ReadyState } from './socket.ts';
import { fakeSockets } from './testing.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const CHANNELS: ChannelParams[] = [
  { channel: 'NotificationChannel', community_member_id: 7 },
  { channel: 'ChatRoomChannel', community_member_id: 7 },
];
const [notifications, chats] = CHANNELS.map(identifierFor) as [string, string];

function setup(channels: ChannelParams[] = CHANNELS) {
  const { sockets, createWebSocket } = fakeSockets();
  const events: ProbeEvent[] = [];
  let result: ProbeResult | undefined;
  void probeCable({ url: 'wss://circle.test/cable', channels, createWebSocket, clock: systemClock, onStep: (e) => events.push(e) }).then((r) => {
    result = r;
  });
  return {
    get socket() {
      return sockets.at(-1)!;
    },
    sockets,
    /** "step:state[:channel][:failure]" per event, compact to assert on. */
    get trail() {
      return events.map((e) => [e.step, e.state, e.channel, e.failure].filter(Boolean).join(':'));
    },
    async result() {
      await vi.advanceTimersByTimeAsync(0);
      return result;
    },
  };
}

describe('probeCable', () => {
  it('walks every step and subscribes to each channel with the JSON subprotocol', async () => {
    const probe = setup();
    expect(probe.socket.protocols).toEqual([SUBPROTOCOL]);
    probe.socket.welcome();
    expect(probe.socket.commands).toEqual([
      { command: 'subscribe', identifier: notifications },
      { command: 'subscribe', identifier: chats },
    ]);
    probe.socket.receive({ type: 'ping', message: 1 });
    probe.socket.receive({ type: 'confirm_subscription', identifier: chats });
    expect(await probe.result()).toBeUndefined();
    probe.socket.receive({ type: 'confirm_subscription', identifier: notifications });
    expect(await probe.result()).toEqual({ ok: true, failed: undefined });
    expect(probe.trail).toEqual([
      'handshake:running', 'handshake:ok', 'subprotocol:running', 'subprotocol:ok', 'welcome:running', 'welcome:ok',
      'subscription:running:NotificationChannel', 'subscription:running:ChatRoomChannel',
      'subscription:ok:ChatRoomChannel', 'subscription:ok:NotificationChannel',
    ]);
    expect(probe.socket.closedWith).not.toBeNull();
  });

  it('a socket closed before open is a refused handshake', async () => {
    const probe = setup();
    probe.socket.serverClose(1006);
    expect((await probe.result())?.failed).toMatchObject({ step: 'handshake', failure: 'refused', detail: '1006' });
    expect(probe.trail).toEqual(['handshake:running', 'handshake:failed:refused']);
  });

  it('no open within the timeout fails the handshake and closes the socket', async () => {
    const probe = setup();
    await vi.advanceTimersByTimeAsync(PROBE_TIMEOUT_MS - 1);
    expect(await probe.result()).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect((await probe.result())?.failed).toMatchObject({ step: 'handshake', failure: 'timeout' });
    expect(probe.socket.closedWith).not.toBeNull();
  });

  it('a factory that throws fails the handshake', async () => {
    const events: ProbeEvent[] = [];
    const result = await probeCable({
      url: 'nope', channels: CHANNELS, clock: systemClock, onStep: (e) => events.push(e),
      createWebSocket: () => {
        throw new SyntaxError('bad url');
      },
    });
    expect(result.failed).toMatchObject({ step: 'handshake', failure: 'refused', detail: 'bad url' });
  });

  it('a server that picks no subprotocol fails that step', async () => {
    const probe = setup();
    probe.socket.open('');
    expect((await probe.result())?.failed).toMatchObject({ step: 'subprotocol', failure: 'no_subprotocol', detail: '' });
    expect(probe.socket.readyState).toBe(ReadyState.closed);
  });

  it('an unauthorized disconnect before welcome says the token was refused', async () => {
    const probe = setup();
    probe.socket.open();
    probe.socket.receive({ type: 'disconnect', reason: 'unauthorized', reconnect: false });
    expect((await probe.result())?.failed).toMatchObject({ step: 'welcome', failure: 'unauthorized' });
    probe.socket.serverClose(1000);
    expect(probe.trail.at(-1)).toBe('welcome:failed:unauthorized');
  });

  it('another disconnect, a close or silence before welcome each fail the welcome step', async () => {
    const other = setup();
    other.socket.open();
    other.socket.receive({ type: 'disconnect', reason: 'server_restart', reconnect: true });
    expect((await other.result())?.failed).toMatchObject({ step: 'welcome', failure: 'disconnected', detail: 'server_restart' });

    const closed = setup();
    closed.socket.open();
    closed.socket.serverClose(1011);
    expect((await closed.result())?.failed).toMatchObject({ step: 'welcome', failure: 'closed', detail: '1011' });

    const silent = setup();
    silent.socket.open();
    await vi.advanceTimersByTimeAsync(PROBE_TIMEOUT_MS);
    expect((await silent.result())?.failed).toMatchObject({ step: 'welcome', failure: 'timeout' });
  });

  it('names each rejected or unanswered channel and still hears the others out', async () => {
    const probe = setup();
    probe.socket.welcome();
    probe.socket.receive({ type: 'reject_subscription', identifier: chats });
    expect(await probe.result()).toBeUndefined();
    await vi.advanceTimersByTimeAsync(PROBE_TIMEOUT_MS);
    const result = await probe.result();
    expect(result?.ok).toBe(false);
    expect(result?.failed).toMatchObject({ step: 'subscription', channel: 'ChatRoomChannel', failure: 'rejected' });
    expect(probe.trail.slice(-2)).toEqual(['subscription:failed:ChatRoomChannel:rejected', 'subscription:failed:NotificationChannel:timeout']);
    expect(probe.socket.closedWith).not.toBeNull();
  });

  it('a socket lost while subscribing fails every channel still waiting', async () => {
    const probe = setup();
    probe.socket.welcome();
    probe.socket.receive({ type: 'confirm_subscription', identifier: notifications });
    probe.socket.serverClose(1006);
    expect((await probe.result())?.failed).toMatchObject({ channel: 'ChatRoomChannel', failure: 'closed' });
  });

  it('with no channels, the welcome ends it; unknown frames and stray confirms are ignored', async () => {
    const probe = setup([]);
    probe.socket.open();
    probe.socket.receiveRaw('not json');
    probe.socket.receive({ type: 'confirm_subscription', identifier: notifications });
    probe.socket.receive({ type: 'welcome' });
    expect(await probe.result()).toEqual({ ok: true, failed: undefined });
    expect(probe.socket.sent).toEqual([]);
  });

  it('a throwing listener does not keep the socket open', async () => {
    const { sockets, createWebSocket } = fakeSockets();
    const done = probeCable({
      url: 'wss://circle.test/cable', channels: [], createWebSocket, clock: systemClock,
      onStep: () => {
        throw new Error('listener bug');
      },
    });
    sockets[0]!.welcome();
    await expect(done).resolves.toEqual({ ok: true, failed: undefined });
    expect(sockets[0]!.closedWith).not.toBeNull();
  });
});
