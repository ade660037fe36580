import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { useMountPoint } from '../popup/testing';
import { Diagnostics } from './Diagnostics';
import type { ConnectionStatus } from '../../lib/wire/status';

const root = useMountPoint();
const about = { version: '0.1.0', browser: 'chrome Chrome/142.0' };
const status: ConnectionStatus = {
  phase: 'live',
  memberName: 'Annabel Quixote',
  startedAt: 0,
  updatedAt: 0,
  diagnostics: {
    rejected: { no_event_name: 3 },
    shapes: [{ kind: 'no_event_name', shape: '{kind:"newMessage",record:{}}', count: 3, lastAt: 5 }],
    history: [{ at: 1, phase: 'connecting' }, { at: 2, phase: 'reconnecting', cable: 'reconnecting', reason: { code: 'stale' } }],
  },
};

describe('Diagnostics', () => {
  it('shows the counts, the shapes and the history, and copies the text without the member', async () => {
    const copy = vi.fn(async () => {});
    act(() => render(<Diagnostics statuses={[status]} about={about} copy={copy} />, root()));
    expect(root().querySelector('.counts')!.textContent).toBe('message.no_event_name3');
    expect(root().querySelector('.shapes')!.textContent).toContain('{kind:"newMessage",record:{}}');
    expect(root().querySelectorAll('.history li')).toHaveLength(2);
    await act(async () => root().querySelector('button')!.click());
    const [text] = copy.mock.calls[0] as unknown as [string];
    expect(text).toContain('3x no_event_name {kind:"newMessage",record:{}}');
    expect(text).not.toContain('Annabel');
    expect(root().querySelector('[role="status"]')!.textContent).toBe('Copied. Paste it into your bug report.');
  });

  it('offers the text to copy by hand when the browser refuses the clipboard', async () => {
    act(() => render(<Diagnostics statuses={[]} about={about} copy={() => Promise.reject(new Error('denied'))} />, root()));
    await act(async () => root().querySelector('button')!.click());
    expect(root().querySelector('textarea')!.value).toContain('status: none yet');
  });
});
