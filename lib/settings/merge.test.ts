import { describe, expect, it } from 'vitest';
import { communityKey } from './schema';
import { mergeSettings, storedSettingsOf } from './merge';

const mine = {
  circleUrl: 'https://app.circle.so',
  origin: 'https://mine.example',
  auth: { mode: 'appToken', appToken: 'local-app', email: 'me@example.com' },
};
const other = { circleUrl: 'https://app.circle.so', origin: 'https://other.example', auth: { mode: 'tokenUrl', tokenUrl: 'https://sso.other.example' } };

describe('mergeSettings, the first released shape (one community)', () => {
  it('reads it as a list of one', () => {
    expect(storedSettingsOf({ ...mine, keepNotifications: 50 })).toEqual({ keepNotifications: 50, communities: [mine] });
    expect(storedSettingsOf({ keepNotifications: 50 })).toEqual({ keepNotifications: 50 });
  });

  it('lets each managed field win over the local one, origin too', () => {
    const { stored, locked } = mergeSettings({ origin: 'https://policy.example' }, mine);
    expect(stored.communities).toEqual([{ ...mine, origin: 'https://policy.example' }]);
    expect([...locked]).toEqual(['communities.0', 'communities.0.origin']);
  });

  it('merges auth field by field within the same mode', () => {
    const { stored } = mergeSettings({ auth: { mode: 'appToken', appToken: 'policy-app' } }, mine);
    expect(stored.communities?.[0]?.auth).toEqual({ mode: 'appToken', appToken: 'policy-app', email: 'me@example.com' });
  });

  it('replaces auth when the policy picks another mode', () => {
    const { stored } = mergeSettings({ auth: { mode: 'tokenUrl', tokenUrl: 'https://sso.example' } }, mine);
    expect(stored.communities?.[0]?.auth).toEqual({ mode: 'tokenUrl', tokenUrl: 'https://sso.example' });
  });

  it('treats missing or malformed storage as empty', () => {
    expect(mergeSettings(undefined, mine).stored).toEqual({ communities: [mine] });
    expect(mergeSettings('junk', null).stored).toEqual({});
  });

  it('tells a whole sign-in from a policy apart from a partial one', () => {
    const key = communityKey(mine.origin);
    expect([...mergeSettings({ auth: { mode: 'tokenUrl', tokenUrl: 'https://sso.example' } }, mine).signInByPolicy]).toEqual([key]);
    expect(mergeSettings({ auth: { mode: 'appToken', appToken: 'policy-app' } }, mine).signInByPolicy.size).toBe(0);
    expect(mergeSettings(undefined, mine).signInByPolicy.size).toBe(0);
  });
});

describe('mergeSettings, several communities', () => {
  it('keeps the member’s communities beside the policy’s, merging the one they share by origin', () => {
    const policy = { communities: [{ circleUrl: 'https://app.circle.so', origin: 'https://company.example' }, { origin: 'https://other.example', liveRooms: 5 }] };
    const local = { communities: [mine, other, { circleUrl: 'https://app.circle.so', origin: 'https://company.example', auth: { mode: 'tokenUrl', tokenUrl: 'https://sso.company.example' } }] };
    const { stored, locked } = mergeSettings(policy, local);
    expect(stored.communities?.map((c) => c.origin)).toEqual(['https://mine.example', 'https://other.example', 'https://company.example']);
    expect(stored.communities?.[1]?.liveRooms).toBe(5);
    expect(stored.communities?.[2]?.auth).toEqual(local.communities[2]!.auth);
    expect(locked.has('communities.0')).toBe(false);
    expect([...locked].filter((f) => f.startsWith('communities.1'))).toEqual(['communities.1', 'communities.1.origin', 'communities.1.liveRooms']);
    expect(locked.has('communities.2.circleUrl')).toBe(true);
  });

  it('puts a policy community the member has no entry for first, and a policy’s retention over theirs', () => {
    const { stored, locked } = mergeSettings({ communities: [other], keepNotifications: 500 }, { communities: [mine], keepNotifications: 50 });
    expect(stored.communities?.map((c) => c.origin)).toEqual([other.origin, mine.origin]);
    expect(stored.keepNotifications).toBe(500);
    expect(locked.has('keepNotifications')).toBe(true);
  });
});
