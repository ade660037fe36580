import { browser } from './native-browser';
import type { Logger } from '../cable';

/**
 * Opens the options page. Chromium's `openOptionsPage` rejects ("Could not create an options
 * page") when it finds no normal window to put the tab in: right after the browser starts, or
 * from a popup whose window is not a tabbed one. A tab, then a window of its own, always works.
 */
export async function openOptions(logger?: Logger): Promise<void> {
  try {
    await browser.runtime.openOptionsPage();
    return;
  } catch (error) {
    logger?.warn?.('the browser could not open the options page; opening it in a tab', { error: String(error) });
  }
  const url = browser.runtime.getURL('/options.html');
  try {
    await browser.tabs.create({ url });
  } catch {
    await browser.windows.create({ url });
  }
}
