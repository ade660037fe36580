// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CableStatus } from '../cable';
import { CircleError } from '../circle/errors';
import { Brain } from './brain';
import { FakeBrowser } from './testing';

/** What the brain did, in order: the wake path is about what comes before what. */
const log = vi.hoisted(() => [] as string[]);
/** When set, Circle refuses every token: a failure only the community can fix. */
const refusal = vi.hoisted(() => ({ reason: undefined as string | undefined, asked: 0 }));
/** Faults the next calls meet: a token step that throws, a store that is full. */
const faults = vi.hoisted(() => ({ token: false, absorb: undefined as string | undefined }));
/** The browser of the brain `wake` made last. */
let browser: FakeBrowser;
const SETTINGS = { circleUrl: 'https://app.circle.so', origin: 'https://app.circle.so', auth: { mode: 'tokens', accessToken: 'seed', refreshToken: 'seed-refresh' }, liveRooms: 10 };

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
    notifications = async () => [];
    threads = async () => [];
    mark = async (_community: string, name: string) => (name === 'syncedFrom' ? Date.now() - 1_000 : Date.now() - 60_000);
    setMark = async () => {};
  },
}));
vi.mock('./live', () => ({
  Live: class {
    count = 0;
    loadCount = async () => {};
    serverNow = () => Date.now();
    absorb = async () => {
      if (faults.absorb) throw new DOMException('full', faults.absorb);
      log.push('absorb');
      return true;
    };
    commit = async (_events: unknown, rejected: Record<string, number>) => void log.push(`commit ${JSON.stringify(rejected)}`);
    stop = () => {};
  },
}));
vi.mock('./rest-sync', () => ({
  Sync: class {
    backfill = async () => void log.push('sync');
  },
}));

/** Timers and the clock, not `setImmediate`: the in-memory IndexedDB runs its requests on it. */
function fakeClock() {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
}

function wake(connection: Pick<CableStatus, 'state' | 'since'> | undefined, failOpens = 0) {
  browser = new FakeBrowser(SETTINGS, log);
  browser.failOpens = failOpens;
  const host = {
    configure: vi.fn(async () => {
      log.push('host');
      return connection as CableStatus | undefined;
    }),
    reconnectNow: async () => {},
  };
  const brain = new Brain({ host, port: browser.port, fetch: fetch, online: () => true, logger: {} });
  // As the worker's script does, with the message that woke it dispatched right after.
  void brain.ready();
  const acked = brain.handle({ kind: 'batch', batch: { seq: 1, items: [] } });
  return { brain, host, acked };
}

