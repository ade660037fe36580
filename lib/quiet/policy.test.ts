// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { popupQuietHours } from '../settings/preferences-own';
import { mergePreferences, readPreferencesPolicy } from '../settings/preferences-policy';
import { quietOf } from './quiet';

const mine = { enabled: true, days: [1, 2], from: '20:00', to: '06:00', timeZone: 'Europe/Berlin' };
const theirs = { enabled: true, days: [0, 6], from: '00:00', to: '00:00', timeZone: '' };

describe("the popup's quiet hours, read without zod", () => {
  it("agree with the background's: the member's, else the policy's default, and the policy's when it locks them", () => {
    const cases: [unknown, unknown, typeof mine | undefined][] = [
      [{ ownOnly: true, quietHours: mine }, { defaults: { quietHours: theirs } }, mine],
      [{ ownOnly: true }, { defaults: { quietHours: theirs } }, theirs],
      [{ ownOnly: true, quietHours: mine }, { defaults: { quietHours: theirs }, locked: ['quietHours'] }, theirs],
      [{ ownOnly: true, quietHours: mine }, undefined, mine],
      [{ ownOnly: true }, undefined, undefined],
    ];
    for (const [stored, policy, expected] of cases) {
      const background = mergePreferences(readPreferencesPolicy(policy ?? null).policy, stored).preferences.quietHours;
      const popup = quietOf({ quietHours: popupQuietHours(stored, policy) }).quietHours;
      expect(popup).toEqual(background);
      if (expected) expect(popup).toEqual(expected);
    }
  });
});
