// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CableStatus } from '../cable';
import { CircleError } from '../circle/errors';
import { Brain } from './brain';

/** What the brain did, in order: the wake path is about what comes before what. */
const log = vi.hoisted(() => [] as string[]);
/** When set, Circle refuses every token: a failure only the community can fix. */
const refusal = vi.hoisted(() => ({ reason: undefined as string | undefined, asked: 0 }));
/** Faults the next calls meet: opens of the database to fail, a token step that throws, a store that is full. */
const faults = vi.hoisted(() => ({ opens: 0, token: false, absorb: undefined as string | undefined, statuses: [] as { storage?: { problem?: string; last?: unknown } }[] }));

vi.mock('wxt/browser', () => ({ browser: { alarms: { create: async () => {}, clear: async () => {} } } }));
vi.mock('../platform/settings', () => ({
  loadSettings: async () => ({
    result: { ok: true, settings: { circleUrl: 'https://app.circle.so', origin: 'https://app.circle.so', auth: { mode: 'tokens' }, liveRooms: 10, keepMessagesPerRoom: 100, keepNotifications: 100 } },
  }),
  forgetSignIn: async () => false,
}));
vi.mock('../platform/preferences', () => ({ loadPreferences: async () => ({ badgeCounts: 'notifications' }) }));
vi.mock('../platform/permissions', () => ({ canReach: async () => true }));
vi.mock('../platform/database', () => ({
  database: async () => {
    if (faults.opens-- > 0) throw new DOMException('disk', 'UnknownError');
    return {};
  },
  storeFaults: {},
}));
vi.mock('../platform/header-rule', () => ({ setHandshakeHeaders: async () => void log.push('rule') }));
vi.mock('../platform/token-storage', () => ({ tokenStorageFor: () => ({ load: async () => undefined }) }));
vi.mock('./sign-out', () => ({ forgetTokens: async () => ({ unrevoked: 0 }), forgetCache: async () => {}, revokeTokenSet: async () => {}, forgetSignIns: async () => ({ revoked: true }), forgetOtherCircles: async () => {}, revokingReplaced: (storage: unknown) => storage }));
vi.mock('../platform/status', () => ({ readStatus: async () => undefined, writeStatus: async (status: (typeof faults.statuses)[number]) => void faults.statuses.push(status) }));
vi.mock('../platform/badge', () => ({ showBadge: async () => void log.push('badge') }));
vi.mock('../platform/changes', () => ({ announceChange: () => {} }));
vi.mock('../circle/api', () => ({ CircleApi: class {} }));
vi.mock('../circle/tokens', () => ({
  TokenService: class {
    current = async () => {
      refusal.asked += 1;
      if (refusal.reason) throw new CircleError(refusal.reason as never, 'refused');
      if (faults.token) throw new TypeError('Failed to fetch');
      return { accessToken: 'access', accessTokenExpiresAt: Date.now() + 3_600_000, memberId: 7, seed: '' };
    };
    refreshDueAt = async () => undefined;
  },
}));
vi.mock('../store/store', () => ({
  Store: class {
    rooms = async () => {
      log.push('rooms');
      return [];
    };
    mark = async (_community: string, name: string) => (name === 'syncedFrom' ? Date.now() - 1_000 : Date.now() - 60_000);
    setMark = async () => {};
  },
}));
vi.mock('./live', () => ({
  Live: class {
    count = 0;
    loadCount = async () => {};
    absorb = async () => {
      if (faults.absorb) throw new DOMException('full', faults.absorb);
      log.push('absorb');
    };
    commit = async (_events: unknown, rejected: Record<string, number>) => void log.push(`commit ${JSON.stringify(rejected)}`);
    stop = () => {};
  },
}));
vi.mock('./sync', () => ({
  Sync: class {
    backfill = async () => void log.push('sync');
  },
}));

function wake(connection: Pick<CableStatus, 'state' | 'since'> | undefined) {
  const host = {
    configure: vi.fn(async () => {
      log.push('host');
      return connection as CableStatus | undefined;
    }),
    reconnectNow: async () => {},
  };
  const brain = new Brain({ host, fetch: fetch, online: () => true, logger: {} });
  // As the worker's script does, with the message that woke it dispatched right after.
  void brain.ready();
  const acked = brain.handle({ to: 'brain', kind: 'batch', batch: { seq: 1, items: [] } });
  return { brain, host, acked };
}

