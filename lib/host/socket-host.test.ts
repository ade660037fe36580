// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../cable';
import { fakeSockets } from '../cable/testing';
import { KEEP_ALIVE_EVERY_MS, SocketHost } from './socket-host';

const notify = { channel: 'NotificationChannel', community_member_id: 7 };
const NOTIFY = JSON.stringify(notify);

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

async function connectedHost() {
  const { sockets, createWebSocket } = fakeSockets();
  const keepAlive = vi.fn();
  const host = new SocketHost({
    createWebSocket,
    clock: systemClock,
    keepAlive,
    link: { deliver: async () => {}, prepare: async () => {}, refreshAuth: async () => true },
  });
  host.configure({ key: 'k', community: 'c', cableUrl: 'wss://circle.test/cable', channels: [notify] });
  // The handshake waits for the link's `prepare`.
  await vi.advanceTimersByTimeAsync(0);
  const socket = sockets[0]!;
  socket.welcome();
  socket.receive({ identifier: NOTIFY, type: 'confirm_subscription' });
  return { host, socket, keepAlive };
}

describe('SocketHost keep-alive', () => {
  it('calls at the first frame, then at most once per interval however many frames come', async () => {
    const { socket, keepAlive } = await connectedHost();
    socket.receive({ type: 'ping', message: 1 });
    expect(keepAlive).toHaveBeenCalledTimes(1);
    // A burst: a hundred messages inside one interval cost no further call.
    for (let i = 0; i < 100; i += 1) socket.receive({ identifier: NOTIFY, message: { event: 'newNotification', i } });
    expect(keepAlive).toHaveBeenCalledTimes(1);
    // A quiet minute of pings every 3 s: one call per 10 s window reached by a ping (every 12 s).
    for (let t = 0; t < 60_000; t += 3_000) {
      vi.advanceTimersByTime(3_000);
      socket.receive({ type: 'ping', message: t });
    }
    expect(keepAlive).toHaveBeenCalledTimes(6);
  });

  it('never leaves the page longer than the interval plus one ping without a call', async () => {
    const { socket, keepAlive } = await connectedHost();
    const calls: number[] = [];
    keepAlive.mockImplementation(() => calls.push(Date.now()));
    for (let t = 0; t < 120_000; t += 3_000) {
      socket.receive({ type: 'ping', message: t });
      vi.advanceTimersByTime(3_000);
    }
    const gaps = calls.slice(1).map((at, i) => at - calls[i]!);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(KEEP_ALIVE_EVERY_MS + 3_000);
    // Firefox suspends an event page after 30 s without a call to the parent.
    expect(Math.max(...gaps)).toBeLessThan(30_000);
  });
});
