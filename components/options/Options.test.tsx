import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import type { LoadedSettings } from '../../lib/platform/settings';
import { mergeSettings, type StoredSettings } from '../../lib/settings/merge';
import { parsePreferences } from '../../lib/settings/preferences';
import { communityKey, parseSettings } from '../../lib/settings/schema';
import type { ConnectionStatus, StatusBoard } from '../../lib/wire/status';
import { useMountPoint } from '../popup/testing';
import { Options } from './Options';
import type { OptionsServices } from './options-services';

const root = useMountPoint();
const pair = { mode: 'appToken', appToken: 'app', email: 'me@example.com' };
const entry = (host: string, extra: Record<string, unknown> = {}) => ({ circleUrl: `https://${host}`, origin: `https://${host}`, auth: pair, ...extra });
const key = (host: string) => communityKey(`https://${host}`);

/** The browser's storage and the background, in memory: what the page writes is what it reads next. */
function browserOf(local: unknown, managed: unknown = null, board?: StatusBoard) {
  let changed = () => {};
  const state = { local, managed };
  const load = (): LoadedSettings => {
    const { stored, locked, signInByPolicy } = mergeSettings(state.managed, state.local);
    return { stored, result: parseSettings(stored), locked, signInByPolicy, policy: JSON.stringify(state.managed) };
  };
  const services = {
    loadSettings: vi.fn(async () => load()),
    saveSettings: vi.fn(async (settings: StoredSettings) => {
      state.local = settings;
      changed();
    }),
    onSettingsChanged: (listener: () => void) => ((changed = listener), () => {}),
    checkPolicy: vi.fn(async () => undefined),
    requestHostPermissions: vi.fn(async () => true),
    signOut: vi.fn(async (_key: string) => ({ revoked: true })),
    readStatus: async () => board,
    onStatusChanged: () => () => {},
    loadPreferences: async () => ({ preferences: parsePreferences({}), locked: new Set() }),
    onPreferencesChanged: () => () => {},
    roomNames: async () => new Map(),
    about: () => ({ version: '1.0.0', browser: 'Chromium' }),
    copyText: async () => {},
  } as unknown as OptionsServices & { saveSettings: ReturnType<typeof vi.fn>; signOut: ReturnType<typeof vi.fn> };
  return { services, state, load, changed: () => changed() };
}

async function open(b: ReturnType<typeof browserOf>) {
  await act(async () => render(<Options initial={b.load()} services={b.services} />, root()));
}

const $ = <T extends Element = HTMLElement>(selector: string) => root().querySelector<T>(selector);
const circleUrl = () => $<HTMLInputElement>('#circleUrl')!;
const row = (host: string) => $(`[data-community="${key(host)}"]`)!;
const button = (within: Element, name: string) => [...within.querySelectorAll('button')].find((b) => b.textContent === name)!;
const labels = () => [...root().querySelectorAll('.community-list .label')].map((p) => p.textContent);
const click = (element: HTMLElement) => act(async () => element.click());

