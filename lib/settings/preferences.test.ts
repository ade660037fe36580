import { describe, expect, it } from 'vitest';
import { parsePreferences } from './preferences';

describe('preferences', () => {
  it('defaults everything', () => {
    expect(parsePreferences(undefined)).toEqual({
      alerts: true,
      doNotDisturb: false,
      snoozedUntil: 0,
      quietHours: { enabled: false, days: [0, 1, 2, 3, 4, 5, 6], from: '22:00', to: '07:00', timeZone: '' },
      awaySummary: true,
      onlyDmsAndMentions: false,
      mutedRooms: [],
      roomAlerts: {},
      sound: false,
      badgeCounts: 'notifications',
      waitingAfterHours: 4,
      resetCountOnOpen: true,
    });
  });

  it('keeps good fields and replaces only the bad ones', () => {
    const prefs = parsePreferences({ doNotDisturb: true, mutedRooms: 'r1', badgeCounts: 'everything', snoozedUntil: -5, waitingAfterHours: 1e6 });
    expect(prefs).toMatchObject({ doNotDisturb: true, mutedRooms: [], badgeCounts: 'notifications', snoozedUntil: 0, waitingAfterHours: 4 });
    expect(parsePreferences('junk').alerts).toBe(true);
  });

  it('a bad part of the quiet hours falls back alone; a bad room choice drops the map', () => {
    const prefs = parsePreferences({ quietHours: { enabled: true, days: [1, 9], from: '25:00', to: '06:30' }, roomAlerts: { r1: 'sometimes' } });
    expect(prefs.quietHours).toEqual({ enabled: true, days: [0, 1, 2, 3, 4, 5, 6], from: '22:00', to: '06:30', timeZone: '' });
    expect(prefs.roomAlerts).toEqual({});
    expect(parsePreferences({ roomAlerts: { r1: 'every', r2: 'mentions' } }).roomAlerts).toEqual({ r1: 'every', r2: 'mentions' });
  });
});
