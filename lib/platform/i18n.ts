import { browser } from './native-browser';

export type MessageKey = Parameters<typeof browser.i18n.getMessage>[0];

/** A message from `_locales`; the key itself when it is missing, so a gap is visible, not blank. */
export function t(key: MessageKey, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}
