import { browser } from 'wxt/browser';
import { CABLE_MARK } from '../settings/schema';

/**
 * A browser cannot set `Authorization` or `Origin` on a WebSocket, and Circle's cable needs
 * both. A declarativeNetRequest session rule per community sets them on the handshake — only
 * to its cable's host, only to a URL ending in that community's mark (two communities may
 * share a cable host, each with its own token), only for websocket requests, and only for
 * requests of the extension itself (tab -1, initiated by our own origin), so a Circle tab the
 * member has open keeps its own socket. Session rules die with the browser session, which is
 * right for a token: the background sets it again before every connection attempt.
 */
/** "Check connection" on the options page: its own rule, for that tab only, so the live ones stay. */
const TEST_RULE_ID = 2;
/** The first released version's one live rule; gone at the first tidy. */
const FIRST_RULE_ID = 1;

export interface HandshakeHeaders {
  cableUrl: string;
  accessToken: string;
  origin: string;
}

/** A community's rule id, from its key (8 hex digits): stable while the list is reordered, and never 1 or 2. */
export function ruleIdFor(key: string): number {
  return 16 + (Number.parseInt(key.slice(0, 7), 16) || 0);
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

export function setHandshakeHeaders(key: string, headers: HandshakeHeaders, stillWanted: () => boolean = () => true): Promise<void> {
  return queued(async () => {
    if (stillWanted()) await setRule(ruleIdFor(key), headers, -1, `${CABLE_MARK}=${key}|`);
  });
}

/** The options page's trial socket lives in its tab, which the live rules leave alone. */
export function setCheckHandshakeHeaders(headers: HandshakeHeaders, tabId: number): Promise<void> {
  return setRule(TEST_RULE_ID, headers, tabId);
}

export async function clearCheckHandshakeHeaders(): Promise<void> {
  await browser.declarativeNetRequest.updateSessionRules({ removeRuleIds: [TEST_RULE_ID] });
}

async function setRule(id: number, { cableUrl, accessToken, origin }: HandshakeHeaders, tabId: number, urlFilter?: string): Promise<void> {
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
          // Firefox sees ws:// URLs as http://, so match the host and the mark rather than a whole URL.
          requestDomains: [new URL(cableUrl).hostname],
          ...(urlFilter ? { urlFilter } : {}),
          resourceTypes: ['websocket'],
          tabIds: [tabId],
          initiatorDomains: [self],
        },
      },
    ],
  });
}

export function clearHandshakeHeaders(key: string): Promise<void> {
  return queued(() => browser.declarativeNetRequest.updateSessionRules({ removeRuleIds: [ruleIdFor(key)] }));
}

/** Every live rule but these communities' goes: a removed community's, the first version's. */
export function keepHandshakeHeaders(keys: readonly string[]): Promise<void> {
  return queued(async () => {
    const keep = new Set([TEST_RULE_ID, ...keys.map(ruleIdFor)]);
    const rules = await browser.declarativeNetRequest.getSessionRules();
    const removeRuleIds = rules.map((rule) => rule.id).filter((id) => !keep.has(id) || id === FIRST_RULE_ID);
    if (removeRuleIds.length) await browser.declarativeNetRequest.updateSessionRules({ removeRuleIds });
  });
}
