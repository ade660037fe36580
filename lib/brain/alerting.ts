import type { Logger } from '../cable';
import type { Change } from '../store/change';
import type { Message, Notification } from '../circle/model';
import type { Announced, Store } from '../store/store';
import type { ActionResult, MemberAction } from '../wire/messages';
import { alertActions, messageAlerts, notificationAlerts, roomUrl, showsRoom, type AlertContext } from './alert-rules';
import type { BrowserPort } from './port';

interface AlertingDeps {
  port: Pick<BrowserPort, 'preferences' | 'alerts' | 'quiet'>;
  store: Store;
  community: string;
  memberId: number;
  /** The whitelisted Origin: the community's web address in our model. */
  origin: string;
  logger: Logger;
  /** Now on Circle's clock, to tell news from replays. */
  now: number;
}

const MAX_ROOM_ALERTS_PER_BATCH = 3;

/** Desktop alerts for what a batch brought that is new: messages first seen live, new notifications. Resolves to how many went out. */
export async function raiseAlerts(change: Change, announced: Announced, deps: AlertingDeps): Promise<number> {
  const { store, community } = deps;
  // Read now, not cached: a mute or Do Not Disturb set a moment ago must already hold.
  // The batch's messages and rooms come as it committed them: re-reading them costs IndexedDB a
  // second pass over every record of a burst, while the next batch waits behind it.
  const [preferences, notifications] = await Promise.all([
    deps.port.preferences(),
    change.newNotifications.length ? store.notifications(community) : Promise.resolve([]),
  ]);
  const { messages: found, rooms } = announced;
  const ctx: AlertContext = {
    memberId: deps.memberId,
    now: deps.now,
    preferences,
    communityUrl: deps.origin,
    room: (uuid) => rooms.get(uuid),
  };
  const fresh = new Set(change.newNotifications);
  if (deps.port.quiet.now(preferences)) {
    if (preferences.alerts) await holdAlerts(found, notifications.filter((n) => fresh.has(n.id)), ctx, deps);
    return 0;
  }
  // A burst across many rooms raises a few alerts, not one per room per batch: each alert costs
  // the browser an icon fetch and decode, and nobody reads fifty at once. The popup has the rest.
  let roomAlerts = messageAlerts(found, ctx).slice(0, MAX_ROOM_ALERTS_PER_BATCH);
  // The member is reading that room in Circle already: Circle itself shows the message there.
  const looking = roomAlerts.length ? await deps.port.alerts.focusedTab(deps.origin) : undefined;
  if (looking) roomAlerts = roomAlerts.filter((alert) => !showsRoom(looking, deps.origin, alert.id.slice('room:'.length)));
  const alerts = [...roomAlerts, ...notificationAlerts(notifications.filter((n) => fresh.has(n.id)), ctx)];
  let raised = 0;
  for (const alert of alerts) {
    try {
      const { icon, buttons } = await deps.port.alerts.raise(alert);
      raised += 1;
      deps.logger.info?.('alert raised', { id: alert.id, icon, buttons });
    } catch (error) {
      deps.logger.warn?.('could not raise an alert', { id: alert.id, error: String(error) });
    }
  }
  // One sound for the batch, however many alerts it raised.
  if (raised && preferences.sound) {
    const played = await deps.port.alerts.sound().catch((error: unknown) => `failed: ${String(error)}`);
    deps.logger.info?.('alert sound', { played });
  }
  return raised;
}

/**
 * While the member is away, what would have alerted is counted instead: each message on its
 * own through the same rules (every message of a burst, not the few a batch raises), so the
 * summary's numbers are the messages that would have reached them.
 */
async function holdAlerts(messages: readonly Message[], notifications: readonly Notification[], ctx: AlertContext, deps: AlertingDeps): Promise<void> {
  const open: AlertContext = { ...ctx, preferences: { ...ctx.preferences, doNotDisturb: false } };
  const rooms = new Map<string, number>();
  for (const message of messages) if (messageAlerts([message], open).length > 0) rooms.set(message.roomUuid, (rooms.get(message.roomUuid) ?? 0) + 1);
  const held = notificationAlerts(notifications, open).length;
  if (rooms.size === 0 && held === 0) return;
  await deps.port.quiet.hold({ community: deps.community, rooms, notifications: held });
  deps.logger.info?.('alerts held', { rooms: rooms.size, notifications: held });
}

/** Where an alert's click goes, worked out again from its id: the worker may have restarted since. */
export async function openAlert(id: string, deps: { port: Pick<BrowserPort, 'alerts'>; origin: string; store: Store; community: string }): Promise<void> {
  let url: string | undefined;
  if (id.startsWith('room:')) url = roomUrl(deps.origin, id.slice('room:'.length));
  if (id.startsWith('notification:')) {
    const notification = (await deps.store.notifications(deps.community)).find((n) => `notification:${n.id}` === id);
    url = notification?.url && /^https?:\/\//i.test(notification.url) ? notification.url : undefined;
  }
  await deps.port.alerts.clear(id);
  if (url) await deps.port.alerts.openInCommunityTab(url);
}

interface ActingDeps {
  port: Pick<BrowserPort, 'alerts' | 'updatePreferences'>;
  /** The member actions the popup uses (./actions.ts), so Circle hears of a read the same way. */
  perform(request: MemberAction): Promise<ActionResult>;
  logger: Logger;
}

/**
 * A button of an alert: "Mark as read" marks its room or notification read at Circle, "Mute
 * room" mutes the room in the member's preferences. The alert goes either way: the member
 * dealt with it; a refusal is logged and the popup still shows the room unread.
 */
export async function actOnAlert(id: string, button: number, deps: ActingDeps): Promise<void> {
  const action = alertActions(id)[button];
  const room = id.startsWith('room:') ? id.slice('room:'.length) : undefined;
  const notification = id.startsWith('notification:') ? Number(id.slice('notification:'.length)) : undefined;
  if (action === 'mark-read') {
    const request: MemberAction | undefined = room !== undefined
      ? { action: 'mark-room-read', uuid: room }
      : notification !== undefined && Number.isSafeInteger(notification) ? { action: 'mark-notification-read', id: notification } : undefined;
    const result = request ? await deps.perform(request) : { ok: false as const, error: { code: 'not_in_cache' } };
    if (!result.ok) deps.logger.warn?.('an alert could not mark its room read', { id, error: result.error?.code });
  } else if (action === 'mute-room' && room !== undefined) {
    await deps.port.updatePreferences((current) => {
      const { [room]: _, ...roomAlerts } = current.roomAlerts;
      return { mutedRooms: current.mutedRooms.includes(room) ? current.mutedRooms : [...current.mutedRooms, room], roomAlerts };
    });
  } else {
    deps.logger.warn?.('an alert button nobody knows', { id, button });
  }
  await deps.port.alerts.clear(id);
}
