import { describe, expect, it } from 'vitest';
import { managedFields, mergeSettings, policySignsIn } from './merge';

describe('mergeSettings', () => {
  const local = {
    circleUrl: 'https://app.circle.so',
    origin: 'https://mine.example',
    auth: { mode: 'appToken', appToken: 'local-app', email: 'me@example.com' },
  };

  it('lets each managed field win over the local one', () => {
    const merged = mergeSettings({ origin: 'https://policy.example' }, local);
    expect(merged.origin).toBe('https://policy.example');
    expect(merged.circleUrl).toBe('https://app.circle.so');
  });

  it('merges auth field by field within the same mode', () => {
    const merged = mergeSettings({ auth: { mode: 'appToken', appToken: 'policy-app' } }, local);
    expect(merged.auth).toEqual({ mode: 'appToken', appToken: 'policy-app', email: 'me@example.com' });
  });

  it('replaces auth when the policy picks another mode', () => {
    const merged = mergeSettings({ auth: { mode: 'tokenUrl', tokenUrl: 'https://sso.example' } }, local);
    expect(merged.auth).toEqual({ mode: 'tokenUrl', tokenUrl: 'https://sso.example' });
  });

  it('treats missing or malformed storage as empty', () => {
    expect(mergeSettings(undefined, local)).toEqual(local);
    expect(mergeSettings('junk', null)).toEqual({});
  });

  it('lists the locked fields', () => {
    expect([...managedFields({ origin: 'x', auth: { mode: 'tokenUrl' } })]).toEqual(['origin', 'auth', 'auth.mode']);
  });

  it('tells a whole sign-in from a policy apart from a partial one', () => {
    expect(policySignsIn({ auth: { mode: 'tokenUrl', tokenUrl: 'https://sso.example' } })).toBe(true);
    expect(policySignsIn({ auth: { mode: 'appToken', appToken: 'policy-app' } })).toBe(false);
    expect(policySignsIn({ origin: 'https://community.example' })).toBe(false);
    expect(policySignsIn(undefined)).toBe(false);
  });
});
