/**
 * The bench's reference clients, in a tiny unpacked extension loaded next to Circle Live in the
 * same Chromium: a bare WebSocket (the raw frame rate, no parsing at all) and the official
 * `@rails/actioncable` consumer. A page cannot set `Authorization` or `Origin` on a WebSocket,
 * so each probe tab gives itself a declarativeNetRequest session rule, scoped to its own tab
 * and its own extension, exactly as Circle Live's offscreen document gets one: the handshake
 * carries the same headers, the frames afterwards are untouched.
 *
 * Times are `performance.timeOrigin + performance.now()` (wall-clock milliseconds with
 * sub-millisecond steps); bench/lib/clock.ts maps them onto the bench's own clock.
 */
import { adapters, createConsumer, logger, type Consumer, type Subscription } from '@rails/actioncable';

const now = () => performance.timeOrigin + performance.now();

interface FrameTally {
  /** Frames that carried a channel message (not welcome, ping or confirmations). */
  count: number;
  first: number | undefined;
  last: number | undefined;
  target: number;
  done?: () => void;
}

function tally(): FrameTally {
  return { count: 0, first: undefined, last: undefined, target: Infinity };
}

function hit(t: FrameTally): void {
  const at = now();
  t.count += 1;
  t.first ??= at;
  t.last = at;
  if (t.count >= t.target) t.done?.();
}

function waitFor(t: FrameTally, target: number, timeoutMs: number): Promise<{ count: number; first?: number; last?: number }> {
  return new Promise((resolve) => {
    const finish = () => {
      clearTimeout(timer);
      t.done = undefined;
      resolve({ count: t.count, first: t.first, last: t.last });
    };
    const timer = setTimeout(finish, timeoutMs);
    t.target = target;
    t.done = finish;
    if (t.count >= target) finish();
  });
}

let bareSocket: WebSocket | undefined;
const bareFrames = tally();

let consumer: Consumer | undefined;
let subscription: Subscription | undefined;
const acFrames = tally();
/** What the official client did and when: its logger, plus its subscription callbacks. */
const acEvents: { at: number; what: string }[] = [];

const probe = {
  now,

  async tabId(): Promise<number> {
    const tab = await chrome.tabs.getCurrent();
    if (!tab?.id) throw new Error('the probe must run in a tab');
    return tab.id;
  },

  /** This tab's sockets to `host` carry `Authorization: Bearer token` and `Origin: origin`. */
  async setHeaders(host: string, token: string, origin: string): Promise<void> {
    const tabId = await probe.tabId();
    await chrome.declarativeNetRequest.updateSessionRules({
      removeRuleIds: [tabId],
      addRules: [
        {
          id: tabId,
          priority: 1,
          action: {
            type: chrome.declarativeNetRequest.RuleActionType.MODIFY_HEADERS,
            requestHeaders: [
              { header: 'Authorization', operation: chrome.declarativeNetRequest.HeaderOperation.SET, value: `Bearer ${token}` },
              { header: 'Origin', operation: chrome.declarativeNetRequest.HeaderOperation.SET, value: origin },
            ],
          },
          condition: {
            requestDomains: [host],
            resourceTypes: [chrome.declarativeNetRequest.ResourceType.WEBSOCKET],
            tabIds: [tabId],
            initiatorDomains: [chrome.runtime.id],
          },
        },
      ],
    });
  },

  /** A bare socket: subscribes once, then only counts frames. Resolves when confirmed. */
  bareOpen(url: string, identifier: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, ['actioncable-v1-json']);
      bareSocket = ws;
      let confirmed = false;
      ws.onmessage = (event: MessageEvent<string>) => {
        if (confirmed) {
          // Only a ping starts with {"type"; a broadcast starts with {"identifier".
          if (event.data.charCodeAt(2) !== 116) hit(bareFrames);
          return;
        }
        const frame = JSON.parse(event.data) as { type?: string };
        if (frame.type === 'welcome') ws.send(JSON.stringify({ command: 'subscribe', identifier }));
        if (frame.type === 'confirm_subscription') {
          confirmed = true;
          resolve();
        }
        if (frame.type === 'disconnect' || frame.type === 'reject_subscription') reject(new Error(event.data));
      };
      ws.onclose = (event) => {
        if (!confirmed) reject(new Error(`bare socket closed before confirmation: ${event.code}`));
      };
    });
  },

  bareReset(): void {
    Object.assign(bareFrames, tally());
  },

  bareWait(target: number, timeoutMs: number) {
    return waitFor(bareFrames, target, timeoutMs);
  },

  bareClose(): void {
    bareSocket?.close();
    bareSocket = undefined;
  },

  /** The official consumer, its logger on, subscribed to `params`. Resolves when connected. */
  acOpen(url: string, params: Record<string, unknown>): Promise<void> {
    logger.enabled = true;
    adapters.logger = {
      log: (...parts: unknown[]) => {
        const text = parts.slice(1, -1).map(String).join(' ');
        acEvents.push({ at: now(), what: text });
      },
    };
    consumer = createConsumer(url);
    return new Promise((resolve) => {
      subscription = consumer!.subscriptions.create(params, {
        connected() {
          acEvents.push({ at: now(), what: 'subscription connected' });
          resolve();
        },
        disconnected() {
          acEvents.push({ at: now(), what: 'subscription disconnected' });
        },
        received() {
          hit(acFrames);
        },
      });
    });
  },

  acReset(): void {
    Object.assign(acFrames, tally());
  },

  acWait(target: number, timeoutMs: number) {
    return waitFor(acFrames, target, timeoutMs);
  },

  /** The official client's log since `since` (probe clock). */
  acEvents(since: number) {
    return acEvents.filter((e) => e.at >= since);
  },

  acClose(): void {
    subscription?.unsubscribe();
    consumer?.disconnect();
    consumer = undefined;
  },
};

Object.assign(globalThis, { probe });
export type Probe = typeof probe;
