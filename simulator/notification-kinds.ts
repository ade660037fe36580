/**
 * The kinds of in-app notification the community produces, and how one is built from a few
 * fields. The seed and the control API both build notifications here, so they look alike.
 */
import type { Community, Member, Notification } from './model';

export interface NotificationKind {
  action: string;
  displayAction: string;
  notifiableType: string;
  /** Decision (Circle's meaning is unknown): the order in which a client joins the fields into a sentence. */
  textStructure: string[];
}

export const NOTIFICATION_KINDS = {
  mention: { action: 'mention', displayAction: 'mentioned you in', notifiableType: 'Comment', textStructure: ['actor_name', 'display_action', 'notifiable_title'] },
  comment: { action: 'comment', displayAction: 'commented on your post', notifiableType: 'Comment', textStructure: ['actor_name', 'display_action', 'notifiable_title'] },
  reply: { action: 'reply', displayAction: 'replied to your comment on', notifiableType: 'Comment', textStructure: ['actor_name', 'display_action', 'notifiable_title'] },
  like: { action: 'like', displayAction: 'liked your post', notifiableType: 'Post', textStructure: ['actor_name', 'display_action', 'notifiable_title'] },
  new_post: { action: 'new_post', displayAction: 'posted in', notifiableType: 'Post', textStructure: ['actor_name', 'display_action', 'space_title', 'notifiable_title'] },
  event_rsvp: { action: 'event_rsvp', displayAction: 'is attending your event', notifiableType: 'Event', textStructure: ['actor_name', 'display_action', 'notifiable_title'] },
} satisfies Record<string, NotificationKind>;

export type NotificationKindName = keyof typeof NOTIFICATION_KINDS;

export function isNotificationKind(value: string): value is NotificationKindName {
  return Object.hasOwn(NOTIFICATION_KINDS, value);
}

export interface NotificationSpec {
  kind: NotificationKindName;
  actor: Member;
  title: string;
  space: string;
  notifiableId: number;
  createdAt: Date;
  readAt?: Date | null;
}

export const slug = (text: string): string =>
  text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);

export function buildNotification(community: Community, memberId: number, spec: NotificationSpec): Notification {
  const kind = NOTIFICATION_KINDS[spec.kind];
  const post = `${community.webUrl}/c/${slug(spec.space)}/${slug(spec.title)}`;
  return {
    id: community.nextId('notification'),
    memberId,
    createdAt: spec.createdAt,
    readAt: spec.readAt ?? null,
    action: kind.action,
    displayAction: kind.displayAction,
    notifiableType: kind.notifiableType,
    notifiableId: spec.notifiableId,
    notifiableTitle: spec.title,
    actorName: spec.actor.name,
    actorImage: spec.actor.avatarUrl,
    spaceTitle: spec.space,
    textStructure: [...kind.textStructure],
    actionWebUrl: kind.notifiableType === 'Comment' ? `${post}#comment_${spec.notifiableId}` : post,
  };
}