describe('the options page and a policy read late', () => {
  it('paints from what is stored, asks for the policy after, and shows a changed one locked, once', async () => {
    const b = browserOf(entry('mine.example.com'));
    await open(b);
    expect(b.services.checkPolicy).toHaveBeenCalledOnce();
    // One community: its form is open, as before there could be several.
    expect(circleUrl()).toMatchObject({ value: 'https://mine.example.com', disabled: false });

    // The member has typed; the same policy again (or any other change) leaves the draft be.
    act(() => {
      circleUrl().value = 'https://typing.example.com';
      circleUrl().dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => b.changed());
    expect(circleUrl().value).toBe('https://typing.example.com');

    b.state.managed = { communities: [{ origin: 'https://mine.example.com', circleUrl: 'https://circle.example.com' }] };
    await act(async () => b.changed());
    expect(circleUrl()).toMatchObject({ value: 'https://circle.example.com', disabled: true });
  });
});

describe('the list of communities', () => {
  const board: StatusBoard = { communities: [
    { key: key('one.example'), phase: 'live', startedAt: 0, updatedAt: 0 } as ConnectionStatus,
    { key: key('two.example'), phase: 'signed-out', startedAt: 0, updatedAt: 0 } as ConnectionStatus,
  ] };

  it('a fresh install leads with adding one: the address first, the manual fields under "Set up by hand"', async () => {
    await open(browserOf(undefined));
    expect($('#communities-title')!.textContent).toBe('Communities');
    expect($('#community-editor-title')!.textContent).toBe('Add a community');
    expect($('[id="community-address"]')).not.toBeNull();
    expect($<HTMLDetailsElement>('details.manual')!.open).toBe(false);
  });

  it('shows each community with its Circle host and its phase from the status board; Edit opens that one', async () => {
    const b = browserOf({ communities: [entry('one.example', { name: 'Makers' }), entry('two.example', { circleUrl: 'https://app.circle.so' })] }, null, board);
    await open(b);
    expect(labels()).toEqual(['Makers', 'two.example']);
    expect(row('one.example').textContent).toContain('one.example · Live');
    expect(row('two.example').textContent).toContain('app.circle.so · Signed out');
    expect($('#community-editor')).toBeNull();
    await click(button(row('two.example'), 'Edit (two.example)'));
    expect($('#community-editor-title')!.textContent).toBe('Settings for two.example');
    expect(circleUrl().value).toBe('https://app.circle.so');
  });

  it('moves a community by keyboard-reachable buttons, stores the order, and keeps focus on the moved one', async () => {
    const b = browserOf({ communities: [entry('one.example'), entry('two.example'), entry('three.example')] });
    await open(b);
    const down = button(row('one.example'), 'Move down (one.example)');
    expect(button(row('one.example'), 'Move up (one.example)').disabled).toBe(true);
    down.focus();
    await click(down);
    await vi.waitFor(() => expect(labels()).toEqual(['two.example', 'one.example', 'three.example']));
    expect((b.state.local as StoredSettings).communities!.map((c) => c.origin)).toEqual(['https://two.example', 'https://one.example', 'https://three.example']);
    await vi.waitFor(() => expect(document.activeElement).toBe(button(row('one.example'), 'Move down (one.example)')));
    // At the end, moving down is not possible any more: the focus goes to moving up.
    await click(button(row('one.example'), 'Move down (one.example)'));
    await vi.waitFor(() => expect(labels()).toEqual(['two.example', 'three.example', 'one.example']));
    await vi.waitFor(() => expect(document.activeElement).toBe(button(row('one.example'), 'Move up (one.example)')));
  });

  it('adds a community by hand as one more entry, and then edits it', async () => {
    const b = browserOf({ communities: [entry('one.example')] });
    await open(b);
    await click(button($('.communities')!, 'Add a community'));
    $<HTMLDetailsElement>('details.manual')!.open = true;
    const type = (id: string, value: string) => act(() => {
      const field = $<HTMLInputElement>(`[id="${id}"]`)!;
      field.value = value;
      field.dispatchEvent(new Event('input', { bubbles: true }));
    });
    type('circleUrl', 'https://one.example');
    type('origin', 'https://one.example');
    act(() => $<HTMLInputElement>('[id="auth.mode-tokenUrl"]')!.click());
    type('auth.tokenUrl', 'https://tokens.example');
    await act(async () => void $<HTMLFormElement>('details.manual form')!.dispatchEvent(new Event('submit', { cancelable: true })));
    // The same origin twice: said by its field, nothing written.
    await vi.waitFor(() => expect($('[id="origin-error"]')?.textContent).toBe('This community is in the list already.'));
    expect(b.services.saveSettings).not.toHaveBeenCalled();

    type('origin', 'https://two.example');
    await act(async () => void $<HTMLFormElement>('details.manual form')!.dispatchEvent(new Event('submit', { cancelable: true })));
    await vi.waitFor(() => expect($('#form-status')!.textContent).toBe('Saved. Circle Live is connecting.'));
    expect((b.state.local as StoredSettings).communities).toEqual([entry('one.example'), { circleUrl: 'https://one.example', origin: 'https://two.example', auth: { mode: 'tokenUrl', tokenUrl: 'https://tokens.example' }, liveRooms: 25 }]);
    expect(labels()).toEqual(['one.example', 'two.example']);
    expect($('#community-editor-title')!.textContent).toBe('Settings for two.example');
  });

  it('says why no more can be added at ten', async () => {
    await open(browserOf({ communities: Array.from({ length: 10 }, (_, i) => entry(`c${i}.example`)) }));
    const add = button($('.communities')!, 'Add a community');
    expect(add.getAttribute('aria-disabled')).toBe('true');
    expect($(`[id="${add.getAttribute('aria-describedby')}"]`)!.textContent).toBe('Circle Live follows up to 10 communities. Remove one to add another.');
    await click(add);
    expect($('#community-editor')).toBeNull();
  });
});

describe('signing out and removing, one community at a time', () => {
  it('signs out of the one asked, by its key, after asking; the other keeps its Sign out', async () => {
    const b = browserOf({ communities: [entry('one.example'), entry('two.example')] });
    b.services.signOut.mockImplementation(async (k: string) => {
      const stored = b.state.local as StoredSettings;
      b.state.local = { communities: stored.communities!.map((c) => (communityKey(String(c.origin)) === k ? { ...c, auth: undefined } : c)) };
      return { revoked: true };
    });
    await open(b);
    await click(button(row('two.example'), 'Sign out… (two.example)'));
    expect(document.activeElement?.textContent).toContain('Sign out? Circle Live revokes its tokens');
    expect(b.services.signOut).not.toHaveBeenCalled();
    await click(button(row('two.example'), 'Sign out'));
    expect(b.services.signOut).toHaveBeenCalledExactlyOnceWith(key('two.example'));
    await vi.waitFor(() => expect(document.activeElement?.textContent).toMatch(/^Signed out of two\.example\./));
    expect(button(row('two.example'), 'Sign out… (two.example)')).toBeUndefined();
    expect(button(row('one.example'), 'Sign out… (one.example)')).toBeDefined();
  });

  it('leaves "Set up by hand" open after signing out of a pasted pair, its sign-in fields empty', async () => {
    const b = browserOf(entry('one.example', { auth: { mode: 'tokens', accessToken: 'a', refreshToken: 'r' } }));
    b.services.signOut.mockImplementation(async () => {
      b.state.local = { communities: [{ circleUrl: 'https://one.example', origin: 'https://one.example' }] };
      return { revoked: true };
    });
    await open(b);
    expect($<HTMLDetailsElement>('details.manual')!.open).toBe(true);
    expect($<HTMLInputElement>('[id="auth.accessToken"]')!.value).toBe('a');
    await click(button(row('one.example'), 'Sign out… (one.example)'));
    await click(button(row('one.example'), 'Sign out'));
    await vi.waitFor(() => expect($<HTMLInputElement>('[id="auth.accessToken"]')!.value).toBe(''));
    expect($<HTMLDetailsElement>('details.manual')!.open).toBe(true);
    expect(circleUrl().value).toBe('https://one.example');
  });

  it('removes one: signed out of first, then off the list; a policy\'s community offers neither where the policy decides', async () => {
    const policy = { communities: [entry('company.example')] };
    const b = browserOf({ communities: [entry('one.example'), entry('two.example')] }, policy);
    await open(b);
    expect(labels()).toEqual(['company.example', 'one.example', 'two.example']);
    // Listed and signed in by the policy: it stays, and there is nothing of the member's to sign out of.
    expect(button(row('company.example'), 'Remove… (company.example)')).toBeUndefined();
    expect(button(row('company.example'), 'Sign out… (company.example)')).toBeUndefined();
    expect(row('company.example').textContent).toContain('Your organization signs you in');

    await click(button(row('one.example'), 'Remove… (one.example)'));
    expect(document.activeElement?.textContent).toContain('Remove one.example?');
    await click(button(row('one.example'), 'Remove'));
    expect(b.services.signOut).toHaveBeenCalledExactlyOnceWith(key('one.example'));
    await vi.waitFor(() => expect(labels()).toEqual(['company.example', 'two.example']));
    // Only the member's own community is written: the policy's stays the policy's.
    expect(b.state.local).toEqual({ communities: [entry('two.example')] });
    expect(document.activeElement?.textContent).toBe('one.example was removed.');
  });

  it('removes nothing when the sign-out fails, and says so', async () => {
    const b = browserOf({ communities: [entry('one.example'), entry('two.example')] });
    b.services.signOut.mockRejectedValue(new Error('not signed out'));
    await open(b);
    await click(button(row('one.example'), 'Remove… (one.example)'));
    await click(button(row('one.example'), 'Remove'));
    await vi.waitFor(() => expect(row('one.example').querySelector('[role="alert"]')?.textContent).toMatch(/^Could not remove it: /));
    expect(b.services.saveSettings).not.toHaveBeenCalled();
  });
});

describe('what is kept in this browser', () => {
  it('is one place for every community, written with the list', async () => {
    const b = browserOf({ communities: [entry('one.example'), entry('two.example')], keepNotifications: 300 });
    await open(b);
    const field = $<HTMLInputElement>('#keepNotifications')!;
    expect(field.value).toBe('300');
    act(() => {
      field.value = '400';
      field.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await click(button($('[aria-labelledby="retention-title"]')!, 'Save what is kept'));
    await vi.waitFor(() => expect($('#retention-status')!.textContent).toBe('Saved. It applies to every community.'));
    expect(b.state.local).toEqual({ communities: [entry('one.example'), entry('two.example')], keepMessagesPerRoom: 100, keepNotifications: 400 });
  });
});
