import { describe, expect, it } from 'vitest';
import { cableUrlOf, communitiesOf, communityKey, communityLabel, markedCableUrl, MAX_LIVE_ROOMS, parseSettings, runnable } from './schema';

const valid = {
  circleUrl: 'https://app.circle.so',
  origin: 'https://community.example.com',
  auth: { mode: 'appToken', appToken: 'app-token', email: 'member@example.com' },
};

function problemsOf(input: unknown) {
  const result = parseSettings(input);
  return result.ok ? [] : result.problems;
}

describe('settings schema', () => {
  it('accepts each sign-in mode and fills defaults', () => {
    const result = parseSettings(valid);
    expect(result.ok && result.settings.communities[0]?.liveRooms).toBe(25);
    expect(parseSettings({ ...valid, auth: { mode: 'tokenUrl', tokenUrl: 'https://sso.example.com/circle' } }).ok).toBe(true);
    expect(
      parseSettings({
        ...valid,
        auth: { mode: 'tokens', accessToken: 'a', refreshToken: 'r', accessTokenExpiresAt: '2026-01-01T10:00:00Z' },
      }).ok,
    ).toBe(true);
  });

  it('takes what a community sign-in leaves, with its service on https (http only on loopback)', () => {
    const community = { mode: 'community', address: 'community.example.com', refreshUrl: 'https://kit.example.com/refresh', revokeUrl: 'https://kit.example.com/revoke', accessToken: 'a', refreshToken: 'r' };
    expect(parseSettings({ ...valid, auth: community }).ok).toBe(true);
    expect(parseSettings({ ...valid, auth: { ...community, refreshUrl: 'http://127.0.0.1:4410/refresh' } }).ok).toBe(true);
    expect(problemsOf({ ...valid, auth: { ...community, revokeUrl: 'http://kit.example.com/revoke', refreshToken: '' } }).map((p) => p.field)).toEqual(['communities.0.auth.revokeUrl', 'communities.0.auth.refreshToken']);
  });

  it('allows plain http and ws only for loopback hosts', () => {
    expect(parseSettings({ ...valid, circleUrl: 'http://127.0.0.1:4400', cableUrl: 'ws://localhost:4400/cable' }).ok).toBe(true);
    expect(problemsOf({ ...valid, circleUrl: 'http://circle.example.com' })).toEqual([
      { field: 'communities.0.circleUrl', message: expect.stringContaining('only for 127.0.0.1 and localhost') },
    ]);
    expect(problemsOf({ ...valid, cableUrl: 'ws://circle.example.com/cable' })[0]?.field).toBe('communities.0.cableUrl');
  });

  it('names the field of each problem', () => {
    const fields = problemsOf({
      circleUrl: 'ftp://x',
      origin: 'https://community.example.com/path',
      auth: { mode: 'appToken', appToken: '', email: 'nope' },
    }).map((p) => p.field);
    expect(fields).toEqual(['communities.0.circleUrl', 'communities.0.origin', 'communities.0.auth.appToken', 'communities.0.auth.email']);
    expect(problemsOf({ ...valid, auth: { mode: 'password' } })[0]?.field).toBe('communities.0.auth.mode');
    expect(problemsOf(null)[0]?.field).toBe('(settings)');
  });

  it('never echoes a secret in a problem message', () => {
    const secret = 'super-secret-token-value';
    const messages = problemsOf({ ...valid, auth: { mode: 'tokens', accessToken: secret, refreshToken: 7 } })
      .map((p) => p.message)
      .join(' ');
    expect(messages).not.toContain(secret);
  });

  it('derives the cable URL from the Circle URL', () => {
    expect(cableUrlOf({ circleUrl: 'https://app.circle.so' })).toBe('wss://app.circle.so/cable');
    expect(cableUrlOf({ circleUrl: 'http://127.0.0.1:4400/' })).toBe('ws://127.0.0.1:4400/cable');
    expect(cableUrlOf({ circleUrl: 'https://x.test', cableUrl: 'wss://y.test/cable' })).toBe('wss://y.test/cable');
  });
});

describe('several communities', () => {
  const second = { circleUrl: 'http://127.0.0.1:4401', origin: 'http://127.0.0.1:4411', auth: { mode: 'tokens', accessToken: 'a', refreshToken: 'r' } };

  it('takes a list, each community with its own key and label, and the old shape as a list of one', () => {
    const result = parseSettings({ communities: [valid, { ...second, name: 'Second' }], keepNotifications: 50 });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [one, two] = communitiesOf(result.settings);
    expect(one?.key).toBe(communityKey(valid.origin));
    expect(one?.key).not.toBe(two?.key);
    expect(two?.keepNotifications).toBe(50);
    expect(communityLabel(one!)).toBe('community.example.com');
    expect(communityLabel(two!)).toBe('Second');
    const old = parseSettings(valid);
    expect(old.ok && old.settings.communities.length).toBe(1);
  });

  it('names the community of each problem, refuses a community listed twice, none, or more than ten', () => {
    expect(problemsOf({ communities: [valid, { ...valid, circleUrl: 'ftp://x' }] }).map((p) => p.field)).toEqual(['communities.1.circleUrl', 'communities.1.origin']);
    expect(problemsOf({ communities: [] })[0]?.field).toBe('communities');
    expect(problemsOf({})[0]?.field).toBe('communities');
    const many = Array.from({ length: 11 }, (_, i) => ({ ...valid, origin: `https://c${i}.example.com` }));
    expect(problemsOf({ communities: many })[0]?.field).toBe('communities');
  });

  it('shares the live rooms out so that all communities together stay within the bound', () => {
    const five = Array.from({ length: 5 }, (_, i) => ({ ...valid, origin: `https://c${i}.example.com`, liveRooms: 40 }));
    const result = parseSettings({ communities: five });
    const rooms = result.ok ? communitiesOf(result.settings).map((c) => c.liveRooms) : [];
    expect(rooms.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(MAX_LIVE_ROOMS);
    expect(rooms).toEqual([20, 20, 20, 20, 20]);
  });

  it('marks a community’s cable URL with its key, last, so its header rule alone matches it', () => {
    expect(markedCableUrl({ circleUrl: 'https://app.circle.so', key: 'ab12cd34' })).toBe('wss://app.circle.so/cable?circle_live=ab12cd34');
    expect(markedCableUrl({ circleUrl: 'https://x.test', cableUrl: 'wss://y.test/cable?circle_live=old&a=1', key: 'k' })).toBe('wss://y.test/cable?a=1&circle_live=k');
  });
});

describe('a community signed out of', () => {
  it('stays in the list, valid, and is not one a session runs on', () => {
    const { auth: _auth, ...signedOut } = valid;
    const result = parseSettings({ communities: [signedOut, { ...valid, origin: 'https://other.example.com' }] });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [out, other] = communitiesOf(result.settings);
    expect(runnable(out!)).toEqual({ ok: false, problems: [{ field: 'auth', message: expect.any(String) }] });
    expect(runnable(other!).ok).toBe(true);
  });
});
