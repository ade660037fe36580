// @vitest-environment node
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket as NodeWebSocket, WebSocketServer } from 'ws';
import { ReadyState, type WebSocketLike } from '../cable/socket';
import { serveSockets, workerSocketFactory, type SocketWorkerPort } from './worker-socket';

/** The offscreen document and its worker, joined by a real MessageChannel; a real server at the far end. */
async function pair(posted: { kind: string }[] = []) {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1', handleProtocols: () => 'actioncable-v1-json' });
  await new Promise((done) => server.once('listening', done));
  // `say <frame>` makes the server send that frame; anything else comes back as an echo.
  // `burst <n>` makes it send n numbered frames in one go and close.
  server.on('connection', (peer) =>
    peer.on('message', (data) => {
      const text = String(data);
      if (text.startsWith('burst ')) {
        for (let i = 0; i < Number(text.slice(6)); i++) peer.send(`frame ${i}`);
        peer.close(4002, 'done');
      } else peer.send(text.startsWith('say ') ? text.slice(4) : `echo ${text}`);
    }),
  );
  const { port1, port2 } = new MessageChannel();
  port1.start();
  port2.start();
  const original = globalThis.WebSocket;
  Object.assign(globalThis, { WebSocket: NodeWebSocket });
  serveSockets({ postMessage: (message) => (posted.push(message), port2.postMessage(message)), addEventListener: (type, listener) => port2.addEventListener(type, listener as never) });
  const open = workerSocketFactory(port1 as unknown as SocketWorkerPort);
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/cable`;
  cleanups.push(() => {
    port1.close();
    Object.assign(globalThis, { WebSocket: original });
    return new Promise<void>((done) => server.close(() => done()));
  });
  return { open: () => open(url, ['actioncable-v1-json']), server };
}
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const next = <K extends 'onopen' | 'onmessage' | 'onclose'>(socket: WebSocketLike, handler: K) =>
  new Promise<Parameters<NonNullable<WebSocketLike[K]>>[0]>((done) => {
    socket[handler] = done as never;
  });

describe('a socket in a worker', () => {
  it('opens with the protocol the server picked, carries frames both ways and closes', async () => {
    const { open } = await pair();
    const socket = open();
    expect(socket.readyState).toBe(ReadyState.connecting);
    expect(() => socket.send('too early')).toThrow();
    await next(socket, 'onopen');
    expect(socket).toMatchObject({ readyState: ReadyState.open, protocol: 'actioncable-v1-json' });
    const echo = next(socket, 'onmessage');
    socket.send('ping');
    expect(await echo).toEqual({ data: 'echo ping' });
    const closed = next(socket, 'onclose');
    socket.close(1000);
    expect(socket.readyState).toBe(ReadyState.closing);
    expect(await closed).toMatchObject({ code: 1000 });
    expect(socket.readyState).toBe(ReadyState.closed);
  });

  it('hears the server close it', async () => {
    const { open, server } = await pair();
    const socket = open();
    await next(socket, 'onopen');
    const closed = next(socket, 'onclose');
    for (const peer of server.clients) peer.close(4001, 'bye');
    expect(await closed).toEqual({ code: 4001, reason: 'bye' });
  });

  it('once asked, keeps pings to itself and says when the server fell silent', async () => {
    const { open } = await pair();
    const socket = open();
    await next(socket, 'onopen');
    const heard: unknown[] = [];
    socket.onmessage = ({ data }) => heard.push(data);
    socket.watchSilence!(300);
    const ping = '{"type":"ping","message":1733130000}';
    const stale = new Promise<{ silentMs: number; lastFrameAt: number }>((done) => {
      socket.onstale = done;
    });
    const sentAt = Date.now();
    socket.send(`say ${ping}`);
    const data = new Promise((done) => {
      socket.onmessage = ({ data }) => (heard.push(data), done(data));
    });
    socket.send('say {"identifier":"x","message":{}}');
    expect(await data).toBe('{"identifier":"x","message":{}}');
    // The ping went before the data frame on the same socket, so it was heard, and kept.
    expect(heard).toEqual(['{"identifier":"x","message":{}}']);
    const { silentMs, lastFrameAt } = await stale;
    expect(silentMs).toBeGreaterThan(300);
    expect(lastFrameAt).toBeGreaterThanOrEqual(sentAt);
    // The document decides what a silence means: the socket is still open until it closes it.
    expect(socket.readyState).toBe(ReadyState.open);
    const closed = next(socket, 'onclose');
    socket.close(1000);
    await closed;
  });

  it('passes a burst on in a few posts, every frame in order, and its close after them', async () => {
    const posted: { kind: string }[] = [];
    const { open } = await pair(posted);
    const socket = open();
    await next(socket, 'onopen');
    const heard: unknown[] = [];
    socket.onmessage = ({ data }) => heard.push(data);
    const closed = next(socket, 'onclose');
    socket.send('burst 500');
    expect(await closed).toEqual({ code: 4002, reason: 'done' });
    expect(heard).toEqual(Array.from({ length: 500 }, (_, i) => `frame ${i}`));
    const posts = posted.filter((message) => message.kind === 'messages').length;
    expect(posts).toBeGreaterThan(0);
    expect(posts).toBeLessThan(100);
    expect(posted.at(-1)?.kind).toBe('close');
  });
});
