import type { browser as Polyfilled } from 'wxt/browser';

/**
 * The browser's own extension API, for the modules the popup loads. The popup opens on every
 * toolbar click and must paint in a blink, and webextension-polyfill was a sixth of its
 * script (3.3 KB gzipped) while doing nothing for it: Firefox has `browser.*` natively, and
 * in Chrome MV3 every `chrome.*` call the popup makes (storage, i18n, runtime.sendMessage,
 * tabs.create, openOptionsPage) returns a promise. What the polyfill does add — a promise
 * returned from a `runtime.onMessage` listener on Chrome — ./listen does with `sendResponse`,
 * so runtime messaging takes its `browser` from here everywhere; the background's and the
 * options page's other modules keep `wxt/browser`. Every module the popup imports takes its
 * `browser` from here, even those the background shares (status, i18n): their calls need
 * nothing from the polyfill anywhere.
 * `npm run bench -- --only=size` lists a polyfill chunk for the popup if one stops doing so.
 */
type Browser = typeof Polyfilled;
const scope = globalThis as { browser?: { runtime?: { id?: string } }; chrome?: unknown };

export const browser = (scope.browser?.runtime?.id ? scope.browser : scope.chrome) as Browser;
