import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { mergeSettings } from '../../lib/settings/merge';
import { useMountPoint } from '../popup/testing';
import { communityProblems, rowsOf, withEntry } from './community-list';
import { SettingsForm } from './SettingsForm';
import type { CheckDeps } from './connection-check';

// Managed storage needs an enterprise policy, which e2e cannot install without root: the
// locked rendering is checked here, on the real form, with the English messages.
const POLICY = { communities: [{ origin: 'https://community.example.com', circleUrl: 'https://community.example.com', auth: { mode: 'appToken', appToken: 'policy-app-token' }, liveRooms: 5 }] };
const OTHER = { circleUrl: 'https://app.circle.so', origin: 'https://other.example.com', auth: { mode: 'tokens', accessToken: 'a', refreshToken: 'r' } };
const LOCAL = { communities: [OTHER, { origin: 'https://community.example.com', auth: { mode: 'appToken', email: 'me@example.com' } }] };
const noCheck: CheckDeps = { prepare: vi.fn(), end: vi.fn(), createWebSocket: vi.fn(), clock: { now: Date.now, setTimeout, clearTimeout } };

const root = useMountPoint();

function renderForm(onSave = vi.fn(async () => new Map<string, string>()), requestHostPermissions = vi.fn(async (_: string[]) => true)) {
  const merged = mergeSettings(POLICY, LOCAL);
  const rows = rowsOf(merged);
  const row = rows[1]!;
  act(() => {
    render(
      <SettingsForm entry={row.entry} locked={row.locked} validate={(entry) => communityProblems(withEntry(rows, 1, entry), 1, merged.stored)}
        onSave={onSave} requestHostPermissions={requestHostPermissions} test={noCheck} />,
      root(),
    );
  });
  const input = (id: string) => root().querySelector<HTMLInputElement>(`[id="${id}"]`)!;
  return { input, onSave, requestHostPermissions };
}

const submit = () => root().querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));

describe('fields a policy fixes', () => {
  it('render disabled, with the policy value and a note tied to them; the others stay editable', () => {
    const { input } = renderForm();
    for (const id of ['circleUrl', 'origin', 'auth.appToken', 'liveRooms']) {
      expect(input(id).disabled, id).toBe(true);
      expect(input(id).getAttribute('aria-describedby')).toContain(`${id}-locked`);
      expect(root().querySelector(`[id="${id}-locked"]`)?.textContent).toBe('Set by your organisation');
    }
    expect(input('circleUrl').value).toBe('https://community.example.com');
    expect(input('liveRooms').value).toBe('5');
    for (const mode of ['tokens', 'appToken', 'tokenUrl']) expect(input(`auth.mode-${mode}`).disabled).toBe(true);
    expect(input('auth.mode-appToken').checked).toBe(true);
    for (const id of ['name', 'auth.email', 'cableUrl']) expect(input(id).disabled, id).toBe(false);
    expect(input('auth.email').value).toBe('me@example.com');
    // Shared by every community: not this form's.
    expect(input('keepNotifications')).toBeNull();
  });

  it('still go into what is saved, the community alone, so the merged settings validate', async () => {
    const { onSave } = renderForm();
    await act(async () => {
      submit();
    });
    expect(onSave).toHaveBeenCalledWith({
      circleUrl: 'https://community.example.com',
      origin: 'https://community.example.com',
      auth: { mode: 'appToken', appToken: 'policy-app-token', email: 'me@example.com' },
      liveRooms: 5,
    });
    await vi.waitFor(() => expect(root().querySelector('#form-status')?.textContent).toBe('Saved. Circle Live is connecting.'));
  });
});

describe('a community judged in its list', () => {
  const type = (id: string, value: string) => {
    const field = root().querySelector<HTMLInputElement>(`[id="${id}"]`)!;
    field.value = value;
    field.dispatchEvent(new Event('input', { bubbles: true }));
  };

  it('judges the community itself first, then shows what the save found by its field, focused', async () => {
    const onSave = vi.fn(async () => new Map([['name', 'At most 60 characters.']]));
    const { input } = renderForm(onSave);
    act(() => type('name', 'x'.repeat(61)));
    await act(async () => {
      submit();
    });
    // The form's own judgement comes first: the name is too long, nothing is saved.
    expect(root().querySelector('[id="name-error"]')?.textContent).toBe('At most 60 characters.');
    expect(onSave).not.toHaveBeenCalled();
    act(() => type('name', 'Makers'));
    expect(root().querySelector('[id="name-error"]')).toBeNull();
    await act(async () => {
      submit();
    });
    await vi.waitFor(() => expect(onSave).toHaveBeenCalledOnce());
    await vi.waitFor(() => expect(root().querySelector('[id="name-error"]')?.textContent).toBe('At most 60 characters.'));
    expect(input('name')).toBe(document.activeElement);
  });
});

describe('a community on its own domain', () => {
  it('asks for its host within the submit itself, before anything is awaited', () => {
    const { requestHostPermissions } = renderForm();
    submit();
    expect(requestHostPermissions).toHaveBeenCalledWith(['https://community.example.com/*', 'wss://community.example.com/*']);
  });

  it('is not saved when the member refuses, and the page says why', async () => {
    const { onSave } = renderForm(undefined, vi.fn(async () => false));
    await act(async () => {
      submit();
    });
    await vi.waitFor(() => expect(root().querySelector('#form-status')?.textContent).toMatch(/^Not saved: Circle Live needs access to https:\/\/community\.example\.com\/\*, wss:/));
    expect(onSave).not.toHaveBeenCalled();
  });
});
