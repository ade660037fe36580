import { browser } from 'wxt/browser';
import { browserIconDeps, iconData, type IconDeps } from './alert-icon';
import { t } from './i18n';
import type { Alert, AlertAction } from '../wire/alert';

const BUTTON_TITLES: Record<AlertAction, 'alertsMarkRead' | 'alertsMuteRoom'> = { 'mark-read': 'alertsMarkRead', 'mute-room': 'alertsMuteRoom' };

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
  const shown = buttonsOf(alert);
  const buttons = shown.length ? { buttons: shown } : {};
  const create = (iconUrl: string) => browser.notifications.create(alert.id, { type: 'basic', iconUrl, title, message: alert.message, ...context, ...silent, ...buttons });
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

/** The buttons an alert goes out with: none on Firefox, which shows none (and refuses the option); a click opens the room there. */
export function buttonsOf(alert: Alert): { title: string }[] {
  return import.meta.env.FIREFOX ? [] : (alert.actions ?? []).map((action) => ({ title: t(BUTTON_TITLES[action]) }));
}

/** What the brain logs of an alert raised: its picture and how many buttons it really has. */
export async function raiseAlertSaying(alert: Alert): Promise<{ icon: AlertIcon; buttons: number }> {
  return { icon: await raiseAlert(alert), buttons: buttonsOf(alert).length };
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

/**
 * The address of the focused window's active tab, when it is on `origin`. The browser tells
 * it only for a host the extension holds a permission for (no `tabs` permission is asked
 * for): without one, nothing, and the alert is raised as before. A browser not in the
 * foreground has no focused window: the member is elsewhere, and is told.
 */
export async function focusedTab(origin: string): Promise<string | undefined> {
  try {
    const { protocol, hostname } = new URL(origin);
    const window = await browser.windows.getLastFocused();
    if (!window.focused || window.id === undefined) return undefined;
    // By host alone: match patterns take no port in Firefox; the brain compares the whole origin.
    const [tab] = await browser.tabs.query({ active: true, windowId: window.id, url: `${protocol}//${hostname}/*` });
    return tab?.url;
  } catch {
    return undefined;
  }
}
