import { DEMO, demoSettings, liveConnection, localCircle, type Simulator } from '../circle';
import { launchFirefox, type FirefoxSession } from './harness';
import { expect, linesWithTokens, test } from './fixtures';

/**
 * A community's policy pre-configures the extension through `storage.managed`: with nothing in
 * `storage.local`, the policy's settings alone sign the member in and go live, and the options
 * page shows them fixed. The simulator's port must be in the policy, so Firefox starts after it.
 */
let sim: Simulator;
let firefox: FirefoxSession | undefined;
test.beforeEach(async () => {
  firefox = undefined;
  sim = await localCircle();
});
test.afterEach(async () => {
  await firefox?.close();
  await sim.stop();
});

test('a policy in managed storage signs in and goes live; the options page shows its fields fixed, its locked badge mode too, and no Sign out', async () => {
  const preferences = { defaults: { badgeCounts: 'notifications-and-chats' }, locked: ['badgeCounts'] };
  firefox = await launchFirefox({ managed: { settings: demoSettings(sim), preferences } });
  const connection = await liveConnection(sim);
  expect(connection).toMatchObject({ community_member_id: DEMO.memberId, origin: DEMO.origin, authorization_header: true });
  expect(await firefox.storage('settings')).toEqual({});

  const page = await firefox.bridge();
  await page.evaluate(() => void (location.href = '/options.html'));
  await page.waitForFunction(() => document.querySelector('h1')?.textContent?.includes('Circle Live'), { polling: 100, timeout: 10_000 });
  const form = await page.waitForFunction(() => {
    const circleUrl = document.querySelector<HTMLInputElement>('#circleUrl');
    return circleUrl && { circleUrl: circleUrl.value, disabled: circleUrl.disabled, text: document.body.innerText, buttons: [...document.querySelectorAll('button')].map((b) => b.textContent) };
  }, { polling: 100, timeout: 10_000 }).then(async (handle) => (await handle.jsonValue())!);
  expect(form).toMatchObject({ circleUrl: sim.url, disabled: true });
  expect(form.text).toContain('Your organization signs you in');
  expect(form.buttons.some((text) => /sign out/i.test(text ?? ''))).toBe(false);
  // Firefox checks no policy against managed_schema.json: the extension reads it as given.
  const badge = await page.waitForFunction(() => {
    const radio = document.querySelector<HTMLInputElement>('#badge-notifications-and-chats');
    return radio?.checked && { disabled: radio.disabled, note: (radio.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent).at(-1) };
  }, { polling: 100, timeout: 10_000 }).then(async (handle) => await handle.jsonValue());
  expect(badge).toEqual({ disabled: true, note: 'Set by your organisation' });
  // The member's own: nothing; the policy's remembered apart.
  expect(await firefox.storage('preferences')).toEqual({ preferencesPolicy: { managed: preferences } });
  expect(linesWithTokens(firefox)).toEqual([]);
});
