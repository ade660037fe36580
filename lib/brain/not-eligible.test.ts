// @vitest-environment node
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEMO, startSimulator, type Simulator } from '../../simulator';
import { parseSettings } from '../settings/schema';
import { Brain } from './brain';
import type { ConnectionStatus } from '../wire/status';

// The brain with the real token service and REST client against a local Circle that does not
// serve the community; only the browser's own APIs are stood in for.
const state = vi.hoisted(() => ({ settings: undefined as unknown, statuses: [] as ConnectionStatus[], alarms: [] as string[] }));

vi.mock('wxt/browser', () => ({
  browser: { alarms: { create: async (name: string) => void state.alarms.push(`create ${name}`), clear: async (name: string) => void state.alarms.push(`clear ${name}`) } },
}));
vi.mock('../platform/settings', () => ({ loadSettings: async () => ({ result: parseSettings(state.settings) }), forgetSignIn: async () => false }));
vi.mock('../platform/preferences', () => ({ loadPreferences: async () => ({ badgeCounts: 'notifications', mutedRooms: [] }) }));
vi.mock('../platform/permissions', () => ({ canReach: async () => true }));
vi.mock('../platform/header-rule', () => ({ setHandshakeHeaders: async () => {}, clearHandshakeHeaders: async () => {} }));
vi.mock('../platform/token-storage', () => ({
  tokenStorageFor: () => {
    let kept: unknown;
    return { load: async () => kept, save: async (t: unknown) => void (kept = t), clear: async () => void (kept = undefined) };
  },
}));
vi.mock('../platform/status', () => ({ readStatus: async () => undefined, writeStatus: async (status: ConnectionStatus) => void state.statuses.push(status) }));
vi.mock('../platform/badge', () => ({ showBadge: async () => {} }));
vi.mock('../platform/changes', () => ({ announceChange: () => {} }));

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0, communityEligible: false });
});
afterAll(() => sim.stop());
beforeEach(() => {
  state.statuses.length = 0;
  state.alarms.length = 0;
});

function brainWith(auth: Record<string, unknown>) {
  state.settings = { circleUrl: sim.url, origin: DEMO.origin, auth };
  const calls: string[] = [];
  const configured: (string | null)[] = [];
  const host = {
    configure: async (config: { community: string } | null) => void configured.push(config && config.community),
    reconnectNow: async () => {},
  };
  const brain = new Brain({
    host,
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
  await vi.waitFor(() => expect(state.statuses.at(-1)?.reason?.code).toBe(code), { timeout: 5_000, interval: 20 });
  return state.statuses.at(-1)!;
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
    expect(state.alarms.at(-1)).toBe('clear token-refresh');
  });
});
