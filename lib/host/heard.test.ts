// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { heard } from './heard';

const ROOM = '{"channel":"ChatRoomChannel"}';
const COMMUNITY = 'http://circle.test/7';

describe('heard', () => {
  it('forwards a valid channel message as its event, in the community and at the time it was heard', () => {
    const item = heard('{"channel":"NotificationChannel"}', { event: 'updateNewNotificationCount', new_notifications_count: 4 }, COMMUNITY, 1_000);
    expect(item).toEqual({ kind: 'event', identifier: '{"channel":"NotificationChannel"}', event: { type: 'updateNewNotificationCount', count: 4, at: 1_000 } });
  });

  it('forwards a message no event comes of as a rejection with its reason and the raw message, for the Diagnostics', () => {
    const unknown = { event: 'somethingNew', payload: 1 };
    expect(heard(ROOM, unknown, COMMUNITY, 1)).toMatchObject({ kind: 'rejected', identifier: ROOM, message: unknown });
    const invalid = { event: 'newMessage', id: 'not a number' };
    expect(heard(ROOM, invalid, COMMUNITY, 1)).toEqual({ kind: 'rejected', identifier: ROOM, reason: 'invalid_newMessage', message: invalid });
  });
});
