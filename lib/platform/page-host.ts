import { browser } from 'wxt/browser';
import type { Brain } from '../brain/brain';
import type { HostPort } from '../brain/host-port';
import { systemClock } from '../cable';
import { HeldError } from '../host/outbox';
import { SocketHost } from '../host/socket-host';
import { consoleLogger } from './logger';

/**
 * Firefox: the background page may hold the socket itself, since its DNR rule reaches it.
 * An open socket does not keep an MV3 event page alive there, but an extension API call
 * that goes to the parent process does: one per frame holds the page while the link is live.
 */
export function pageHost(brain: () => Brain): HostPort {
  const host = new SocketHost({
    createWebSocket: (url, protocols) => new WebSocket(url, protocols),
    clock: systemClock,
    logger: consoleLogger('background'),
    onFrame: () => void browser.runtime.getPlatformInfo(),
    link: {
      async deliver(batch) {
        const reply = await brain().handle({ to: 'brain', kind: 'batch', batch });
        if ('held' in reply) throw new HeldError(reply.held);
      },
      async prepare() {
        if (!(await brain().handle({ to: 'brain', kind: 'prepare' })).ok) throw new Error('no valid token for the handshake');
      },
      async refreshAuth() {
        return (await brain().handle({ to: 'brain', kind: 'refresh-auth' })).ok;
      },
    },
  });
  return {
    configure: async (config) => {
      host.configure(config);
      return host.status();
    },
    reconnectNow: async (reason) => host.reconnectNow(reason),
  };
}
