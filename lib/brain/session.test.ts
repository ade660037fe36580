// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { parsePreferences } from '../settings/preferences';
import { describeSession, type Session } from './session';

function session(overrides: Partial<Session> = {}, count = 4, tallies = { chats: 3, direct: 0, mentions: 0, waiting: 0, waitingDirect: 0 }): Session {
  return {
    settings: { circleUrl: 'https://app.circle.so' },
    api: { answeredAt: 1 },
    preferences: parsePreferences({}),
    member: { id: 7, community: 'https://app.circle.so/7', live: { count, cable: { state: 'connected', reason: 'welcome', attempts: 0 } }, tallies },
    ...overrides,
  } as unknown as Session;
}

const context = { online: true, startedAt: 1, now: 2 };

describe('describeSession', () => {
  it('shows Circle’s new count, or that plus unread chats when the member asked for it', () => {
    expect(describeSession(session(), context).badge).toEqual({ kind: 'count', count: 4, what: 'new' });
    const both = session({ preferences: parsePreferences({ badgeCounts: 'notifications-and-chats' }) });
    expect(describeSession(both, context)).toMatchObject({ badge: { kind: 'count', count: 7 }, status: { phase: 'live', count: 7 } });
  });

  it('counts what the mode asks for, and marks a count that holds a DM or a mention', () => {
    const tallies = { chats: 5, direct: 2, mentions: 1, waiting: 3, waitingDirect: 0 };
    const mode = (badgeCounts: string) => describeSession(session({ preferences: parsePreferences({ badgeCounts }) }, 4, tallies), context);
    expect(mode('dms-and-mentions')).toMatchObject({ badge: { kind: 'count', count: 3, what: 'unread', personal: true }, status: { count: 3 } });
    expect(mode('chats').badge).toEqual({ kind: 'count', count: 5, what: 'unread', personal: true });
    expect(mode('waiting').badge).toEqual({ kind: 'count', count: 3, what: 'waiting' });
    // Until Circle's count is known, every mode says "connecting".
    const early = session({ preferences: parsePreferences({ badgeCounts: 'chats' }) }, 4, tallies);
    (early.member!.live as { count?: number }).count = undefined;
    expect(describeSession(early, context).status.count).toBeUndefined();
  });

  it('lets a stop or an override win over the cable, and never puts a token in the status', () => {
    const stopped = session({ stopped: { phase: 'signed-out', reason: { code: 'signed_out' } } });
    expect(describeSession(stopped, context)).toMatchObject({ badge: { kind: 'signed-out' }, status: { phase: 'signed-out' } });
    expect(describeSession(undefined, { ...context, override: { phase: 'not-set-up', reason: { code: 'settings_incomplete', detail: 'auth' } } }).badge).toEqual({ kind: 'not-set-up' });
    expect(Object.keys(describeSession(session(), context).status)).not.toContain('tokens');
  });
});
