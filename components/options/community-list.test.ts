import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { mergeSettings } from '../../lib/settings/merge';
import { communityKey } from '../../lib/settings/schema';
import { canMove, communityProblems, moved, rowsOf, settingsOf, withEntry } from './community-list';

const pair = { mode: 'tokens' as const, accessToken: 'a', refreshToken: 'r' };
const community = (host: string, extra: Record<string, unknown> = {}) => ({ circleUrl: 'https://app.circle.so', origin: `https://${host}`, auth: pair, ...extra });
// Fixed whole by the policy: signed in by it, nothing of the member's.
const POLICY = { communities: [community('company.example')], keepNotifications: 500 };
const LOCAL = { communities: [community('one.example'), community('two.example')], keepMessagesPerRoom: 50, keepNotifications: 300 };

describe('the member’s own settings', () => {
  it('keep their communities in the page’s order and leave the policy’s alone', () => {
    const merged = mergeSettings(POLICY, LOCAL);
    const rows = rowsOf(merged);
    expect(rows.map((row) => [row.key, row.listed, row.policyOnly])).toEqual([
      [communityKey('https://company.example'), true, true],
      [communityKey('https://one.example'), false, false],
      [communityKey('https://two.example'), false, false],
    ]);
    const saved = settingsOf(moved(rows, 2, -1), merged);
    // The policy's community and its fixed retention stay the policy's: reading merges them back.
    expect(saved).toEqual({ communities: [community('two.example'), community('one.example')], keepMessagesPerRoom: 50 });
    expect(mergeSettings(POLICY, saved).stored.communities!.map((c) => c.origin)).toEqual(['https://company.example', 'https://two.example', 'https://one.example']);
  });

  it('keep a policy community the member signed in to, with their sign-in', () => {
    const policy = { communities: [{ circleUrl: 'https://app.circle.so', origin: 'https://company.example' }] };
    const local = { communities: [community('one.example'), community('company.example')] };
    const merged = mergeSettings(policy, local);
    const rows = rowsOf(merged);
    expect(rows.map((row) => [row.listed, row.policyOnly])).toEqual([[false, false], [true, false]]);
    expect([...rows[1]!.locked].sort()).toEqual(['circleUrl', 'origin']);
    expect(settingsOf(rows, merged).communities).toEqual(local.communities);
  });

  it('move among themselves, never above a community only the policy holds', () => {
    const rows = rowsOf(mergeSettings(POLICY, LOCAL));
    expect([0, 1, 2].map((i) => [canMove(rows, i, -1), canMove(rows, i, 1)])).toEqual([[false, false], [false, true], [true, false]]);
  });
});

describe('one community’s problems', () => {
  // The message keys stand in for the words: which problem is said is what is checked.
  beforeEach(() => {
    fakeBrowser.i18n.getMessage = ((key: string) => key) as typeof fakeBrowser.i18n.getMessage;
  });

  it('are its own, by field, judged in the list; another one signed out does not count', () => {
    const merged = mergeSettings(null, { communities: [{ ...community('one.example'), auth: undefined }, community('two.example')] });
    const rows = rowsOf(merged);
    expect(communityProblems(rows, 1, merged.stored)).toEqual(new Map());
    const added = withEntry(rows, 2, { ...community('two.example'), liveRooms: 500 });
    expect(communityProblems(added, 2, merged.stored)).toEqual(new Map([['origin', 'optionsErrorDuplicate'], ['liveRooms', 'optionsErrorNumber']]));
  });
});
