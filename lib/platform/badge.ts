import { browser } from 'wxt/browser';
import { badgeView, type BadgeState } from '../badge/badge';
import { t } from './i18n';

export async function showBadge(state: BadgeState): Promise<void> {
  const view = badgeView(state);
  await Promise.all([
    browser.action.setBadgeText({ text: view.text }),
    browser.action.setBadgeBackgroundColor({ color: view.color }),
    browser.action.setTitle({ title: t(view.title.key, view.title.substitution) }),
  ]);
}
