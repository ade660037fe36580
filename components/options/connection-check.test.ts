import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { systemClock } from '../../lib/cable/clock';
import { fakeSockets } from '../../lib/cable/testing';
import { runConnectionCheck, type CheckDeps, type CheckRow } from './connection-check';

// Message keys and their substitutions stand in for the words: what is checked is which step says what.
beforeEach(() => {
  fakeBrowser.i18n.getMessage = ((key: string, subs?: string | string[]) => [key, ...([] as string[]).concat(subs ?? [])].join('|')) as typeof fakeBrowser.i18n.getMessage;
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const CHANNELS = [{ channel: 'NotificationChannel', community_member_id: 7 }];
const input = { circleUrl: 'https://c.example.com', origin: 'https://c.example.com' };

function setup(prepare: CheckDeps['prepare']) {
  const { sockets, createWebSocket } = fakeSockets();
  const deps: CheckDeps = { prepare: vi.fn(prepare), end: vi.fn(async () => undefined), createWebSocket, clock: systemClock };
  let rows: CheckRow[] = [];
  const run = (overrides: Partial<Parameters<typeof runConnectionCheck>[0]> = {}) =>
    runConnectionCheck({ input, invalid: false, hosts: [], permission: Promise.resolve(true), ...overrides }, deps, (r) => (rows = r));
  return { deps, sockets, run, rows: () => rows.map((r) => `${r.state} ${r.id}${r.detail ? ` ${r.detail}` : ''}`) };
}

const ready = async () => ({ ok: true as const, cableUrl: 'wss://c.example.com/cable', memberId: 7, memberName: 'Jo', channels: CHANNELS });

describe('runConnectionCheck', () => {
  it('stops at the settings when the form has problems, without asking the background', async () => {
    const t = setup(ready);
    expect(await t.run({ invalid: true })).toBe(false);
    expect(t.rows()).toEqual(['failed settings optionsSettingsInvalid']);
    expect(t.deps.prepare).not.toHaveBeenCalled();
  });

  it('stops at the settings when the host permission is refused, naming the hosts', async () => {
    const t = setup(ready);
    expect(await t.run({ hosts: ['https://c.example.com/*'], permission: Promise.resolve(false) })).toBe(false);
    expect(t.rows()).toEqual(['failed settings optionsPermissionRefused|https://c.example.com/*']);
  });

  it('puts a background refusal on the step it names, and always ends the test', async () => {
    const settings = setup(async () => ({ ok: false, step: 'settings', reason: { code: 'settings_incomplete', detail: 'origin' } }));
    expect(await settings.run()).toBe(false);
    expect(settings.rows()).toEqual(['failed settings optionsSettingsRefused|reason_settings_incomplete|origin']);
    expect(settings.deps.end).toHaveBeenCalledOnce();

    const token = setup(async () => {
      throw new Error('no answer');
    });
    expect(await token.run()).toBe(false);
    expect(token.rows()).toEqual(['ok settings', 'failed token optionsTokenFailed|reason_no_answer']);
    expect(token.deps.end).toHaveBeenCalledOnce();
  });

  it('says plainly that the community cannot use the Headless API', async () => {
    const refused = setup(async () => ({ ok: false, step: 'token', reason: { code: 'not_eligible' } }));
    expect(await refused.run()).toBe(false);
    expect(refused.rows()).toEqual(['ok settings', 'failed token reason_not_eligible']);
  });

  it('goes on to the cable with the prepared URL and channels, one row per channel', async () => {
    const t = setup(ready);
    const done = t.run();
    await vi.waitFor(() => expect(t.sockets).toHaveLength(1));
    expect(t.sockets[0]!.url).toBe('wss://c.example.com/cable');
    t.sockets[0]!.serverClose(1006);
    expect(await done).toBe(false);
    expect(t.rows()).toEqual(['ok settings', 'ok token optionsTokenOk|Jo (#7)', 'failed handshake optionsOriginRefused|https://c.example.com']);
    expect(t.deps.end).toHaveBeenCalledOnce();
  });
});
