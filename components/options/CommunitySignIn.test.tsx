import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import type { DiscoveryResult, Exchange } from '../../lib/circle/community';
import type { Discovery } from '../../lib/settings/discovery';
import { useMountPoint } from '../popup/testing';
import { CommunitySignIn, type CommunitySignInServices } from './CommunitySignIn';

// The page's own decisions, with the English messages: which hosts it asks for, and that a
// refusal saves nothing. The real discovery, window and kit run in e2e/community.spec.ts; a
// refused permission prompt cannot be answered there.
const DOC: Discovery = {
  version: 1,
  name: 'Northwind Makers',
  circleUrl: 'https://app.circle.so',
  cableUrl: 'wss://app.circle.so/cable',
  origin: 'https://community.example.com',
  authorizeUrl: 'https://kit.example.com/authorize',
  tokenUrl: 'https://kit.example.com/token',
  refreshUrl: 'https://kit.example.com/refresh',
  revokeUrl: 'https://kit.example.com/revoke',
};

const root = useMountPoint();

function mount(grant: (hosts: string[]) => boolean, discover: DiscoveryResult = { ok: true, discovery: DOC, url: '' }) {
  const services = {
    discover: vi.fn(async () => discover),
    requestHostPermissions: vi.fn(async (hosts: string[]) => grant(hosts)),
    signInWithCommunity: vi.fn(async (): Promise<Exchange> => ({ ok: false, error: 'cancelled' })),
  } satisfies CommunitySignInServices;
  const onSignedIn = vi.fn();
  const onSave = vi.fn(async () => new Map<string, string>());
  act(() => render(<CommunitySignIn services={services} onSave={onSave} onSignedIn={onSignedIn} />, root()));
  return { services, onSave, onSignedIn };
}

const status = () => root().querySelector('#community-status')!.textContent;
async function find(address: string) {
  const input = root().querySelector<HTMLInputElement>('[id="community-address"]')!;
  await act(async () => {
    input.value = address;
    input.dispatchEvent(new Event('input'));
  });
  await act(async () => {
    root().querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
  });
}
const signInButton = () => [...root().querySelectorAll('button')].find((b) => b.textContent === 'Sign in');

describe('signing in with the community\u2019s address', () => {
  it('asks for the address\u2019s host alone; refused, it reads nothing', async () => {
    const { services } = mount(() => false);
    await find('community.example.com');
    expect(services.requestHostPermissions).toHaveBeenCalledWith(['https://community.example.com/*']);
    expect(services.discover).not.toHaveBeenCalled();
    expect(status()).toBe('Nothing was changed: Circle Live needs access to https://community.example.com/* for this. Try again and allow it when your browser asks.');
  });

  it('a document naming hosts the member does not grant: said so, no window, nothing saved', async () => {
    const { services, onSave, onSignedIn } = mount((hosts) => hosts.every((host) => host === 'https://community.example.com/*'));
    await find('community.example.com');
    expect(root().textContent).toContain('Found Northwind Makers: Circle at app.circle.so.');
    await act(async () => signInButton()!.click());
    // app.circle.so is the manifest's own in Chrome; the kit's host is the one to ask for.
    expect(services.requestHostPermissions).toHaveBeenLastCalledWith(['https://kit.example.com/*']);
    expect(status()).toContain('needs access to https://kit.example.com/*');
    expect(services.signInWithCommunity).not.toHaveBeenCalled();
    expect(onSave).not.toHaveBeenCalled();
    expect(onSignedIn).not.toHaveBeenCalled();
  });

  it('a closed sign-in window saves nothing and says so', async () => {
    const { services, onSave } = mount(() => true);
    await find('community.example.com');
    await act(async () => signInButton()!.click());
    expect(services.signInWithCommunity).toHaveBeenCalledWith(DOC, 'community.example.com');
    await vi.waitFor(() => expect(status()).toBe('The sign-in window was closed before signing in finished. Nothing was changed.'));
    expect(onSave).not.toHaveBeenCalled();
  });

  it('a malformed document offers no Sign in', async () => {
    mount(() => true, { ok: false, problem: 'malformed' });
    await find('https://community.example.com');
    expect(status()).toContain('community.example.com offers Circle Live sign-in, but its description cannot be read');
    expect(signInButton()).toBeUndefined();
  });
});

describe('a finished sign-in', () => {
  const PAIR = { mode: 'community' as const, address: 'community.example.com', refreshUrl: DOC.refreshUrl, revokeUrl: DOC.revokeUrl, accessToken: 'a', refreshToken: 'r' };

  it('is saved as one community with what the document names; a community already listed is said so, and nothing else happens', async () => {
    const { services, onSave, onSignedIn } = mount(() => true);
    services.signInWithCommunity.mockResolvedValue({ ok: true, auth: PAIR });
    onSave.mockResolvedValueOnce(new Map([['origin', 'This community is in the list already.']]));
    await find('community.example.com');
    await act(async () => signInButton()!.click());
    await vi.waitFor(() => expect(status()).toBe('This community is in the list already.'));
    expect(onSave).toHaveBeenCalledWith({ circleUrl: DOC.circleUrl, cableUrl: DOC.cableUrl, origin: DOC.origin, name: 'Northwind Makers', auth: PAIR });
    expect(onSignedIn).not.toHaveBeenCalled();

    await act(async () => signInButton()!.click());
    await vi.waitFor(() => expect(onSignedIn).toHaveBeenCalledWith('Northwind Makers', expect.objectContaining({ origin: DOC.origin })));
  });
});
