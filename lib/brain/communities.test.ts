// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO, startSimulator, type Simulator } from '../../simulator';
import { communityKey } from '../settings/schema';
import type { HostConfig, HostPort } from '../wire/messages';
import { Communities } from './communities';
import type { BadgeLine } from './shared-port';
import { FakeSharedBrowser } from './testing';
import { heard } from '../host/heard';

// Two communities, each on its own local Circle, with the real token service and REST client:
// only the browser and the socket host are in memory.
let one: Simulator;
let two: Simulator;
beforeAll(async () => {
  [one, two] = await Promise.all([startSimulator({ port: 0 }), startSimulator({ port: 0, seed: 7 })]);
});
afterAll(() => Promise.all([one.stop(), two.stop()]));

const ONE = 'https://one.example';
const TWO = 'https://two.example';

function communityOn(sim: Simulator, origin: string, tokens = sim.issueTokens(DEMO.memberId)) {
  return { circleUrl: sim.url, origin, auth: { mode: 'tokens', accessToken: tokens.access_token, refreshToken: tokens.refresh_token }, liveRooms: 2 };
}

function started(settings: unknown, before?: (browser: FakeSharedBrowser) => void) {
  const browser = new FakeSharedBrowser(settings);
  before?.(browser);
  const configured: { key: string; config: HostConfig | null }[] = [];
  const host: HostPort = { configure: async (key, config) => void configured.push({ key, config }), reconnectNow: async () => {} };
  const communities = new Communities({ host, port: browser.port, fetch, online: () => true, logger: {} });
  void communities.ready();
  const lastConfig = (key: string) => configured.filter((c) => c.key === key).at(-1)?.config;
  return { browser, communities, configured, lastConfig };
}

const live = (browser: FakeSharedBrowser, key: string) => browser.board?.communities.find((c) => c.key === key)?.memberId === DEMO.memberId;

