import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import type { LoadedSettings } from '../../lib/platform/settings';
import { managedFields, mergeSettings, policySignsIn } from '../../lib/settings/merge';
import { parsePreferences } from '../../lib/settings/preferences';
import { parseSettings } from '../../lib/settings/schema';
import { Options } from './Options';
import type { OptionsServices } from './options-services';
import { useMountPoint } from '../popup/testing';

const root = useMountPoint();
const LOCAL = { circleUrl: 'https://mine.example.com', origin: 'https://mine.example.com', auth: { mode: 'appToken', appToken: 'mine', email: 'me@example.com' } };
const POLICY = { circleUrl: 'https://community.example.com' };

function loaded(managed: unknown): LoadedSettings {
  const stored = mergeSettings(managed, LOCAL);
  return { stored, result: parseSettings(stored), locked: managedFields(managed), signInByPolicy: policySignsIn(managed), policy: JSON.stringify(managed) };
}

function services(current: () => LoadedSettings) {
  let changed = () => {};
  const fake = {
    loadSettings: vi.fn(async () => current()),
    onSettingsChanged: (listener: () => void) => ((changed = listener), () => {}),
    checkPolicy: vi.fn(async () => undefined),
    readStatus: async () => undefined,
    onStatusChanged: () => () => {},
    loadPreferences: async () => parsePreferences({}),
    onPreferencesChanged: () => () => {},
    roomNames: async () => new Map(),
    about: () => ({ version: '1.0.0', browser: 'Chromium' }),
    copyText: async () => {},
  } as unknown as OptionsServices;
  return { fake, changed: () => changed() };
}

const circleUrl = () => root().querySelector<HTMLInputElement>('#circleUrl')!;

describe('the options page and a policy read late', () => {
  it('paints from what is stored, asks for the policy after, and shows a changed one locked, once', async () => {
    let now = loaded(null);
    const { fake, changed } = services(() => now);
    await act(async () => render(<Options initial={now} services={fake} />, root()));
    expect(fake.checkPolicy).toHaveBeenCalledOnce();
    expect(circleUrl()).toMatchObject({ value: LOCAL.circleUrl, disabled: false });

    // The member has typed; the same policy again (or any other change) leaves the draft be.
    act(() => {
      circleUrl().value = 'https://typing.example.com';
      circleUrl().dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => changed());
    expect(circleUrl().value).toBe('https://typing.example.com');

    now = loaded(POLICY);
    await act(async () => changed());
    expect(circleUrl()).toMatchObject({ value: POLICY.circleUrl, disabled: true });
  });
});

describe('the community sign-in first, the manual fields below', () => {
  const manual = () => root().querySelector<HTMLDetailsElement>('details.manual')!;
  const empty = (): LoadedSettings => ({ stored: {}, result: parseSettings({}), locked: new Set(), signInByPolicy: false, policy: 'null' });

  it('a fresh install leads with the address; the manual fields wait under "Set up by hand"', async () => {
    const { fake } = services(empty);
    await act(async () => render(<Options initial={empty()} services={fake} />, root()));
    expect(root().querySelector('[id="community-address"]')).not.toBeNull();
    expect(manual().open).toBe(false);
  });

  it('an install signed in by hand, or a policy\'s fields, open them', async () => {
    const { fake } = services(() => loaded(null));
    await act(async () => render(<Options initial={loaded(null)} services={fake} />, root()));
    expect(manual().open).toBe(true);
    expect(circleUrl().value).toBe(LOCAL.circleUrl);

    act(() => render(null, root()));
    const policyOnly = { ...empty(), locked: managedFields(POLICY) };
    await act(async () => render(<Options initial={policyOnly} services={fake} />, root()));
    expect(manual().open).toBe(true);
  });
});
