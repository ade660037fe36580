import { browser } from 'wxt/browser';
import { systemClock } from '../../lib/cable';
import { isToHost } from '../../lib/host/messages';
import { SocketHost } from '../../lib/host/socket-host';
import { consoleLogger } from '../../lib/platform/logger';
import { mayCommandHost, runtimeBrainLink } from '../../lib/platform/runtime-link';

// Chrome's socket host: the header rule reaches sockets opened here, not the worker's.
const host = new SocketHost({
  createWebSocket: (url, protocols) => new WebSocket(url, protocols),
  link: runtimeBrainLink,
  clock: systemClock,
  logger: consoleLogger('offscreen'),
});

browser.runtime.onMessage.addListener((message: unknown, sender) => {
  if (!isToHost(message) || !mayCommandHost(sender)) return undefined;
  if (message.kind === 'configure') host.configure(message.config);
  if (message.kind === 'reconnect') host.reconnectNow(message.reason);
  return Promise.resolve({ status: host.status() ?? null });
});

addEventListener('online', () => host.reconnectNow('online'));

void runtimeBrainLink.hello().then(({ config }) => host.configure(config), () => undefined);