describe('several communities', () => {
  it('starts each with its own token, its own header rule and its own socket, in the settings\' order', async () => {
    const { browser, lastConfig } = started({ communities: [communityOn(one, ONE), { ...communityOn(two, TWO), name: 'Second' }] });
    const [a, b] = [communityKey(ONE), communityKey(TWO)];
    await vi.waitFor(() => expect([lastConfig(a), lastConfig(b)].every(Boolean)).toBe(true), { timeout: 10_000 });
    expect(lastConfig(a)).toMatchObject({ key: a, community: `${new URL(one.url).origin}/${DEMO.memberId}`, cableUrl: `${one.cableUrl}?circle_live=${a}` });
    expect(lastConfig(b)?.cableUrl).toBe(`${two.cableUrl}?circle_live=${b}`);
    // Each rule carries its own community's token, and matches its own mark only.
    expect(browser.rules.get(a)?.accessToken).toBe(browser.tokens.get(a)?.set.accessToken);
    expect(browser.rules.get(b)?.accessToken).toBe(browser.tokens.get(b)?.set.accessToken);
    expect(browser.rules.get(a)?.accessToken).not.toBe(browser.rules.get(b)?.accessToken);
    expect(browser.rules.get(b)?.cableUrl).toContain(`circle_live=${b}`);
    await vi.waitFor(() => expect(live(browser, a) && live(browser, b)).toBe(true), { timeout: 10_000 });
    expect(browser.board?.communities.map((c) => [c.key, c.label])).toEqual([[a, 'one.example'], [b, 'Second']]);
    // Each community's own badge, in order: the sum is lib/badge's (badge.test.ts) and the toolbar's (e2e).
    expect(browser.badge.map((line) => line.label)).toEqual(['one.example', 'Second']);
    expect([...browser.alarmNames].sort()).toEqual([`token-refresh:${a}`, `token-refresh:${b}`].sort());
  });

  it('signs out of one and leaves the other its tokens, rule and socket', async () => {
    const { browser, communities, configured, lastConfig } = started({ communities: [communityOn(one, ONE), communityOn(two, TWO)] });
    const [a, b] = [communityKey(ONE), communityKey(TWO)];
    await vi.waitFor(() => expect(live(browser, a) && live(browser, b) && lastConfig(a) && lastConfig(b)).toBeTruthy(), { timeout: 10_000 });
    const kept = browser.tokens.get(b);
    const before = configured.filter((c) => c.key === b).length;
    expect(await communities.handle({ to: 'brain', kind: 'sign-out', key: a })).toMatchObject({ ok: true });
    expect(browser.signedOut).toEqual([a]);
    // The sign-in dropped from the settings is a settings change: the other community is not restarted by it.
    await communities.settingsChanged();
    expect(configured.filter((c) => c.key === b)).toHaveLength(before);
    expect(browser.board?.communities.find((c) => c.key === a)).toMatchObject({ phase: 'not-set-up' });
    expect(browser.tokens.has(a)).toBe(false);
    expect(browser.rules.has(a)).toBe(false);
    expect(lastConfig(a)).toBeNull();
    expect(browser.tokens.get(b)).toBe(kept);
    expect(browser.rules.get(b)?.accessToken).toBe(kept?.set.accessToken);
    expect(lastConfig(b)).not.toBeNull();
    expect(browser.board?.communities.find((c) => c.key === b)?.phase).not.toBe('not-set-up');
  });

  it('stops a community removed from the settings and forgets its tokens, without restarting the one that stayed', async () => {
    const settings = { communities: [communityOn(one, ONE), communityOn(two, TWO)] };
    const { browser, communities, configured, lastConfig } = started(settings);
    const [a, b] = [communityKey(ONE), communityKey(TWO)];
    await vi.waitFor(() => expect(live(browser, a) && live(browser, b) && lastConfig(a) && lastConfig(b)).toBeTruthy(), { timeout: 10_000 });
    const before = configured.filter((c) => c.key === b).length;
    browser.settings = { communities: [settings.communities[1]] };
    await communities.settingsChanged();
    await vi.waitFor(() => expect(browser.tokens.has(a)).toBe(false));
    expect(lastConfig(a)).toBeNull();
    expect(browser.rules.has(a)).toBe(false);
    expect(browser.board?.communities.map((c) => c.key)).toEqual([b]);
    expect(configured.filter((c) => c.key === b)).toHaveLength(before);
    expect(await communities.handle({ to: 'brain', kind: 'batch', key: a, batch: { seq: 9, items: [] } })).toEqual({ ack: 9 });
  });

  it('takes over the token set an older version kept for its Circle, instead of seeding one from the settings', async () => {
    const settings = communityOn(one, ONE);
    const a = communityKey(ONE);
    const first = started(settings);
    await vi.waitFor(() => expect(first.lastConfig(a)).toBeTruthy(), { timeout: 10_000 });
    // Refreshed since the settings were saved: only the kept set knows the current pair.
    expect(await first.communities.handle({ to: 'brain', kind: 'refresh-auth', key: a })).toEqual({ ok: true });
    const refreshed = first.browser.tokens.get(a)!;
    expect(refreshed.set.accessToken).not.toBe(settings.auth.accessToken);
    const origin = new URL(one.url).origin;
    const { browser, lastConfig } = started(settings, (b) => b.tokens.set(origin, { circleUrl: origin, set: refreshed.set }));
    await vi.waitFor(() => expect(lastConfig(a)).toBeTruthy(), { timeout: 10_000 });
    expect(browser.tokens.has(origin)).toBe(false);
    expect(browser.rules.get(a)?.accessToken).toBe(refreshed.set.accessToken);
  });

  it('with settings that do not validate, stops every community and shows one not-set-up entry', async () => {
    const { browser, communities, lastConfig } = started({ communities: [communityOn(one, ONE)] });
    const a = communityKey(ONE);
    await vi.waitFor(() => expect(lastConfig(a)).toBeTruthy(), { timeout: 10_000 });
    browser.settings = { communities: [{ circleUrl: 'ftp://nope' }] };
    await communities.settingsChanged();
    expect(lastConfig(a)).toBeNull();
    expect(browser.board?.communities).toEqual([expect.objectContaining({ phase: 'not-set-up', reason: expect.objectContaining({ code: 'settings_incomplete' }) })]);
    expect(browser.badge).toEqual([]);
  });

  it("routes an alert's button by the key in its id: only that community's Circle marks the room read", async () => {
    const { browser, communities } = started({ communities: [communityOn(one, ONE), communityOn(two, TWO)] });
    const [a, b] = [communityKey(ONE), communityKey(TWO)];
    await vi.waitFor(() => expect(live(browser, a) && live(browser, b)).toBe(true), { timeout: 10_000 });
    const unreadIn = (sim: Simulator) => sim.community.roomsOf(DEMO.memberId).filter((r) => sim.community.unreadCount(r, DEMO.memberId) > 0);
    const room = unreadIn(two)[0]!;
    const before = unreadIn(one).length;
    // Synced first: the member action marks a room read only once it is in the cache.
    await vi.waitFor(async () => expect(await (await browser.port.database()).get('rooms', [`${new URL(two.url).origin}/${DEMO.memberId}`, room.uuid])).toBeTruthy(), { timeout: 10_000 });
    await communities.alertButton(`${b}/room:${room.uuid}`, 0);
    expect(two.community.unreadCount(room, DEMO.memberId)).toBe(0);
    expect(unreadIn(one)).toHaveLength(before);
    // No such community: nothing happens, nothing throws.
    await communities.alertButton(`nobody/room:${room.uuid}`, 0);
  });
});

