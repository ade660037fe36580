import { describe, expect, it } from 'vitest';
import { parsePreferences } from './preferences';

describe('preferences', () => {
  it('defaults everything', () => {
    expect(parsePreferences(undefined)).toEqual({
      alerts: true,
      doNotDisturb: false,
      onlyDmsAndMentions: false,
      mutedRooms: [],
      badgeCounts: 'notifications',
      resetCountOnOpen: true,
    });
  });

  it('keeps good fields and replaces only the bad ones', () => {
    const prefs = parsePreferences({ doNotDisturb: true, mutedRooms: 'r1', badgeCounts: 'everything' });
    expect(prefs).toMatchObject({ doNotDisturb: true, mutedRooms: [], badgeCounts: 'notifications' });
    expect(parsePreferences('junk').alerts).toBe(true);
  });
});
