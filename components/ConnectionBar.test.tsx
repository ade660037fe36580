import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { ConnectionBar } from './ConnectionBar';
import { useMountPoint } from './popup/testing';

const root = useMountPoint();

describe('ConnectionBar', () => {
  it('says plainly that the community cannot use the Headless API, never the reason code', () => {
    act(() => render(<ConnectionBar status={{ phase: 'error', reason: 'not_eligible', startedAt: 0, updatedAt: 0 }} onSignIn={() => {}} />, root()));
    expect(root().querySelector('[role="status"]')!.textContent).toBe("This community cannot use Circle's Headless API. Its admins can ask Circle to enable it.");
    expect(root().textContent).not.toContain('not_eligible');
  });
});
