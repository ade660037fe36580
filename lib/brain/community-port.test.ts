import { describe, expect, it } from 'vitest';
import { alarmFor, communityPort, splitAlarm, splitAlertId } from './community-port';
import { FakeSharedBrowser } from './testing';

describe("a community's port", () => {
  const shared = new FakeSharedBrowser();
  const slot = (key: string, context?: string) => ({
    key,
    settings: () => ({ ok: false as const, problems: [] }),
    status: () => undefined,
    setStatus: async () => {},
    setBadge: async () => {},
    alertContext: () => context,
    quiet: { now: () => undefined, hold: async () => {} },
  });

  it("names its alerts and alarms with its key, so a click or an alarm finds it again", async () => {
    const port = communityPort(shared.port, slot('ab12cd34', 'Makers'));
    await port.alerts.raise({ id: 'room:r1', title: 'Room', message: 'Hi' });
    expect(shared.alerts.at(-1)).toMatchObject({ id: 'ab12cd34/room:r1', community: 'Makers' });
    expect(splitAlertId('ab12cd34/room:r1')).toEqual({ key: 'ab12cd34', id: 'room:r1' });
    expect(splitAlertId('room:r1')).toBeUndefined();
    await port.alarms.create('token-refresh', 1);
    expect([...shared.alarmNames]).toEqual([alarmFor('ab12cd34', 'token-refresh')]);
    expect(splitAlarm('token-refresh:ab12cd34')).toEqual({ name: 'token-refresh', key: 'ab12cd34' });
  });

  it("reaches only its own tokens and header rule", async () => {
    const mine = communityPort(shared.port, slot('aaaaaaaa'));
    const theirs = communityPort(shared.port, slot('bbbbbbbb'));
    await mine.tokens.storage('https://app.circle.so').save({ accessToken: 'mine', seed: 's' } as never);
    await theirs.tokens.storage('https://app.circle.so').save({ accessToken: 'theirs', seed: 's' } as never);
    await mine.headerRule.set({ cableUrl: 'wss://app.circle.so/cable', accessToken: 'mine', origin: 'https://a.example' }, () => true);
    await mine.tokens.forget();
    expect((await theirs.tokens.kept())?.set.accessToken).toBe('theirs');
    expect(await mine.tokens.kept()).toBeUndefined();
    await theirs.headerRule.clear();
    expect([...shared.rules.keys()]).toEqual(['aaaaaaaa']);
  });
});
