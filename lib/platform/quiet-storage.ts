import { browser } from 'wxt/browser';
import type { QuietStorage } from '../quiet/held';
import { summaryWords } from '../quiet/summary';
import { t } from './i18n';

/** storage.local, not session: the tally must outlive the browser closing during quiet hours. */
const KEY = 'quietHeld';

export const quietStorage: QuietStorage = {
  read: async () => (await browser.storage.local.get(KEY))[KEY],
  write: async (held) => (held ? browser.storage.local.set({ [KEY]: held }) : browser.storage.local.remove(KEY)),
  words: (summary) => summaryWords(summary, browser.i18n.getUILanguage(), t),
  zone: () => Intl.DateTimeFormat().resolvedOptions().timeZone,
};
