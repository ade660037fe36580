import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { checkPolicy, loadSettings, onSettingsChanged, POLICY_KEY } from './settings';

const policy = { circleUrl: 'https://app.circle.so', origin: 'https://community.example' };
const mine = { circleUrl: 'https://mine.example', origin: 'https://mine.example', auth: { mode: 'appToken', appToken: 't', email: 'a@b.c' } };

describe('settings with the policy last seen', () => {
  beforeEach(() => fakeBrowser.reset());

  it('paints from storage.local alone once a policy was remembered: storage.managed is not waited for', async () => {
    await browser.storage.local.set({ settings: mine, [POLICY_KEY]: { managed: policy } });
    const managed = vi.spyOn(browser.storage.managed, 'get').mockImplementation((() => new Promise(() => {})) as never);
    const loaded = await loadSettings();
    expect(managed).not.toHaveBeenCalled();
    expect(loaded.stored.communities?.[0]).toMatchObject({ circleUrl: policy.circleUrl, origin: policy.origin, auth: mine.auth });
    expect([...loaded.locked]).toEqual(['communities.0', 'communities.0.circleUrl', 'communities.0.origin']);
  });

  it('does not wait for a policy never read either (just installed); a check remembers that there is none', async () => {
    await browser.storage.local.set({ settings: mine });
    const managed = vi.spyOn(browser.storage.managed, 'get').mockImplementation((async () => {
      throw new Error('Managed storage manifest not found');
    }) as never);
    expect((await loadSettings()).stored).toEqual({ communities: [mine] });
    expect(managed).not.toHaveBeenCalled();
    await checkPolicy();
    expect((await browser.storage.local.get(POLICY_KEY))[POLICY_KEY]).toEqual({ managed: null });
  });

  it('a policy that arrives late wins through one settings change; the same policy again changes nothing', async () => {
    await browser.storage.local.set({ settings: mine, [POLICY_KEY]: { managed: null } });
    const heard = vi.fn();
    onSettingsChanged(heard);
    vi.spyOn(browser.storage.managed, 'get').mockImplementation((async () => ({ settings: policy })) as never);
    await checkPolicy();
    await vi.waitFor(() => expect(heard).toHaveBeenCalledTimes(1));
    expect((await loadSettings()).stored.communities?.[0]?.circleUrl).toBe(policy.circleUrl);
    await checkPolicy();
    await checkPolicy();
    expect(heard).toHaveBeenCalledTimes(1);
  });
});
