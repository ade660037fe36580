// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { openEnvelope } from './envelope';

const record = { id: 7, chat_room_uuid: 'r-1', body: 'hi' };

describe('openEnvelope', () => {
  it.each([
    ['event beside the fields', { event: 'newMessage', ...record }],
    ['type beside the fields', { type: 'newMessage', ...record }],
    ['event with data', { event: 'newMessage', data: record }],
    ['record keyed by kind', { event: 'newMessage', message: record }],
  ])('opens %s', (_, message) => {
    expect(openEnvelope(message)).toEqual({ ok: true, event: 'newMessage', payload: record });
  });

  it('keeps scalar payloads flat', () => {
    expect(openEnvelope({ event: 'updateNewNotificationCount', new_notifications_count: 4 })).toEqual({
      ok: true,
      event: 'updateNewNotificationCount',
      payload: { new_notifications_count: 4 },
    });
  });

  it('rejects with a reason, never throws', () => {
    expect(openEnvelope('text')).toEqual({ ok: false, reason: 'not_an_object' });
    expect(openEnvelope([1])).toEqual({ ok: false, reason: 'not_an_object' });
    expect(openEnvelope({ id: 1 })).toEqual({ ok: false, reason: 'no_event_name' });
    expect(openEnvelope({ event: 'somethingNew', id: 1 })).toEqual({ ok: false, reason: 'unknown_event', name: 'somethingNew' });
    expect(openEnvelope({ event: '__proto__' })).toMatchObject({ ok: false, reason: 'unknown_event' });
  });
});
