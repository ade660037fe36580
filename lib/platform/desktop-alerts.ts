import { browser } from 'wxt/browser';
import { browserIconDeps, iconData, type IconDeps } from './alert-icon';
import type { Alert } from '../wire/alert';

/** Which picture an alert went out with: `own-retry` when the browser refused its avatar. */
export type AlertIcon = 'avatar' | 'own' | 'own-retry';

/**
 * Desktop notifications. The alert id is the notification id, so a second message in a room
 * replaces the first instead of stacking. An alert is never lost to its picture: an avatar
 * that cannot be had, or that the browser will not show, gives way to our own icon.
 */
export async function raiseAlert(alert: Alert, deps: IconDeps = browserIconDeps): Promise<AlertIcon> {
  const own = browser.runtime.getURL('/icon/128.png');
  const avatar = await iconData(alert.iconUrl, deps);
  // Firefox has no context line: the community goes into the title there.
  const context = alert.community && !import.meta.env.FIREFOX ? { contextMessage: alert.community } : {};
  // Firefox refuses options it does not know, and `silent` is Chrome's.
  const silent = alert.silent && !import.meta.env.FIREFOX ? { silent: true } : {};
  const title = alert.community && import.meta.env.FIREFOX ? `${alert.title} · ${alert.community}` : alert.title;
  const create = (iconUrl: string) => browser.notifications.create(alert.id, { type: 'basic', iconUrl, title, message: alert.message, ...context, ...silent });
  if (!avatar) {
    await create(own);
    return 'own';
  }
  try {
    await create(avatar);
    return 'avatar';
  } catch {
    await create(own);
    return 'own-retry';
  }
}

export async function clearAlert(id: string): Promise<void> {
  await browser.notifications.clear(id);
}

/**
 * Opens a URL of the community, in its open tab when there is one (the host permission for
 * the community's domain lets us see it), else in a new tab.
 */
export async function openInCommunityTab(url: string): Promise<void> {
  const target = new URL(url);
  let tabs: { id?: number; windowId?: number }[] = [];
  try {
    tabs = await browser.tabs.query({ url: `${target.origin}/*` });
  } catch {
    // No permission for the community's host: a new tab it is.
  }
  const tab = tabs[0];
  if (tab?.id !== undefined) {
    await browser.tabs.update(tab.id, { url, active: true });
    if (tab.windowId !== undefined) await browser.windows.update(tab.windowId, { focused: true });
  } else {
    await browser.tabs.create({ url });
  }
}
