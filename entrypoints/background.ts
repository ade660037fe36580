import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { showBadge } from '../lib/platform/badge';
import { loadSettings, onSettingsChanged } from '../lib/platform/settings';
import { writeStatus } from '../lib/platform/status';

async function reflectSettings() {
  const { result } = await loadSettings();
  const phase = result.ok ? 'connecting' : 'not-set-up';
  await Promise.all([
    writeStatus({ phase, updatedAt: Date.now() }),
    showBadge(result.ok ? { kind: 'connecting' } : { kind: 'not-set-up' }),
  ]);
}

export default defineBackground(() => {
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install') void browser.runtime.openOptionsPage();
  });
  onSettingsChanged(() => void reflectSettings());
  void reflectSettings();
});