describe('a woken brain', () => {
  beforeEach(() => {
    log.length = 0;
    Object.assign(faults, { opens: 0, token: false, absorb: undefined, statuses: [] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('stores and shows the batch that woke it before reading rooms or touching the host', async () => {
    const { brain, acked } = wake({ state: 'connected', since: Date.now() - 60_000 });
    expect(await acked).toEqual({ ack: 1 });
    await brain.watch();
    expect(log.slice(0, 2)).toEqual(['absorb', 'badge']);
    expect(log).toContain('rooms');
    expect(log).toContain('host');
  });

  it('answers the host with the room channels once configured', async () => {
    const { brain } = wake({ state: 'connected', since: Date.now() - 60_000 });
    const { config } = await brain.handle({ to: 'brain', kind: 'hello' });
    expect(config?.channels.map((c) => c.channel)).toEqual(['NotificationChannel', 'ChatRoomChannel', 'Chats::CommunityMemberThreadsChannel']);
  });

  it('catches up after a host that only now started its connection, not after one that kept it up', async () => {
    vi.useFakeTimers();
    const kept = wake({ state: 'connected', since: Date.now() - 60_000 });
    await kept.brain.watch();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(log).not.toContain('sync');

    const fresh = wake(undefined);
    await fresh.brain.watch();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(log.filter((step) => step === 'sync')).toHaveLength(1);
  });

  it('holds a batch while the database will not open, says so, and stores it once it opens', async () => {
    faults.opens = 1;
    const { brain, acked } = wake({ state: 'connected', since: Date.now() - 60_000 });
    expect(await acked).toEqual({ held: 'not-started' });
    expect(faults.statuses.at(-1)).toMatchObject({ phase: 'error', reason: { code: 'storage_unavailable' }, storage: { problem: 'open', error: 'UnknownError' } });
    // The failed boot is not remembered: the host's next send boots again.
    expect(await brain.handle({ to: 'brain', kind: 'batch', batch: { seq: 1, items: [] } })).toEqual({ ack: 1 });
    expect(log).toContain('absorb');
    expect(faults.statuses.at(-1)?.storage).toMatchObject({ last: { problem: 'open', error: 'UnknownError' } });
  });

  it('holds a batch while there is no session to store it (the token step failed), and stores it once there is', async () => {
    faults.token = true;
    const { brain, acked } = wake({ state: 'connected', since: Date.now() - 60_000 });
    expect(await acked).toEqual({ held: 'no-session' });
    expect(log).not.toContain('absorb');
    faults.token = false;
    await brain.watch();
    expect(await brain.handle({ to: 'brain', kind: 'batch', batch: { seq: 2, items: [] } })).toEqual({ ack: 2 });
  });

  it('holds a batch the storage cannot take (quota), says so, and clears the word once a batch is stored', async () => {
    faults.absorb = 'QuotaExceededError';
    const { brain, acked } = wake({ state: 'connected', since: Date.now() - 60_000 });
    expect(await acked).toEqual({ held: 'storage' });
    expect(faults.statuses.at(-1)?.storage).toMatchObject({ problem: 'write', error: 'QuotaExceededError' });
    faults.absorb = undefined;
    expect(await brain.handle({ to: 'brain', kind: 'batch', batch: { seq: 2, items: [] } })).toEqual({ ack: 2 });
    expect(faults.statuses.at(-1)?.storage).toEqual({ last: expect.objectContaining({ problem: 'write', error: 'QuotaExceededError' }) });
  });

  it('acknowledges and counts a batch heard for another community, and stores none of it', async () => {
    const { brain, acked } = wake({ state: 'connected', since: Date.now() - 60_000 });
    await acked;
    log.length = 0;
    const reply = await brain.handle({ to: 'brain', kind: 'batch', batch: { seq: 2, items: [], session: 'https://old.example/7' } });
    expect(reply).toEqual({ ack: 2 });
    expect(log.filter((step) => step.startsWith('commit') || step === 'absorb')).toEqual(['commit {"other_session_batch":1}']);
    await brain.handle({ to: 'brain', kind: 'batch', batch: { seq: 3, items: [], session: 'https://app.circle.so/7' } });
    expect(log).toContain('absorb');
  });
});

describe('the watchdog', () => {
  beforeEach(() => {
    log.length = 0;
    vi.useFakeTimers();
  });
  afterEach(() => {
    refusal.reason = undefined;
    vi.useRealTimers();
  });

  it('tries a refusal for good again after 1, 2, 4 minutes, not every 30 s; a restart starts afresh', async () => {
    refusal.reason = 'forbidden';
    const { brain } = wake(undefined);
    await brain.ready();
    const tries = async (minutes: number) => {
      const before = refusal.asked;
      for (let t = 0; t < minutes * 2; t++) {
        await vi.advanceTimersByTimeAsync(30_000);
        await brain.watch();
      }
      return refusal.asked - before;
    };
    // The first tick tries once, then 1 min, 2 min, 4 min apart: 4 attempts in 7.5 minutes, not 15.
    expect(await tries(7.5)).toBe(4);
    // Without the reset the next try would be 8 minutes out.
    await brain.restart();
    expect(await tries(0.5)).toBe(1);
  });

  it('leaves a signed-out member alone', async () => {
    refusal.reason = 'signed_out';
    const { brain } = wake(undefined);
    await brain.ready();
    const before = refusal.asked;
    for (let t = 0; t < 10; t++) {
      await vi.advanceTimersByTimeAsync(30_000);
      await brain.watch();
    }
    expect(refusal.asked).toBe(before);
  });
});
