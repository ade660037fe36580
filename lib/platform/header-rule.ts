import { browser } from 'wxt/browser';

/**
 * A browser cannot set `Authorization` or `Origin` on a WebSocket, and Circle's cable needs
 * both. A declarativeNetRequest session rule sets them on the handshake — only to the cable's
 * host, only for websocket requests, and only for requests of the extension itself (tab -1,
 * initiated by our own origin), so a Circle tab the member has open keeps its own socket.
 * Session rules die with the browser session, which is right for a token: the background
 * sets it again before every connection attempt.
 */
const RULE_ID = 1;

export interface HandshakeHeaders {
  cableUrl: string;
  accessToken: string;
  origin: string;
}

export async function setHandshakeHeaders({ cableUrl, accessToken, origin }: HandshakeHeaders): Promise<void> {
  const self = new URL(browser.runtime.getURL('/')).host;
  await browser.declarativeNetRequest.updateSessionRules({
    removeRuleIds: [RULE_ID],
    addRules: [
      {
        id: RULE_ID,
        priority: 1,
        action: {
          type: 'modifyHeaders',
          requestHeaders: [
            { header: 'Authorization', operation: 'set', value: `Bearer ${accessToken}` },
            { header: 'Origin', operation: 'set', value: origin },
          ],
        },
        condition: {
          // Firefox sees ws:// URLs as http://, so match the host rather than a URL filter.
          requestDomains: [new URL(cableUrl).hostname],
          resourceTypes: ['websocket'],
          tabIds: [-1],
          initiatorDomains: [self],
        },
      },
    ],
  });
}

export async function clearHandshakeHeaders(): Promise<void> {
  await browser.declarativeNetRequest.updateSessionRules({ removeRuleIds: [RULE_ID] });
}
