import { describe, expect, it } from 'vitest';
import { heard } from '../host/heard';
import { parsePreferences } from '../settings/preferences';
import type { Batch, HostItem } from '../wire/messages';
import type { ConnectionStatus } from '../wire/status';
import { earlyCount } from './early-badge';

const CIRCLE = 'https://community.example';
const COMMUNITY = `${CIRCLE}/7`;
const last: ConnectionStatus = { phase: 'live', community: COMMUNITY, circleUrl: CIRCLE, count: 4, startedAt: 0, updatedAt: 0 };
const notifications = parsePreferences({ badgeCounts: 'notifications' });
const count = (n: number, event = 'updateNewNotificationCount'): HostItem => heard('{"channel":"NotificationChannel"}', { event, new_notifications_count: n }, COMMUNITY, 0);
const batch = (...items: HostItem[]): Batch<HostItem> => ({ seq: 1, items, session: COMMUNITY });

describe('earlyCount', () => {
  it("is the batch's last count of new notifications", () => {
    expect(count(9).kind).toBe('event');
    expect(earlyCount(last, CIRCLE, batch(count(9), count(11)), notifications)).toBe(11);
    expect(earlyCount(last, CIRCLE, batch(count(9), count(0, 'resetNewNotificationCount')), notifications)).toBe(0);
    // A reconnecting worker that still showed its count counts as showing one.
    expect(earlyCount({ ...last, phase: 'reconnecting', cable: { attempts: 1 } as ConnectionStatus['cable'] }, CIRCLE, batch(count(9)), notifications)).toBe(9);
  });

  it('waits for the brain where the badge is not that count alone', () => {
    expect(earlyCount(last, CIRCLE, batch(count(9)), parsePreferences({ badgeCounts: 'notifications-and-chats' }))).toBeUndefined();
    expect(earlyCount(last, CIRCLE, batch(count(9)), undefined)).toBeUndefined();
  });

  it('waits where the last worker showed no count of this Circle and member', () => {
    const cases: (ConnectionStatus | undefined)[] = [
      undefined,
      { ...last, community: undefined },
      { ...last, phase: 'signed-out' },
      { ...last, phase: 'offline' },
      { ...last, phase: 'connecting', count: undefined },
      { ...last, storage: { problem: 'write' } },
      { ...last, circleUrl: 'https://other.example' },
    ];
    for (const status of cases) expect(earlyCount(status, CIRCLE, batch(count(9)), notifications)).toBeUndefined();
    expect(earlyCount(last, CIRCLE, { ...batch(count(9)), session: 'https://community.example/8' }, notifications)).toBeUndefined();
  });

  it('waits when the batch says the connection changed, or brings no count', () => {
    expect(earlyCount(last, CIRCLE, batch(count(9), { kind: 'resync', info: {} as never }), notifications)).toBeUndefined();
    expect(earlyCount(last, CIRCLE, batch({ kind: 'status', status: {} as never }, count(9)), notifications)).toBeUndefined();
    expect(earlyCount(last, CIRCLE, batch({ kind: 'set-aside', identifier: 'x', bytes: 2_000_000 }), notifications)).toBeUndefined();
    expect(earlyCount(last, CIRCLE, batch(), notifications)).toBeUndefined();
  });
});
