// Test doubles shared by the *.test.ts files here; not exported from index.ts.
import { Cable } from './cable.ts';
import type { Diagnostic } from './diagnostics.ts';
import { SUBPROTOCOL } from './protocol.ts';
import { ReadyState } from './socket.ts';
import type { SocketCloseEvent, SocketMessageEvent, WebSocketFactory, WebSocketLike } from './socket.ts';
import type { StateChange } from './state.ts';
import type { SubscriptionChange } from './subscriptions.ts';
import type { CableOptions, ResyncInfo } from './types.ts';

/** A socket whose server side is driven by the test. */
export class FakeSocket implements WebSocketLike {
  readyState: number = ReadyState.connecting;
  protocol = '';
  readonly sent: string[] = [];
  closedWith: { code?: number; reason?: string } | null = null;
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: SocketMessageEvent) => void) | null = null;
  onclose: ((event: SocketCloseEvent) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;

  constructor(
    readonly url: string,
    readonly protocols: string[],
  ) {}

  send(data: string): void {
    if (this.readyState !== ReadyState.open) throw new Error('InvalidStateError');
    this.sent.push(data);
  }

  close(code?: number, reason?: string): void {
    this.closedWith = { code, reason };
    this.readyState = ReadyState.closed;
  }

  /** Commands the client sent, parsed. */
  get commands(): { command: string; identifier: string }[] {
    return this.sent.map((frame) => JSON.parse(frame) as { command: string; identifier: string });
  }

  open(protocol: string = SUBPROTOCOL): void {
    this.readyState = ReadyState.open;
    this.protocol = protocol;
    this.onopen?.({});
  }

  receive(frame: object): void {
    this.receiveRaw(JSON.stringify(frame));
  }

  receiveRaw(data: unknown): void {
    this.onmessage?.({ data });
  }

  welcome(): void {
    this.open();
    this.receive({ type: 'welcome' });
  }

  serverClose(code = 1006, reason = ''): void {
    this.readyState = ReadyState.closed;
    this.onerror?.({});
    this.onclose?.({ code, reason });
  }
}

/** A factory that remembers every socket it made, newest last. */
export function fakeSockets(): { sockets: FakeSocket[]; createWebSocket: WebSocketFactory } {
  const sockets: FakeSocket[] = [];
  const createWebSocket: WebSocketFactory = (url, protocols) => {
    const socket = new FakeSocket(url, protocols);
    sockets.push(socket);
    return socket;
  };
  return { sockets, createWebSocket };
}

export function createHarness(options: Partial<CableOptions> = {}) {
  const { sockets, createWebSocket } = fakeSockets();
  const cable = new Cable({
    url: 'wss://circle.test/cable',
    createWebSocket,
    random: () => 0.5,
    ...options,
  });
  const states: StateChange[] = [];
  const resyncs: ResyncInfo[] = [];
  const diagnostics: Diagnostic[] = [];
  const subscriptionChanges: SubscriptionChange[] = [];
  cable.on('state', (change) => states.push(change));
  cable.on('resync', (info) => resyncs.push(info));
  cable.on('diagnostic', (diagnostic) => diagnostics.push(diagnostic));
  cable.on('subscription', (change) => subscriptionChanges.push(change));

  return {
    cable,
    sockets,
    states,
    resyncs,
    diagnostics,
    subscriptionChanges,
    /** The newest socket; throws when none was created, which is a test bug. */
    get socket(): FakeSocket {
      const socket = sockets.at(-1);
      if (!socket) throw new Error('no socket was created');
      return socket;
    },
    /** "state:reason" for every transition so far, compact to assert on. */
    get trail(): string[] {
      return states.map((change) => `${change.state}:${change.reason}`);
    },
  };
}
