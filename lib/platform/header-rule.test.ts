// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { clearHandshakeHeaders, setHandshakeHeaders } from './header-rule';

const rules = vi.hoisted(() => new Map<number, unknown>());
vi.mock('wxt/browser', () => ({
  browser: {
    runtime: { getURL: () => 'chrome-extension://ours/' },
    declarativeNetRequest: {
      updateSessionRules: async ({ removeRuleIds = [], addRules = [] }: { removeRuleIds?: number[]; addRules?: { id: number }[] }) => {
        // A round trip to the browser process: later calls could overtake an unqueued one.
        await new Promise((resolve) => setTimeout(resolve, 5));
        removeRuleIds.forEach((id) => rules.delete(id));
        addRules.forEach((rule) => rules.set(rule.id, rule));
      },
    },
  },
}));

const headers = { cableUrl: 'wss://app.circle.so/cable', accessToken: 'revoked-soon', origin: 'https://community.example' };

describe('the handshake rule', () => {
  it('is not put back by a replaced session, whether its set was queued before sign-out cleared it or came after', async () => {
    let current = true;
    const queued = setHandshakeHeaders(headers, () => current);
    current = false;
    await Promise.all([queued, clearHandshakeHeaders()]);
    await setHandshakeHeaders(headers, () => current);
    expect(rules.size).toBe(0);
  });

  it('is set for the current session', async () => {
    await setHandshakeHeaders(headers);
    expect([...rules.keys()]).toEqual([1]);
    await clearHandshakeHeaders();
    expect(rules.size).toBe(0);
  });
});