describe('a woken brain', () => {
  beforeEach(() => {
    log.length = 0;
    Object.assign(faults, { token: false, absorb: undefined });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('stores and shows the batch that woke it before reading rooms or touching the host', async () => {
    const { brain, acked } = wake({ state: 'connected', since: Date.now() - 60_000 });
    expect(await acked).toEqual({ ack: 1 });
    await brain.watch();
    expect(log.slice(0, 3)).toEqual(['absorb', 'badge', 'status']);
    expect(log).toContain('rooms');
    expect(log).toContain('host');
  });

  it('acknowledges a stored batch without waiting for its status and badge to be written', async () => {
    const { brain, acked } = wake({ state: 'connected', since: Date.now() - 60_000 });
    expect(await acked).toEqual({ ack: 1 });
    await brain.watch();
    // The browser stops answering writes: the host's next batch must not wait for them.
    const written: string[] = [];
    browser.port.status.write = () => new Promise(() => void written.push('status'));
    browser.port.showBadge = () => new Promise(() => void written.push('badge'));
    // What the batch brought changes the badge, so there is something to write.
    brain.current!.member!.live.count = 3;
    expect(await brain.handle({ kind: 'batch', batch: { seq: 2, items: [] } })).toEqual({ ack: 2 });
    expect(log.filter((step) => step === 'absorb')).toHaveLength(2);
    expect(written).toContain('badge');
  });

  it('answers the host with the room channels once configured', async () => {
    const { brain } = wake({ state: 'connected', since: Date.now() - 60_000 });
    const config = await brain.hostConfig();
    expect(config?.channels.map((c) => c.channel)).toEqual(['NotificationChannel', 'ChatRoomChannel', 'Chats::CommunityMemberThreadsChannel']);
  });

  it('catches up after a host that only now started its connection, not after one that kept it up', async () => {
    fakeClock();
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
    const { brain, acked } = wake({ state: 'connected', since: Date.now() - 60_000 }, 1);
    expect(await acked).toEqual({ held: 'not-started' });
    expect(browser.statuses.at(-1)).toMatchObject({ phase: 'error', reason: { code: 'storage_unavailable' }, storage: { problem: 'open', error: 'UnknownError' } });
    // The failed boot is not remembered: the host's next send boots again.
    expect(await brain.handle({ kind: 'batch', batch: { seq: 1, items: [] } })).toEqual({ ack: 1 });
    expect(log).toContain('absorb');
    expect(browser.statuses.at(-1)?.storage).toMatchObject({ last: { problem: 'open', error: 'UnknownError' } });
  });

  it('holds a batch while there is no session to store it (the token step failed), and stores it once there is', async () => {
    faults.token = true;
    const { brain, acked } = wake({ state: 'connected', since: Date.now() - 60_000 });
    expect(await acked).toEqual({ held: 'no-session' });
    expect(log).not.toContain('absorb');
    faults.token = false;
    await brain.watch();
    expect(await brain.handle({ kind: 'batch', batch: { seq: 2, items: [] } })).toEqual({ ack: 2 });
  });

  it('holds a batch the storage cannot take (quota), says so, and clears the word once a batch is stored', async () => {
    faults.absorb = 'QuotaExceededError';
    const { brain, acked } = wake({ state: 'connected', since: Date.now() - 60_000 });
    expect(await acked).toEqual({ held: 'storage' });
    expect(browser.statuses.at(-1)?.storage).toMatchObject({ problem: 'write', error: 'QuotaExceededError' });
    faults.absorb = undefined;
    expect(await brain.handle({ kind: 'batch', batch: { seq: 2, items: [] } })).toEqual({ ack: 2 });
    expect(browser.statuses.at(-1)?.storage).toEqual({ last: expect.objectContaining({ problem: 'write', error: 'QuotaExceededError' }) });
  });

  it('acknowledges and counts a batch heard for another community, and stores none of it', async () => {
    const { brain, acked } = wake({ state: 'connected', since: Date.now() - 60_000 });
    await acked;
    log.length = 0;
    const reply = await brain.handle({ kind: 'batch', batch: { seq: 2, items: [], session: 'https://old.example/7' } });
    expect(reply).toEqual({ ack: 2 });
    expect(log.filter((step) => step.startsWith('commit') || step === 'absorb')).toEqual(['commit {"other_session_batch":1}']);
    await brain.handle({ kind: 'batch', batch: { seq: 3, items: [], session: 'https://app.circle.so/7' } });
    expect(log).toContain('absorb');
  });
});

describe('the watchdog', () => {
  beforeEach(() => {
    log.length = 0;
    fakeClock();
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

describe('a community signed in through its token service', () => {
  const KIT = 'https://kit.community.example';
  const settings = { ...SETTINGS, auth: { mode: 'community', address: 'community.example', refreshUrl: `${KIT}/refresh`, revokeUrl: `${KIT}/revoke`, accessToken: 'a', refreshToken: 'r' } };

  async function start(reachable: (url: string) => boolean) {
    log.length = 0;
    const b = new FakeBrowser(settings, log);
    b.reachable = reachable;
    const host = { configure: vi.fn(async () => undefined), reconnectNow: async () => {} };
    const brain = new Brain({ host, port: b.port, fetch, online: () => true, logger: {} });
    await brain.ready();
    return { b, host };
  }

  it("says a host permission is missing when the service's host may not be reached: the first refresh would fail as offline", async () => {
    const { b, host } = await start((url) => !url.startsWith(KIT));
    expect(b.statuses.at(-1)?.reason).toEqual({ code: 'host_permission_missing' });
    expect(host.configure).not.toHaveBeenCalledWith(expect.objectContaining({ cableUrl: expect.any(String) }));
  });

  it('opens a session when the service and Circle may both be reached', async () => {
    const { b } = await start(() => true);
    expect(b.statuses.at(-1)?.reason).not.toEqual({ code: 'host_permission_missing' });
  });
});
