import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { loadMergedPreferences, onPreferencesChanged, updatePreferences } from './preferences-storage';
import { checkPolicy, onSettingsChanged, PREFERENCES_POLICY_KEY } from './settings';

const policy = { defaults: { badgeCounts: 'chats', sound: true }, locked: ['badgeCounts'] };

describe('preferences with the policy last seen', () => {
  beforeEach(() => fakeBrowser.reset());

  it('a policy for the preferences is remembered apart: a preferences change, merged, and no settings change', async () => {
    await checkPolicy();
    const settingsHeard = vi.fn();
    const heard = vi.fn();
    onSettingsChanged(settingsHeard);
    onPreferencesChanged(heard);
    vi.spyOn(browser.storage.managed, 'get').mockImplementation((async () => ({ preferences: policy })) as never);
    await checkPolicy();
    await vi.waitFor(() => expect(heard).toHaveBeenCalledOnce());
    expect(heard.mock.calls[0]![0].preferences).toMatchObject({ badgeCounts: 'chats', sound: true });
    expect([...heard.mock.calls[0]![0].locked]).toEqual(['badgeCounts']);
    expect(settingsHeard).not.toHaveBeenCalled();
    await checkPolicy();
    expect(heard).toHaveBeenCalledOnce();
  });

  it('stores only the member\'s own choices; the merged read gives the policy\'s for the rest', async () => {
    await browser.storage.local.set({ [PREFERENCES_POLICY_KEY]: { managed: policy }, preferences: { doNotDisturb: true } });
    const loaded = await updatePreferences((current) => ({ ...current, sound: false, badgeCounts: 'notifications' }));
    expect((await browser.storage.local.get('preferences')).preferences).toEqual({ doNotDisturb: true, sound: false, ownOnly: true });
    expect(loaded.preferences).toMatchObject({ doNotDisturb: true, sound: false, badgeCounts: 'chats' });
    expect((await loadMergedPreferences()).preferences).toEqual(loaded.preferences);
  });
});
