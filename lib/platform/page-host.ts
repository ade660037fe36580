import { browser } from 'wxt/browser';
import { systemClock } from '../cable';
import { brainLink } from '../host/brain-link';
import { SocketHost } from '../host/socket-host';
import { SocketHosts } from '../host/socket-hosts';
import type { AskBrain, HostPort } from '../wire/messages';
import { consoleLogger } from './logger';

/**
 * Firefox: the background page may hold the sockets itself, since its DNR rules reach them.
 * An open socket does not keep an MV3 event page alive there, but an extension API call
 * that goes to the parent process does: one per frame holds the page while a link is live.
 */
export function pageHost(brain: () => { handle: AskBrain }): HostPort {
  const logger = consoleLogger('background');
  const hosts = new SocketHosts(
    (key) =>
      new SocketHost({
        createWebSocket: (url, protocols) => new WebSocket(url, protocols),
        clock: systemClock,
        logger,
        onFrame: () => void browser.runtime.getPlatformInfo(),
        // In-process: the brain answers as it would over messaging, and always answers.
        link: brainLink((message) => brain().handle(message), key),
      }),
  );
  return {
    configure: async (key, config) => {
      hosts.configure(key, config);
      return hosts.status(key);
    },
    reconnectNow: async (reason, key) => hosts.reconnectNow(reason, key),
  };
}
