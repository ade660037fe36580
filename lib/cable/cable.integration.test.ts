// @vitest-environment node
// The client against a real socket: a `ws` server speaking the Rails frames from docs/platform.md,
// with real timers and short tunables. Every wait is on an event, never on a sleep.
import { once } from 'node:events';
import WebSocket, { WebSocketServer } from 'ws';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Cable } from './cable.ts';
import type { CableEvents } from './types.ts';

const IDENTIFIER = '{"channel":"NotificationChannel","community_member_id":7}';

let server: WebSocketServer;
let cable: Cable | undefined;
const peers: WebSocket[] = [];
const commands: string[] = [];

beforeEach(async () => {
  server = new WebSocketServer({
    host: '127.0.0.1',
    port: 0,
    handleProtocols: (offered) => (offered.has('actioncable-v1-json') ? 'actioncable-v1-json' : false),
  });
  server.on('connection', (peer) => {
    peers.push(peer);
    peer.send(JSON.stringify({ type: 'welcome' }));
    peer.on('message', (data) => {
      const text = String(data);
      commands.push(text);
      const { command, identifier } = JSON.parse(text) as { command: string; identifier: string };
      if (command === 'subscribe') peer.send(JSON.stringify({ identifier, type: 'confirm_subscription' }));
    });
  });
  await once(server, 'listening');
});

afterEach(async () => {
  cable?.stop();
  cable = undefined;
  for (const peer of peers.splice(0)) peer.terminate();
  commands.length = 0;
  await new Promise((resolve) => server.close(resolve));
});

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

function next<K extends keyof CableEvents>(
  target: Cable,
  event: K,
  matches: (payload: CableEvents[K]) => boolean = () => true,
): Promise<CableEvents[K]> {
  return new Promise((resolve) => {
    const off = target.on(event, (payload) => {
      if (!matches(payload)) return;
      off();
      resolve(payload);
    });
  });
}

describe('Cable over a real ws socket', () => {
  it('connects, subscribes, receives, and comes back after server_restart', async () => {
    const { port } = server.address() as AddressInfo;
    const client = new Cable({
      url: `ws://127.0.0.1:${port}/cable`,
      createWebSocket: (url, protocols) => new WebSocket(url, protocols),
      tunables: { staleAfterMs: 2000, restartDelayMinMs: 10, restartDelayMaxMs: 30, backoffBaseMs: 20 },
    });
    cable = client;

    const connected = next(client, 'state', (c) => c.state === 'connected');
    client.start();
    await connected;

    const received: unknown[] = [];
    let confirmations = 0;
    let confirmed = deferred();
    const delivered = deferred();
    client.subscribe(
      { community_member_id: 7, channel: 'NotificationChannel' },
      {
        received: (message) => (received.push(message), delivered.resolve()),
        confirmed: () => (confirmations++, confirmed.resolve()),
      },
    );
    await confirmed.promise;
    expect(client.status().subscriptions[0]?.state).toBe('confirmed');

    const peer = peers[0]!;
    peer.send(JSON.stringify({ type: 'ping', message: 1_795_797_609 }));
    peer.send(JSON.stringify({ identifier: IDENTIFIER, message: { event: 'newNotification', id: 1 } }));
    await delivered.promise;
    // The ping went first and reached nobody.
    expect(received).toEqual([{ event: 'newNotification', id: 1 }]);

    const leaving = next(client, 'state', (c) => c.state === 'reconnecting');
    const resync = next(client, 'resync');
    confirmed = deferred();
    peer.send(JSON.stringify({ type: 'disconnect', reason: 'server_restart', reconnect: true }));
    peer.close(1000);
    expect((await leaving).reason).toBe('server_restart');
    const { since, downtimeMs } = await resync;
    await confirmed.promise;

    expect(peers).toHaveLength(2);
    expect(peers[1]?.protocol).toBe('actioncable-v1-json');
    expect(since).toBeLessThanOrEqual(Date.now());
    expect(downtimeMs).toBeGreaterThanOrEqual(0);
    expect(confirmations).toBe(2);
    expect(commands).toEqual([
      `{"command":"subscribe","identifier":${JSON.stringify(IDENTIFIER)}}`,
      `{"command":"subscribe","identifier":${JSON.stringify(IDENTIFIER)}}`,
    ]);
    expect(client.status()).toMatchObject({ state: 'connected', reconnects: 1, attempts: 0 });
    expect(client.status().diagnostics.unknown_identifier).toBe(0);

    const closed = once(peers[1]!, 'close');
    client.stop();
    await closed;
    expect(client.state).toBe('stopped');
  });

  it('treats a server that goes silent as stale and reconnects', async () => {
    const { port } = server.address() as AddressInfo;
    const client = new Cable({
      url: `ws://127.0.0.1:${port}/cable`,
      createWebSocket: (url, protocols) => new WebSocket(url, protocols),
      tunables: { staleAfterMs: 150, backoffBaseMs: 20 },
    });
    cable = client;
    const stale = next(client, 'state', (c) => c.reason === 'stale');
    const resync = next(client, 'resync');
    client.start();
    await stale;
    await resync;
    expect(peers.length).toBeGreaterThanOrEqual(2);
  });
});
