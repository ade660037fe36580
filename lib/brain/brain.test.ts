// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CableStatus } from '../cable';
import { Brain } from './brain';

/** What the brain did, in order: the wake path is about what comes before what. */
const log = vi.hoisted(() => [] as string[]);
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
vi.mock('../platform/token-storage', () => ({ tokenStorageFor: () => ({}) }));
vi.mock('../platform/status', () => ({ writeStatus: async (status: (typeof faults.statuses)[number]) => void faults.statuses.push(status) }));
vi.mock('../platform/badge', () => ({ showBadge: async () => void log.push('badge') }));
vi.mock('../platform/changes', () => ({ announceChange: () => {} }));
vi.mock('../circle/api', () => ({ CircleApi: class {} }));
vi.mock('../circle/tokens', () => ({
  TokenService: class {
    current = async () => {
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
    expect(faults.statuses.at(-1)).toMatchObject({ phase: 'error', reason: 'storage_unavailable', storage: { problem: 'open', error: 'UnknownError' } });
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
});
