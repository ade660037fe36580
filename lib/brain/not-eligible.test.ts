// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO, startSimulator, type Simulator } from '../../simulator';
import type { ConnectionStatus } from '../wire/status';
import { Brain } from './brain';
import { FakeBrowser } from './testing';

// The brain with the real token service and REST client against a local Circle that does not
// serve the community; only the browser is in memory.
let browser: FakeBrowser;

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0, communityEligible: false });
});
afterAll(() => sim.stop());

function brainWith(auth: Record<string, unknown>) {
  browser = new FakeBrowser({ circleUrl: sim.url, origin: DEMO.origin, auth });
  const calls: string[] = [];
  const configured: (string | null)[] = [];
  const host = {
    configure: async (config: { community: string } | null) => void configured.push(config && config.community),
    reconnectNow: async () => {},
  };
  const brain = new Brain({
    host,
    port: browser.port,
    fetch: (input, init) => {
      calls.push(`${init?.method ?? 'GET'} ${new URL(input).pathname}`);
      return fetch(input, init);
    },
    online: () => true,
    logger: {},
  });
  return { brain, calls, configured };
}

/** Resolves once the brain has written a status that says so; the catch-up runs on its own timer. */
async function statusSaying(code: string): Promise<ConnectionStatus> {
  await vi.waitFor(() => expect(browser.statuses.at(-1)?.reason?.code).toBe(code), { timeout: 5_000, interval: 20 });
  return browser.statuses.at(-1)!;
}

async function watchdogRounds(brain: Brain) {
  for (let round = 0; round < 3; round += 1) {
    await brain.watch();
    await brain.onAlarm('watchdog');
  }
}

describe('a community Circle does not serve', () => {
  it('stops after the 403 of auth_token, and the watchdog asks Circle nothing more', async () => {
    const { brain, calls } = brainWith({ mode: 'appToken', appToken: DEMO.appToken, email: DEMO.email });
    await brain.ready();
    expect(await statusSaying('not_eligible')).toMatchObject({ phase: 'error', reason: { code: 'not_eligible' } });
    await watchdogRounds(brain);
    expect(calls).toEqual(['POST /api/v1/headless/auth_token']);
  });

  it('stops after the member API\'s 401, without a refresh, a retry or a socket left open', async () => {
    const pair = sim.issueTokens(DEMO.memberId);
    const { brain, calls, configured } = brainWith({ mode: 'tokens', accessToken: pair.access_token, refreshToken: pair.refresh_token });
    await brain.ready();
    expect(await statusSaying('not_eligible')).toMatchObject({ phase: 'error' });
    await watchdogRounds(brain);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatch(/^GET \/api\/headless\/v1\//);
    expect(configured.at(-1)).toBeNull();
    expect(browser.alarms.at(-1)).toBe('clear token-refresh');
  });
});
