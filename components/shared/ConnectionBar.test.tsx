import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { ConnectionBar } from './ConnectionBar';
import { useMountPoint } from '../popup/testing';

const root = useMountPoint();
const text = () => root().querySelector('[role="status"]')!.textContent;

describe('ConnectionBar', () => {
  it('says plainly that the community cannot use the Headless API, never the reason code', () => {
    act(() => render(<ConnectionBar status={{ phase: 'error', reason: { code: 'not_eligible' }, startedAt: 0, updatedAt: 0 }} onSignIn={() => {}} />, root()));
    expect(text()).toBe("This community cannot use Circle's Headless API. Its admins can ask Circle to enable it.");
    expect(root().textContent).not.toContain('not_eligible');
  });

  it('names why it is reconnecting, in words', () => {
    act(() => render(<ConnectionBar status={{ phase: 'reconnecting', reason: { code: 'stale' }, startedAt: 0, updatedAt: 0 }} onSignIn={() => {}} />, root()));
    expect(text()).toBe('Reconnecting…Circle stopped answering on the live connection.');
  });

  it('never shows the words an older version stored, nor an unknown code', () => {
    act(() => render(<ConnectionBar status={{ phase: 'error', reason: 'Stopped: refresh token revoked by admin' as never, startedAt: 0, updatedAt: 0 }} onSignIn={() => {}} />, root()));
    expect(text()).toBe('Something went wrong.');
    act(() => render(<ConnectionBar status={{ phase: 'error', reason: { code: 'from_a_newer_version' } as never, startedAt: 0, updatedAt: 0 }} onSignIn={() => {}} />, root()));
    expect(text()).toBe('Something went wrong.');
    act(() => render(<ConnectionBar status={{ phase: 'error', startedAt: 0, updatedAt: 0 }} onSignIn={() => {}} />, root()));
    expect(text()).toBe('Stopped — Circle Live does not try again by itself.');
  });
});
