import { browser } from 'wxt/browser';
import { systemClock } from '../../lib/cable';
import { SocketHost } from '../../lib/host/socket-host';
import { SocketHosts } from '../../lib/host/socket-hosts';
import { consoleLogger } from '../../lib/platform/logger';
import { workerSocketFactory, type SocketWorkerPort } from '../../lib/host/worker-socket';
import { listen } from '../../lib/platform/listen';
import { playChime } from '../../lib/platform/sound';
import { askHostConfigs, mayCommandHost, runtimeBrainLink } from '../../lib/platform/runtime-link';

// Chrome's socket host. The header rule does not reach sockets the service worker opens, but
// does reach those of a worker this document starts, which is what the document is for.
const worker = new Worker(browser.runtime.getURL('/socket-worker.js'));
const createWebSocket = workerSocketFactory(worker as unknown as SocketWorkerPort);
const logger = consoleLogger('offscreen');
const hosts = new SocketHosts((key) => new SocketHost({ createWebSocket, link: runtimeBrainLink(key), clock: systemClock, logger }));

listen('host', (_, sender) => mayCommandHost(sender), async (message) => {
  if (message.kind === 'sound') return { status: null, sockets: hosts.size, played: await playChime() };
  if (message.kind === 'configure') hosts.configure(message.key, message.config);
  if (message.kind === 'reconnect') hosts.reconnectNow(message.reason, message.key);
  return { status: message.kind === 'reconnect' ? null : (hosts.status(message.key) ?? null), sockets: hosts.size };
});

addEventListener('online', () => hosts.reconnectNow('online'));

void askHostConfigs().then(({ configs }) => hosts.configureAll(configs), () => undefined);
