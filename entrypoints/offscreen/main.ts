import { browser } from 'wxt/browser';
import { systemClock } from '../../lib/cable';
import { SocketHost } from '../../lib/host/socket-host';
import { consoleLogger } from '../../lib/platform/logger';
import { workerSocketFactory, type SocketWorkerPort } from '../../lib/host/worker-socket';
import { listen } from '../../lib/platform/listen';
import { mayCommandHost, runtimeBrainLink } from '../../lib/platform/runtime-link';

// Chrome's socket host. The header rule does not reach sockets the service worker opens, but
// does reach those of a worker this document starts, which is what the document is for.
const worker = new Worker(browser.runtime.getURL('/socket-worker.js'));
const host = new SocketHost({
  createWebSocket: workerSocketFactory(worker as unknown as SocketWorkerPort),
  link: runtimeBrainLink,
  clock: systemClock,
  logger: consoleLogger('offscreen'),
});

listen('host', (_, sender) => mayCommandHost(sender), async (message) => {
  if (message.kind === 'configure') host.configure(message.config);
  if (message.kind === 'reconnect') host.reconnectNow(message.reason);
  return { status: host.status() ?? null };
});

addEventListener('online', () => host.reconnectNow('online'));

void runtimeBrainLink.hello().then(({ config }) => host.configure(config), () => undefined);
