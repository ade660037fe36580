// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CircleEvent, EnvelopeVariant, Simulator } from '../index';
import { DEMO, ENVELOPE_VARIANTS, wrapEvent } from '../index';
import { control, ids, nextMessage, startTestSim, subscribedCable } from './helpers';

const record = { id: 1, body: 'hi' } as unknown as Extract<CircleEvent, { name: 'newMessage' }>['payload'];

describe('wrapEvent', () => {
  it('puts the name beside flat fields (event, type), under data, or the record under its kind (keyed)', () => {
    const event: CircleEvent = { name: 'newMessage', payload: record };
    expect(wrapEvent('event', event)).toEqual({ event: 'newMessage', id: 1, body: 'hi' });
    expect(wrapEvent('type', event)).toEqual({ type: 'newMessage', id: 1, body: 'hi' });
    expect(wrapEvent('data', event)).toEqual({ event: 'newMessage', data: { id: 1, body: 'hi' } });
    expect(wrapEvent('keyed', event)).toEqual({ event: 'newMessage', message: { id: 1, body: 'hi' } });
  });

  it('keys rooms as chat_room and notifications as notification; scalar payloads stay flat', () => {
    const room = { uuid: 'u' } as unknown as Extract<CircleEvent, { name: 'chatRoomCreated' }>['payload'];
    const notification = { id: 9 } as unknown as Extract<CircleEvent, { name: 'newNotification' }>['payload'];
    expect(wrapEvent('keyed', { name: 'chatRoomCreated', payload: room })).toEqual({ event: 'chatRoomCreated', chat_room: { uuid: 'u' } });
    expect(wrapEvent('keyed', { name: 'newNotification', payload: notification })).toEqual({ event: 'newNotification', notification: { id: 9 } });
    expect(wrapEvent('keyed', { name: 'chatRoomRead', payload: { chat_room_uuid: 'u' } })).toEqual({ event: 'chatRoomRead', chat_room_uuid: 'u' });
    expect(wrapEvent('keyed', { name: 'updateNewNotificationCount', payload: { new_notifications_count: 3 } })).toEqual({ event: 'updateNewNotificationCount', new_notifications_count: 3 });
    expect(wrapEvent('keyed', { name: 'deletedMessage', payload: { id: 4, parent_message: null } })).toEqual({ event: 'deletedMessage', id: 4, parent_message: null });
    expect(wrapEvent('data', { name: 'chatThreadRead', payload: { chat_thread_id: 5 } })).toEqual({ event: 'chatThreadRead', data: { chat_thread_id: 5 } });
  });
});

describe('choosing the envelope', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startTestSim({ envelope: 'keyed' });
  });
  afterAll(() => sim.stop());

  it('at start (keyed) and at run time through POST /_sim/envelope', async () => {
    const cable = await subscribedCable(sim, DEMO.memberId, [ids.notifications(DEMO.memberId)]);
    const notify = () => control(sim, 'POST', '/notifications', { community_member_id: DEMO.memberId });
    const expectations: Record<EnvelopeVariant, (message: Record<string, unknown>) => void> = {
      keyed: (m) => expect(m).toMatchObject({ event: 'newNotification', notification: { action: 'mention' } }),
      event: (m) => expect(m).toMatchObject({ event: 'newNotification', action: 'mention' }),
      type: (m) => expect(m).toMatchObject({ type: 'newNotification', action: 'mention' }),
      data: (m) => expect(m).toMatchObject({ event: 'newNotification', data: { action: 'mention' } }),
    };
    for (const variant of ['keyed', ...ENVELOPE_VARIANTS.filter((v) => v !== 'keyed')] as EnvelopeVariant[]) {
      if (variant !== 'keyed') expect(await control(sim, 'POST', '/envelope', { variant })).toMatchObject({ status: 200, body: { envelope: variant } });
      await notify();
      expectations[variant](await nextMessage(cable, ids.notifications(DEMO.memberId)));
      await nextMessage(cable, ids.notifications(DEMO.memberId));
    }
    expect((await control(sim, 'POST', '/envelope', { variant: 'xml' })).status).toBe(422);
    cable.close();
  });
});
