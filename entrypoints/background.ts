import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { ALARM_WATCHDOG, Brain } from '../lib/brain/brain';
import { isToBrain } from '../lib/host/messages';
import { consoleLogger } from '../lib/platform/logger';
import { offscreenHost } from '../lib/platform/offscreen-host';
import { pageHost } from '../lib/platform/page-host';
import { onSettingsChanged } from '../lib/platform/settings';

export default defineBackground(() => {
  // Listeners first and synchronously: a message or alarm may be what woke the worker.
  const brain: Brain = new Brain({
    host: import.meta.env.FIREFOX ? pageHost(() => brain) : offscreenHost(),
    fetch: (input, init) => fetch(input, init),
    online: () => navigator.onLine,
    logger: consoleLogger('background'),
  });
  browser.runtime.onMessage.addListener((message: unknown) => (isToBrain(message) ? brain.handle(message) : undefined));
  browser.alarms.onAlarm.addListener((alarm) => void brain.onAlarm(alarm.name));
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install') void browser.runtime.openOptionsPage();
  });
  onSettingsChanged(() => void brain.restart());
  addEventListener('online', () => void brain.online());

  void browser.alarms.get(ALARM_WATCHDOG).then((alarm) => {
    if (!alarm) void browser.alarms.create(ALARM_WATCHDOG, { periodInMinutes: 0.5 });
  });
  void brain.ready();
});
