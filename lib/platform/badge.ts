import { browser } from 'wxt/browser';
import { communitiesBadgeView, type BadgeState } from '../badge/badge';
import { t } from './i18n';

export async function showBadge(lines: { label: string; state: BadgeState }[]): Promise<void> {
  const view = communitiesBadgeView(lines);
  const head = view.lines ? [t('extName'), ...view.lines.map((line) => `${line.label}: ${t(line.key, line.substitution)}`)] : [t(view.title.key, view.title.substitution)];
  const title = [...head, ...(view.note ? [t(view.note)] : [])].join('\n');
  await Promise.all([
    browser.action.setBadgeText({ text: view.text }),
    browser.action.setBadgeBackgroundColor({ color: view.color }),
    browser.action.setTitle({ title }),
  ]);
}
