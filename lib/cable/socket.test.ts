// @vitest-environment node
import WsWebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import { discard, ReadyState } from './socket.ts';
import type { WebSocketFactory } from './socket.ts';
import { FakeSocket } from './testing.ts';

describe('WebSocketLike', () => {
  it('is satisfied by the browser WebSocket and by ws, unchanged (checked by tsc)', () => {
    const browser: WebSocketFactory = (url, protocols) => new WebSocket(url, protocols);
    const node: WebSocketFactory = (url, protocols) => new WsWebSocket(url, protocols);
    expect([typeof browser, typeof node]).toEqual(['function', 'function']);
  });
});

describe('discard', () => {
  it('silences every handler with a no-op (never null) and closes normally', () => {
    const socket = new FakeSocket('wss://x', []);
    let heard = 0;
    socket.onmessage = () => heard++;
    socket.onclose = () => heard++;
    socket.open();
    discard(socket);
    expect(socket.closedWith).toEqual({ code: 1000, reason: undefined });
    expect(socket.onerror).toBeTypeOf('function');
    socket.receive({ type: 'ping' });
    socket.serverClose();
    expect(heard).toBe(0);
  });

  it('leaves an already closed socket alone', () => {
    const socket = new FakeSocket('wss://x', []);
    socket.readyState = ReadyState.closed;
    discard(socket);
    expect(socket.closedWith).toBeNull();
  });

  it('swallows a close that throws', () => {
    const socket = new FakeSocket('wss://x', []);
    socket.close = () => {
      throw new Error('SyntaxError');
    };
    expect(() => discard(socket)).not.toThrow();
  });
});
