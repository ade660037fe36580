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
/** "Check connection" on the options page: its own rule, for that tab only, so the live one stays. */
const TEST_RULE_ID = 2;

export interface HandshakeHeaders {
  cableUrl: string;
  accessToken: string;
  origin: string;
}

/**
 * Rule writes go one after another, and a set is dropped when, by its turn, the session that
 * asked was replaced: a late set must not put a revoked token back after sign-out cleared it.
 */
let writes: Promise<unknown> = Promise.resolve();
function queued(write: () => Promise<void>): Promise<void> {
  const next = writes.then(write);
  writes = next.catch(() => undefined);
  return next;
}

export function setHandshakeHeaders(headers: HandshakeHeaders, stillWanted: () => boolean = () => true): Promise<void> {
  return queued(async () => {
    if (stillWanted()) await setRule(RULE_ID, headers, -1);
  });
}

/** The options page's trial socket lives in its tab, which the live rule leaves alone. */
export function setCheckHandshakeHeaders(headers: HandshakeHeaders, tabId: number): Promise<void> {
  return setRule(TEST_RULE_ID, headers, tabId);
}

export async function clearCheckHandshakeHeaders(): Promise<void> {
  await browser.declarativeNetRequest.updateSessionRules({ removeRuleIds: [TEST_RULE_ID] });
}

async function setRule(id: number, { cableUrl, accessToken, origin }: HandshakeHeaders, tabId: number): Promise<void> {
  const self = new URL(browser.runtime.getURL('/')).host;
  await browser.declarativeNetRequest.updateSessionRules({
    removeRuleIds: [id],
    addRules: [
      {
        id,
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
          tabIds: [tabId],
          initiatorDomains: [self],
        },
      },
    ],
  });
}

export function clearHandshakeHeaders(): Promise<void> {
  return queued(() => browser.declarativeNetRequest.updateSessionRules({ removeRuleIds: [RULE_ID] }));
}
