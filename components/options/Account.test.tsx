import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { useMountPoint } from '../popup/testing';
import { Account } from './Account';

const root = useMountPoint();

const buttons = () => [...root().querySelectorAll('button')].map((b) => b.textContent);

describe('Account', () => {
  it('asks before signing out, then signs out', async () => {
    const onSignOut = vi.fn(async () => {});
    act(() => render(<Account circleUrl="https://community.example.com" onSignOut={onSignOut} />, root()));
    expect(root().textContent).toContain('Signed in to community.example.com.');
    act(() => root().querySelector('button')!.click());
    expect(onSignOut).not.toHaveBeenCalled();
    await act(async () => root().querySelector<HTMLButtonElement>('button.danger:not(.secondary)')!.click());
    expect(onSignOut).toHaveBeenCalledOnce();
  });

  it('offers no sign-out when a policy signs the member in', () => {
    act(() => render(<Account circleUrl="https://community.example.com" byPolicy onSignOut={vi.fn()} />, root()));
    expect(buttons()).toEqual([]);
    expect(root().textContent).toContain('Your organization signs you in');
  });
});
