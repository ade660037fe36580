// @vitest-environment node
/**
 * The official @rails/actioncable client, in Node, against the simulator and the real Rails
 * server: it connects, subscribes to Circle's four channels and receives a broadcast on each.
 * A browser cannot set Origin and Authorization on a WebSocket; the extension does it with
 * header rules, and here an adapter built on `ws` does it.
 */
import { adapters, createConsumer } from '@rails/actioncable';
import type { Consumer } from '@rails/actioncable';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels, streamsOf } from './scenarios';
import type { CableTarget } from './targets';
import { railsTarget, simulatorTarget } from './targets';

/** A ws WebSocket that adds the handshake headers the browser extension would add. */
function headerWebSocket(origin: string, token: string): new (url: string, protocols?: string | string[]) => WebSocket {
  return class HeaderWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { Origin: origin, Authorization: `Bearer ${token}` } });
    }
  };
}

const previous = { WebSocket: adapters.WebSocket, document: Reflect.get(globalThis, 'document'), add: Reflect.get(globalThis, 'addEventListener'), remove: Reflect.get(globalThis, 'removeEventListener') };

beforeAll(() => {
  // The client's connection monitor listens for page visibility; Node has no page.
  Object.assign(globalThis, {
    document: { visibilityState: 'visible' },
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  });
});

afterAll(() => {
  adapters.WebSocket = previous.WebSocket;
  Object.assign(globalThis, { document: previous.document, addEventListener: previous.add, removeEventListener: previous.remove });
});

const TARGETS: Record<string, () => Promise<CableTarget>> = {
  simulator: () => simulatorTarget(),
  'real Rails ActionCable (puma)': railsTarget,
};

describe.each(Object.keys(TARGETS))('official @rails/actioncable client: %s', (name) => {
  let target: CableTarget | undefined;
  let consumer: Consumer | undefined;

  afterAll(async () => {
    consumer?.disconnect();
    await target?.stop();
  });

  it('subscribes to the four channels and receives a broadcast on each', async () => {
    // Started here rather than in beforeAll, so a server that cannot start fails the test.
    const start = TARGETS[name];
    if (!start) throw new Error(`no target ${name}`);
    const server = await start();
    target = server;
    adapters.WebSocket = headerWebSocket(server.origin, server.member.token);
    consumer = createConsumer(server.cableUrl);
    const kinds = ['notifications', 'rooms', 'threads', 'room'] as const;
    const received = new Map<string, unknown>();
    let allReceived: () => void = () => undefined;
    const everyBroadcastArrived = new Promise<void>((resolve) => (allReceived = resolve));
    const connected = kinds.map(
      (kind) =>
        new Promise<void>((resolve, reject) => {
          consumer?.subscriptions.create(JSON.parse(channels[kind](server)) as Record<string, unknown>, {
            connected: resolve,
            rejected: () => reject(new Error(`${kind} was rejected`)),
            received: (data) => {
              received.set(kind, data);
              if (received.size === kinds.length) allReceived();
            },
          });
        }),
    );
    await Promise.all(connected);
    for (const kind of kinds) await server.broadcast(streamsOf[kind](server), { event: 'ping-test', kind });
    await everyBroadcastArrived;
    expect(Object.fromEntries(received)).toEqual(
      Object.fromEntries(kinds.map((kind) => [kind, { event: 'ping-test', kind }])),
    );
  }, 40_000);
});
