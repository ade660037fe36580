/**
 * The notification half of Circle's member API, and the signed-in member's own record.
 */
import { requireMember } from './auth';
import type { SimContext } from './context';
import { missingRecord, unprocessable } from './errors';
import type { Route } from './http';
import { json, param } from './http';
import { communityMemberRecord } from './member-record';
import type { Notification } from './model';
import { paginate } from './paging';
import { MEMBER_API } from './rest-chat';

const STATUSES = ['all', 'read', 'unread'] as const;
const SORTS = ['latest', 'oldest'] as const;

function oneOf<T extends string>(value: string | null, allowed: readonly T[], fallback: T, name: string): T {
  if (value === null || value === '') return fallback;
  const found = allowed.find((item) => item === value);
  if (!found) throw unprocessable(`${name} must be one of ${allowed.join(', ')}.`, { [name]: ['is invalid'] });
  return found;
}

export function notificationRoutes(ctx: SimContext): Route[] {
  const { community, records, actions } = ctx;
  const route = (method: string, pattern: string, handler: Route['handler']): Route => ({ method, pattern: `${MEMBER_API}${pattern}`, handler });

  const counts = (memberId: number) => {
    const fresh = community.newNotifications(memberId);
    return {
      new_notifications_count: fresh.length,
      // Decision: mentions among the new ones; the inbox is the member's rooms with unread messages.
      new_mentions_count: fresh.filter((notification) => notification.action === 'mention').length,
      new_inbox_count: community.roomsOf(memberId).filter((room) => community.unreadCount(room, memberId) > 0).length,
    };
  };

  return [
    route('GET', '/notifications', (req) => {
      const member = requireMember(ctx, req);
      const status = oneOf(req.query.get('status'), STATUSES, 'all', 'status');
      const sort = oneOf(req.query.get('sort'), SORTS, 'latest', 'sort');
      const keep = (notification: Notification): boolean =>
        status === 'all' || (status === 'read') === (notification.readAt !== null);
      const direction = sort === 'latest' ? -1 : 1;
      const list = community
        .notificationsOf(member.id)
        .filter(keep)
        .sort((a, b) => direction * (a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id));
      return json(paginate(list, req.query, (notification) => records.notification(notification)));
    }),
    route('GET', '/notifications/new_notifications_count', (req) => json(counts(requireMember(ctx, req).id))),
    route('POST', '/notifications/reset_new_notifications_count', (req) => {
      actions.resetNewNotifications(requireMember(ctx, req).id);
      return json({ new_notifications_count: 0 });
    }),
    route('POST', '/notifications/mark_all_as_read', (req) => {
      actions.markAllNotificationsRead(requireMember(ctx, req).id);
      return json({ success: true });
    }),
    route('POST', '/notifications/:id/mark_as_read', (req) => {
      const member = requireMember(ctx, req);
      const raw = param(req, 'id');
      const notification = /^\d+$/.test(raw) ? community.notifications.get(Number(raw)) : undefined;
      if (!notification || notification.memberId !== member.id) throw missingRecord('notification');
      actions.markNotificationRead(notification);
      return json(records.notification(notification));
    }),
    route('GET', '/community_member', (req) => json(communityMemberRecord(requireMember(ctx, req), community.id))),
  ];
}
