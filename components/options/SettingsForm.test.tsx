import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { managedFields, mergeSettings } from '../../lib/settings/merge';
import { useMountPoint } from '../popup/testing';
import { SettingsForm } from './SettingsForm';
import type { CheckDeps } from './connection-check';

// Managed storage needs an enterprise policy, which e2e cannot install without root: the
// locked rendering is checked here, on the real form, with the English messages.
const POLICY = { circleUrl: 'https://community.example.com', auth: { mode: 'appToken', appToken: 'policy-app-token' }, liveRooms: 5 };
const LOCAL = { origin: 'https://community.example.com', auth: { mode: 'appToken', email: 'me@example.com' } };
const noCheck: CheckDeps = { prepare: vi.fn(), end: vi.fn(), createWebSocket: vi.fn(), clock: { now: Date.now, setTimeout, clearTimeout } };

const root = useMountPoint();

function renderForm(onSave = vi.fn(async () => ({ ok: true as const, settings: {} as never })), requestHostPermissions = vi.fn(async (_: string[]) => true)) {
  act(() => {
    render(
      <SettingsForm stored={mergeSettings(POLICY, LOCAL)} locked={managedFields(POLICY)} onSave={onSave}
        requestHostPermissions={requestHostPermissions} test={noCheck} />,
      root(),
    );
  });
  const input = (id: string) => root().querySelector<HTMLInputElement>(`[id="${id}"]`)!;
  return { input, onSave, requestHostPermissions };
}

describe('fields a policy fixes', () => {
  it('render disabled, with the policy value and a note tied to them; the others stay editable', () => {
    const { input } = renderForm();
    for (const id of ['circleUrl', 'auth.appToken', 'liveRooms']) {
      expect(input(id).disabled, id).toBe(true);
      expect(input(id).getAttribute('aria-describedby')).toContain(`${id}-locked`);
      expect(root().querySelector(`[id="${id}-locked"]`)?.textContent).toBe('Set by your organisation');
    }
    expect(input('circleUrl').value).toBe('https://community.example.com');
    expect(input('liveRooms').value).toBe('5');
    for (const mode of ['tokens', 'appToken', 'tokenUrl']) expect(input(`auth.mode-${mode}`).disabled).toBe(true);
    expect(input('auth.mode-appToken').checked).toBe(true);
    for (const id of ['origin', 'auth.email', 'cableUrl', 'keepNotifications']) expect(input(id).disabled, id).toBe(false);
    expect(input('auth.email').value).toBe('me@example.com');
  });

  it('still go into what is saved, so the merged settings validate', async () => {
    const { onSave } = renderForm();
    await act(async () => {
      root().querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    });
    expect(onSave).toHaveBeenCalledWith(expect.objectContaining({
      circleUrl: 'https://community.example.com',
      auth: { mode: 'appToken', appToken: 'policy-app-token', email: 'me@example.com' },
      liveRooms: 5,
    }));
    await vi.waitFor(() => expect(root().querySelector('#form-status')?.textContent).toBe('Saved. Circle Live is connecting.'));
  });
});

describe('a community on its own domain', () => {
  const submit = () => root().querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));

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
