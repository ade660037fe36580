import { describe, expect, it } from 'vitest';
import { cableUrlOf, parseSettings } from './schema';

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
    expect(result.ok && result.settings.liveRooms).toBe(25);
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
    expect(problemsOf({ ...valid, auth: { ...community, revokeUrl: 'http://kit.example.com/revoke', refreshToken: '' } }).map((p) => p.field)).toEqual(['auth.revokeUrl', 'auth.refreshToken']);
  });

  it('allows plain http and ws only for loopback hosts', () => {
    expect(parseSettings({ ...valid, circleUrl: 'http://127.0.0.1:4400', cableUrl: 'ws://localhost:4400/cable' }).ok).toBe(true);
    expect(problemsOf({ ...valid, circleUrl: 'http://circle.example.com' })).toEqual([
      { field: 'circleUrl', message: expect.stringContaining('only for 127.0.0.1 and localhost') },
    ]);
    expect(problemsOf({ ...valid, cableUrl: 'ws://circle.example.com/cable' })[0]?.field).toBe('cableUrl');
  });

  it('names the field of each problem', () => {
    const fields = problemsOf({
      circleUrl: 'ftp://x',
      origin: 'https://community.example.com/path',
      auth: { mode: 'appToken', appToken: '', email: 'nope' },
    }).map((p) => p.field);
    expect(fields).toEqual(['circleUrl', 'origin', 'auth.appToken', 'auth.email']);
    expect(problemsOf({ ...valid, auth: { mode: 'password' } })[0]?.field).toBe('auth.mode');
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
