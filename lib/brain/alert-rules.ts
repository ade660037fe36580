import type { Message, Notification, Room } from '../circle/model';
import { mentionedMemberIds, plainText } from '../circle/rich-text';
import type { Preferences } from '../settings/preferences';
import { isLoopbackHost } from '../settings/schema';
import type { Alert, AlertAction } from '../wire/alert';

export interface AlertContext {
  memberId: number;
  memberName?: string;
  now: number;
  preferences: Preferences;
  /** The community's web address: rooms open at `{community}/messages/{uuid}`. */
  communityUrl: string;
  room(uuid: string): Room | undefined;
}

/** Events replayed after this long (a backfill, a late duplicate) are history, not news. */
export const ALERT_MAX_AGE_MS = 5 * 60_000;
const MAX_TEXT = 180;

export const roomAlertId = (uuid: string) => `room:${uuid}`;
export const notificationAlertId = (id: number) => `notification:${id}`;

const ROOM_ACTIONS: readonly AlertAction[] = ['mark-read', 'mute-room'];
const NOTIFICATION_ACTIONS: readonly AlertAction[] = ['mark-read'];

/**
 * An alert's buttons, from its id alone: a button click reports only the id and an index, and
 * the worker that raised the alert may have stopped since.
 */
export function alertActions(id: string): readonly AlertAction[] {
  if (id.startsWith('room:')) return ROOM_ACTIONS;
  if (id.startsWith('notification:')) return NOTIFICATION_ACTIONS;
  return [];
}

/** Where a room opens in Circle. */
export function roomUrl(communityUrl: string, uuid: string): string {
  return `${communityUrl.replace(/\/$/, '')}/messages/${encodeURIComponent(uuid)}`;
}

/**
 * Whether a tab at `tabUrl` shows the room: the community's origin and the room's path
 * (Circle may add a query or a message's own path after it). A URL we cannot read shows nothing.
 */
export function showsRoom(tabUrl: string | undefined, communityUrl: string, uuid: string): boolean {
  if (!tabUrl) return false;
  try {
    const tab = new URL(tabUrl);
    const room = new URL(roomUrl(communityUrl, uuid));
    return tab.origin === room.origin && (tab.pathname === room.pathname || tab.pathname.startsWith(`${room.pathname}/`));
  } catch {
    return false;
  }
}

/** Whether a message in the room may raise an alert: the room's own choice first, then the member's general one. */
function wanted(room: Room | undefined, mentioned: () => boolean, uuid: string, prefs: Preferences): boolean {
  if (prefs.mutedRooms.includes(uuid)) return false;
  const choice = prefs.roomAlerts[uuid];
  if (choice === 'every') return true;
  if (choice === 'mentions') return mentioned();
  return !prefs.onlyDmsAndMentions || room?.kind === 'direct' || mentioned();
}

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_TEXT ? `${flat.slice(0, MAX_TEXT - 1)}…` : flat;
}

/** A raster data URL, or a URL to fetch it from: https, or plain http on loopback as settings allow. */
function rasterIcon(url: string | undefined): string | undefined {
  if (!url || /^data:image\/(png|jpeg|gif|webp);/i.test(url)) return url;
  try {
    const { protocol, hostname } = new URL(url);
    return protocol === 'https:' || (protocol === 'http:' && isLoopbackHost(hostname)) ? url : undefined;
  } catch {
    return undefined;
  }
}

function httpUrl(url: string | undefined): string | undefined {
  try {
    return url && /^https?:$/.test(new URL(url).protocol) ? url : undefined;
  } catch {
    return undefined;
  }
}

export function messageAlerts(messages: readonly Message[], ctx: AlertContext): Alert[] {
  const { preferences: prefs } = ctx;
  if (!prefs.alerts || prefs.doNotDisturb) return [];
  const latest = new Map<string, { message: Message; count: number }>();
  for (const message of messages) {
    if (message.deleted || message.sender?.memberId === ctx.memberId) continue;
    if (ctx.now - message.sentAt > ALERT_MAX_AGE_MS) continue;
    const room = ctx.room(message.roomUuid);
    if (room?.archived) continue;
    if (!wanted(room, () => mentionedMemberIds(message.richText).has(ctx.memberId), message.roomUuid, prefs)) continue;
    const seen = latest.get(message.roomUuid);
    if (!seen || seen.message.sentAt <= message.sentAt) latest.set(message.roomUuid, { message, count: (seen?.count ?? 0) + 1 });
    else seen.count += 1;
  }
  return [...latest.values()].map(({ message, count }) => {
    const room = ctx.room(message.roomUuid);
    const sender = message.sender?.name || 'Someone';
    const direct = room?.kind === 'direct';
    const more = count > 1 ? ` (+${count - 1})` : '';
    return {
      id: roomAlertId(message.roomUuid),
      title: direct || !room?.name ? sender : room.name,
      message: clip(`${direct ? '' : `${sender}: `}${plainText(message.richText, message.body) || '…'}`) + more,
      url: roomUrl(ctx.communityUrl, message.roomUuid),
      iconUrl: rasterIcon(message.sender?.avatarUrl),
      actions: ROOM_ACTIONS,
    };
  });
}

export function notificationAlerts(notifications: readonly Notification[], ctx: AlertContext): Alert[] {
  const { preferences: prefs } = ctx;
  if (!prefs.alerts || prefs.doNotDisturb) return [];
  return notifications
    .filter((n) => !n.readAt && ctx.now - n.createdAt <= ALERT_MAX_AGE_MS)
    .filter((n) => !prefs.onlyDmsAndMentions || /mention/i.test(`${n.action ?? ''} ${n.displayAction ?? ''}`))
    .map((n) => ({
      id: notificationAlertId(n.id),
      title: n.actorName || n.spaceTitle || 'Circle',
      message: clip([n.displayAction, n.notifiableTitle ?? n.text].filter(Boolean).join(' ') || n.text || ''),
      url: httpUrl(n.url),
      iconUrl: rasterIcon(n.actorImage),
      actions: NOTIFICATION_ACTIONS,
    }));
}
