import type { Logger } from '../cable';
import type { Message } from '../circle/model';
import { clearAlert, openInCommunityTab, raiseAlert } from '../platform/alerts';
import { loadPreferences } from '../platform/preferences';
import type { Change } from '../store/change';
import type { Store } from '../store/store';
import { messageAlerts, notificationAlerts, type AlertContext } from './alerts';

interface AlertingDeps {
  store: Store;
  community: string;
  memberId: number;
  /** The whitelisted Origin: the community's web address in our model. */
  origin: string;
  logger: Logger;
  /** Now on Circle's clock, to tell news from replays. */
  now: number;
}

/** Desktop alerts for what a batch brought that is new: messages first seen live, new notifications. */
export async function raiseAlerts(change: Change, deps: AlertingDeps): Promise<void> {
  const { store, community } = deps;
  // Read now, not cached: a mute or Do Not Disturb set a moment ago must already hold.
  const [preferences, messages, notifications] = await Promise.all([
    loadPreferences(),
    Promise.all(change.announced.map((id) => store.message(community, id))),
    change.newNotifications.length ? store.notifications(community) : Promise.resolve([]),
  ]);
  const found = messages.filter((m): m is Message => m !== undefined);
  const rooms = new Map(await Promise.all([...new Set(found.map((m) => m.roomUuid))].map(async (uuid) => [uuid, await store.room(community, uuid)] as const)));
  const ctx: AlertContext = {
    memberId: deps.memberId,
    now: deps.now,
    preferences,
    communityUrl: deps.origin,
    room: (uuid) => rooms.get(uuid),
  };
  const fresh = new Set(change.newNotifications);
  const alerts = [...messageAlerts(found, ctx), ...notificationAlerts(notifications.filter((n) => fresh.has(n.id)), ctx)];
  for (const alert of alerts) {
    try {
      await raiseAlert(alert);
      deps.logger.info?.('alert raised', { id: alert.id, title: alert.title, message: alert.message });
    } catch (error) {
      deps.logger.warn?.('could not raise an alert', { id: alert.id, error: String(error) });
    }
  }
}

/** Where an alert's click goes, worked out again from its id: the worker may have restarted since. */
export async function openAlert(id: string, deps: { origin: string; store: Store; community: string }): Promise<void> {
  let url: string | undefined;
  if (id.startsWith('room:')) url = `${deps.origin.replace(/\/$/, '')}/messages/${encodeURIComponent(id.slice('room:'.length))}`;
  if (id.startsWith('notification:')) {
    const notification = (await deps.store.notifications(deps.community)).find((n) => `notification:${n.id}` === id);
    url = notification?.url && /^https?:\/\//i.test(notification.url) ? notification.url : undefined;
  }
  await clearAlert(id);
  if (url) await openInCommunityTab(url);
}
