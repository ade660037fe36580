import { browser } from './native-browser';

export type MessageKey = Parameters<typeof browser.i18n.getMessage>[0];

/** A message from `_locales`; the key itself when it is missing, so a gap is visible, not blank. */
export function t(key: MessageKey, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}

/** A message whose key is made from data (a reason's code): undefined when the locale has none. */
export function tIfAny(key: string, substitutions?: string | string[]): string | undefined {
  return browser.i18n.getMessage(key as MessageKey, substitutions) || undefined;
}
