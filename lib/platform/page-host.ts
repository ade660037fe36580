import { browser } from 'wxt/browser';
import { systemClock } from '../cable';
import { brainLink } from '../host/brain-link';
import { SocketHost } from '../host/socket-host';
import type { AskBrain, HostPort } from '../wire/messages';
import { consoleLogger } from './logger';

/**
 * Firefox: the background page may hold the socket itself, since its DNR rule reaches it.
 * An open socket does not keep an MV3 event page alive there, but an extension API call
 * that goes to the parent process does: one per frame holds the page while the link is live.
 */
export function pageHost(brain: () => { handle: AskBrain }): HostPort {
  const host = new SocketHost({
    createWebSocket: (url, protocols) => new WebSocket(url, protocols),
    clock: systemClock,
    logger: consoleLogger('background'),
    onFrame: () => void browser.runtime.getPlatformInfo(),
    // In-process: the brain answers as it would over messaging, and always answers.
    link: brainLink((message) => brain().handle(message)),
  });
  return {
    configure: async (config) => {
      host.configure(config);
      return host.status();
    },
    reconnectNow: async (reason) => host.reconnectNow(reason),
  };
}
