// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../index';
import { DEMO } from '../index';
import type { PageEnvelope } from '../paging';
import type { NotificationRecord } from '../records';
import { ids, memberApi, messagesWithin, nextMessage, startTestSim, subscribedCable } from './helpers';

interface Counts {
  new_notifications_count: number;
  new_mentions_count: number;
  new_inbox_count: number;
}

let sim: Simulator;
let api: ReturnType<typeof memberApi>;
beforeEach(async () => {
  sim = await startTestSim();
  api = memberApi(sim, sim.issueTokens(DEMO.memberId).access_token);
});
afterEach(() => sim.stop());

const NOTIFICATION_KEYS = [
  'id', 'created_at', 'read_at', 'action', 'display_action', 'notifiable_type', 'notifiable_id', 'notifiable_title',
  'actor_name', 'actor_image', 'space_title', 'notification_text_structure', 'action_web_url',
  'space_id', 'second_actor_name', 'second_actor_image', 'notifiable',
];

describe('GET /notifications', () => {
  it('pages the member\'s notifications, newest first, with Circle\'s record shape', async () => {
    const { status, body } = await api.get<PageEnvelope<NotificationRecord>>('/notifications?per_page=10');
    expect(status).toBe(200);
    expect(body).toMatchObject({ page: 1, per_page: 10, has_next_page: true, count: 36, page_count: 4 });
    expect(Object.keys(body.records[0] ?? {}).sort()).toEqual([...NOTIFICATION_KEYS].sort());
    const times = body.records.map((n) => Date.parse(n.created_at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(body.records[0]?.action_web_url.startsWith(DEMO.origin)).toBe(true);
    const last = await api.get<PageEnvelope<NotificationRecord>>('/notifications?per_page=10&page=4');
    expect(last.body).toMatchObject({ has_next_page: false });
    expect(last.body.records).toHaveLength(6);
    expect((await api.get<PageEnvelope<NotificationRecord>>('/notifications?page=5&per_page=10')).body.records).toEqual([]);
  });

  it('sorts oldest first and filters read and unread', async () => {
    const oldest = (await api.get<PageEnvelope<NotificationRecord>>('/notifications?sort=oldest&per_page=100')).body.records;
    const times = oldest.map((n) => Date.parse(n.created_at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const read = (await api.get<PageEnvelope<NotificationRecord>>('/notifications?status=read&per_page=100')).body;
    const unread = (await api.get<PageEnvelope<NotificationRecord>>('/notifications?status=unread&per_page=100')).body;
    expect(read.records.every((n) => n.read_at !== null)).toBe(true);
    expect(unread.records.every((n) => n.read_at === null)).toBe(true);
    expect(read.count + unread.count).toBe(36);
    expect(read.count).toBeGreaterThan(0);
    expect(unread.count).toBeGreaterThan(0);
  });

  it('answers 422 for an unknown sort or status and bad paging', async () => {
    for (const query of ['sort=newest', 'status=seen', 'per_page=0']) expect((await api.get(`/notifications?${query}`)).status).toBe(422);
  });
});

describe('counts, reset and marking read', () => {
  it('new_notifications_count gives the three counts', async () => {
    const { body } = await api.get<Counts>('/notifications/new_notifications_count');
    expect(body.new_notifications_count).toBeGreaterThan(0);
    expect(body.new_inbox_count).toBe((await api.get<{ chat_rooms: string[] }>('/messages/unread_chat_rooms')).body.chat_rooms.length);
    expect(typeof body.new_mentions_count).toBe('number');
  });

  it('reset answers 0, zeroes the count and emits resetNewNotificationCount; read_at is untouched', async () => {
    const cable = await subscribedCable(sim, DEMO.memberId, [ids.notifications(DEMO.memberId)]);
    const unreadBefore = (await api.get<PageEnvelope<NotificationRecord>>('/notifications?status=unread')).body.count;
    expect(await api.post('/notifications/reset_new_notifications_count')).toMatchObject({ status: 200, body: { new_notifications_count: 0 } });
    expect(await nextMessage(cable, ids.notifications(DEMO.memberId))).toEqual({ event: 'resetNewNotificationCount', new_notifications_count: 0 });
    expect((await api.get<Counts>('/notifications/new_notifications_count')).body.new_notifications_count).toBe(0);
    expect((await api.get<PageEnvelope<NotificationRecord>>('/notifications?status=unread')).body.count).toBe(unreadBefore);
    cable.close();
  });

  it('mark_as_read reads one and lowers the new count with updateNewNotificationCount; 404 for others\' and unknown', async () => {
    const cable = await subscribedCable(sim, DEMO.memberId, [ids.notifications(DEMO.memberId)]);
    const before = (await api.get<Counts>('/notifications/new_notifications_count')).body.new_notifications_count;
    const [newest] = (await api.get<PageEnvelope<NotificationRecord>>('/notifications?status=unread')).body.records;
    const read = await api.post<NotificationRecord>(`/notifications/${newest?.id}/mark_as_read`);
    expect(read.body).toMatchObject({ id: newest?.id, read_at: expect.any(String) });
    expect(await nextMessage(cable, ids.notifications(DEMO.memberId))).toEqual({ event: 'updateNewNotificationCount', new_notifications_count: before - 1 });
    expect((await api.post(`/notifications/${newest?.id}/mark_as_read`)).status).toBe(200);
    expect(await messagesWithin(cable, ids.notifications(DEMO.memberId))).toEqual([]);
    const someoneElses = [...sim.community.notifications.values()].find((n) => n.memberId !== DEMO.memberId);
    expect((await api.post(`/notifications/${someoneElses?.id}/mark_as_read`)).status).toBe(404);
    expect(await api.post('/notifications/1/mark_as_read')).toMatchObject({ status: 404, body: { success: false, message: 'Oops! Missing record. Please try again later.', error_details: { message: 'Missing record: notification' } } });
    cable.close();
  });

  it('mark_all_as_read reads everything', async () => {
    expect((await api.post('/notifications/mark_all_as_read')).status).toBe(200);
    expect((await api.get<PageEnvelope<NotificationRecord>>('/notifications?status=unread')).body.count).toBe(0);
    expect((await api.get<Counts>('/notifications/new_notifications_count')).body.new_notifications_count).toBe(0);
  });
});

describe('GET /community_member', () => {
  it('is the signed-in member', async () => {
    const { body } = await api.get<Record<string, unknown>>('/community_member');
    expect(body).toMatchObject({ id: DEMO.memberId, name: DEMO.name, email: DEMO.email, community_id: DEMO.communityId, avatar_url: expect.stringMatching(/^data:image\/svg\+xml/) });
  });
});
