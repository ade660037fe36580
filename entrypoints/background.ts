import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { ALARM_WATCHDOG, Communities } from '../lib/brain/communities';
import { browserPort } from '../lib/platform/brain-port';
import { consoleLogger } from '../lib/platform/logger';
import { offscreenHost } from '../lib/platform/offscreen-host';
import { openOptions } from '../lib/platform/options-page';
import { pageHost } from '../lib/platform/page-host';
import { onHostPermissionsChanged } from '../lib/platform/permissions';
import { listen } from '../lib/platform/listen';
import { mayAskBrain } from '../lib/platform/runtime-link';
import { onPreferencesChanged } from '../lib/platform/preferences-storage';
import { checkPolicy, onSettingsChanged } from '../lib/platform/settings';

export default defineBackground(() => {
  // Listeners first and synchronously: a message or alarm may be what woke the worker.
  const logger = consoleLogger('background');
  const brain: Communities = new Communities({
    host: import.meta.env.FIREFOX ? pageHost(() => brain) : offscreenHost(),
    port: browserPort(),
    fetch: (input, init) => fetch(input, init),
    online: () => navigator.onLine,
    logger,
  });
  if (import.meta.env.FIREFOX) {
    // Firefox suspends the event page (and so closes its socket) after 30 s without an
    // extension API call; say so in the console, where a dropped connection is looked into
    // and where the e2e harness sees it. Chrome's service worker gets no onSuspend.
    browser.runtime.onSuspend.addListener(() => logger.info?.('event page suspending'));
  }
  listen('brain', mayAskBrain, (message, sender) => brain.handle(message, sender.tab?.id));
  browser.alarms.onAlarm.addListener((alarm) => void brain.onAlarm(alarm.name));
  // A browser start and an update each load this script afresh, which boots below; the
  // listener is what makes them load it at all: Firefox starts an event page at browser
  // start only for an onStartup listener, and nothing else would wake a Chrome worker whose
  // offscreen document and session rule died with the last session (docs/platform.md).
  browser.runtime.onStartup.addListener(() => {
    logger.info?.('browser started');
    brain.browserStarted();
  });
  browser.runtime.onInstalled.addListener(({ reason, previousVersion }) => {
    if (reason === 'install') void openOptions(logger);
    if (reason === 'update') logger.info?.('updated', { from: previousVersion, to: browser.runtime.getManifest().version });
  });
  browser.notifications.onClicked.addListener((id) => void brain.alertClicked(id));
  // Firefox has no alert buttons (and no such event).
  if (!import.meta.env.FIREFOX) browser.notifications.onButtonClicked.addListener((id, button) => void brain.alertButton(id, button));
  // Local flavour only (tests, demo): headless browsers show no notification to click.
  if (import.meta.env.CIRCLE_LIVE_LOCAL) {
    Object.assign(globalThis, { circleLiveTest: { clickAlert: (id: string) => brain.alertClicked(id), clickAlertButton: (id: string, button: number) => brain.alertButton(id, button) } });
  }
  onSettingsChanged(() => void brain.settingsChanged());
  onHostPermissionsChanged(() => void brain.permissionsChanged());
  onPreferencesChanged(({ preferences }) => void brain.preferencesChanged(preferences));
  addEventListener('online', () => void brain.online());

  // Firefox keeps no alarm across a browser restart; the token refresh alarm is set again by
  // the boot, which applies the tokens.
  void browser.alarms.get(ALARM_WATCHDOG).then((alarm) => {
    if (!alarm) void browser.alarms.create(ALARM_WATCHDOG, { periodInMinutes: 0.5 });
  });
  void brain.ready();
  // Beside the boot, not in its way: a policy read for the first time, or changed, restarts it
  // (lib/platform/settings).
  void checkPolicy();
});
