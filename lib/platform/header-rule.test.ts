// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { clearHandshakeHeaders, keepHandshakeHeaders, ruleIdFor, setHandshakeHeaders } from './header-rule';

const rules = vi.hoisted(() => new Map<number, unknown>());
vi.mock('wxt/browser', () => ({
  browser: {
    runtime: { getURL: () => 'chrome-extension://ours/' },
    declarativeNetRequest: {
      getSessionRules: async () => [...rules.values()],
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
    const queued = setHandshakeHeaders('ab12cd34', headers, () => current);
    current = false;
    await Promise.all([queued, clearHandshakeHeaders('ab12cd34')]);
    await setHandshakeHeaders('ab12cd34', headers, () => current);
    expect(rules.size).toBe(0);
  });

  it('is one rule per community, matching only the URLs its key marks, cleared on its own', async () => {
    await setHandshakeHeaders('ab12cd34', headers);
    await setHandshakeHeaders('00ff00ff', { ...headers, accessToken: 'other' });
    expect([...rules.keys()]).toEqual([ruleIdFor('ab12cd34'), ruleIdFor('00ff00ff')]);
    const rule = rules.get(ruleIdFor('ab12cd34')) as { condition: { urlFilter: string; requestDomains: string[] } };
    expect(rule.condition).toMatchObject({ urlFilter: 'circle_live=ab12cd34|', requestDomains: ['app.circle.so'] });
    await clearHandshakeHeaders('ab12cd34');
    expect([...rules.keys()]).toEqual([ruleIdFor('00ff00ff')]);
    await clearHandshakeHeaders('00ff00ff');
    expect(rules.size).toBe(0);
  });

  it('keeps only the rules of the communities named: the first version\'s and a removed community\'s go', async () => {
    rules.set(1, { id: 1 });
    await setHandshakeHeaders('ab12cd34', headers);
    await setHandshakeHeaders('00ff00ff', headers);
    await keepHandshakeHeaders(['00ff00ff']);
    expect([...rules.keys()]).toEqual([ruleIdFor('00ff00ff')]);
    await keepHandshakeHeaders([]);
    expect(rules.size).toBe(0);
  });
});