describe('a woken worker', () => {
  /** A live first worker, then the next one on the same storage whose database opens only when `open` is called. */
  async function wokenWithClosedDatabase(preferences: unknown = {}) {
    const settings = { communities: [communityOn(one, ONE)] };
    const a = communityKey(ONE);
    const first = started(settings);
    await vi.waitFor(() => expect(live(first.browser, a) && first.lastConfig(a) && first.browser.badge[0]?.state.kind === 'count').toBe(true), { timeout: 10_000 });
    const stored = (first.browser.badge[0]!.state as { count: number }).count;
    const browser = new FakeSharedBrowser(settings);
    for (const [key, kept] of first.browser.tokens) browser.tokens.set(key, kept);
    Object.assign(browser, { board: first.browser.board, badge: first.browser.badge, preferences });
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    browser.port.database = () => opened.then(() => first.browser.port.database());
    const communities = new Communities({ host: { configure: async () => undefined, reconnectNow: async () => {} }, port: browser.port, fetch, online: () => true, logger: {} });
    void communities.ready();
    const item = heard('{"channel":"NotificationChannel"}', { event: 'updateNewNotificationCount', new_notifications_count: stored + 3 }, first.lastConfig(a)!.community, Date.now());
    const acked = communities.handle({ to: 'brain', kind: 'batch', key: a, batch: { seq: 1, items: [item] } });
    return { browser, communities, stored, open, acked };
  }

  it("shows its first batch's count before the database opened and the batch was stored", async () => {
    const { browser, communities, stored, open, acked } = await wokenWithClosedDatabase();
    await vi.waitFor(() => expect(browser.badge[0]?.state).toMatchObject({ kind: 'count', count: stored + 3 }));
    open();
    expect(await acked).toEqual({ ack: 1 });
    await communities.handle({ to: 'brain', kind: 'hello' });
    expect(browser.badge[0]?.state).toMatchObject({ kind: 'count', count: stored + 3 });
  });

  it('waits for the stored batch in a mode the count is not the whole badge of', async () => {
    const { browser, communities, stored, open, acked } = await wokenWithClosedDatabase({ badgeCounts: 'notifications-and-chats' });
    const before = browser.badge;
    // Everything but the database answers at once: a badge written without it would be there by now.
    await communities.ready();
    await new Promise((resolve) => setImmediate(resolve));
    expect(browser.badge).toBe(before);
    open();
    expect(await acked).toEqual({ ack: 1 });
    await vi.waitFor(() => expect((browser.badge[0]?.state as { count?: number }).count).toBeGreaterThanOrEqual(stored + 3));
  });

  it('shows the count its first batch brought, written once, and never "connecting" before it', async () => {
    const settings = { communities: [communityOn(one, ONE)] };
    const a = communityKey(ONE);
    const first = started(settings);
    await vi.waitFor(() => expect(live(first.browser, a) && first.lastConfig(a) && first.browser.badge[0]?.state.kind === 'count').toBe(true), { timeout: 10_000 });
    const stored = (first.browser.badge[0]!.state as { count: number }).count;
    // Circle gets three more new notifications; the batch that wakes the next worker says so,
    // and Circle's own count (re-read a second later) agrees.
    const template = [...one.community.notifications.values()].find((n) => n.memberId === DEMO.memberId)!;
    for (let i = 0; i < 3; i++) {
      const id = one.community.nextId('notification');
      one.community.notifications.set(id, { ...template, id, createdAt: new Date(Date.now() + 1), readAt: null });
    }
    // The next worker: the same storage and cache, a badge that still shows what the last one set.
    const browser = new FakeSharedBrowser(settings);
    for (const [key, kept] of first.browser.tokens) browser.tokens.set(key, kept);
    Object.assign(browser, { board: first.browser.board, badge: first.browser.badge });
    browser.port.database = first.browser.port.database;
    const shown: BadgeLine[][] = [];
    const show = browser.port.showBadge;
    browser.port.showBadge = async (lines) => {
      shown.push(lines);
      await show(lines);
    };
    const communities = new Communities({ host: { configure: async () => undefined, reconnectNow: async () => {} }, port: browser.port, fetch, online: () => true, logger: {} });
    void communities.ready();
    const item = heard('{"channel":"NotificationChannel"}', { event: 'updateNewNotificationCount', new_notifications_count: stored + 3 }, first.lastConfig(a)!.community, Date.now());
    expect(await communities.handle({ to: 'brain', kind: 'batch', key: a, batch: { seq: 1, items: [item] } })).toEqual({ ack: 1 });
    await communities.handle({ to: 'brain', kind: 'hello' });
    expect(browser.badge[0]?.state).toMatchObject({ kind: 'count', count: stored + 3 });
    expect(shown.flat().map((line) => line.state.kind)).not.toContain('connecting');
    // The first write is the batch's count; its commit and its acknowledgement both publish, and
    // no write repeats the one before it (a later one may add what the rooms tell, e.g. `personal`).
    expect(shown[0]).toEqual([expect.objectContaining({ state: expect.objectContaining({ kind: 'count', count: stored + 3 }) })]);
    expect(shown.filter((lines, i) => i > 0 && JSON.stringify(lines) === JSON.stringify(shown[i - 1]))).toEqual([]);
  });
});
