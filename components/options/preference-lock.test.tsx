import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { parsePreferences } from '../../lib/settings/preferences';
import { useMountPoint } from '../popup/testing';
import { PreferencesSection } from './PreferencesSection';

const root = useMountPoint();
const described = (input: Element) => (input.getAttribute('aria-describedby') ?? '').split(' ').map((id) => root().querySelector(`[id="${id}"]`)?.textContent);

describe('a preference the policy locks', () => {
  it('is disabled and described as set by the organisation; the others stay the member\'s', () => {
    const update = vi.fn();
    act(() => render(<PreferencesSection preferences={parsePreferences({ badgeCounts: 'notifications-and-chats' })} locked={new Set(['badgeCounts', 'alerts'])} roomNames={new Map()} update={update} />, root()));
    const radios = [...root().querySelectorAll<HTMLInputElement>('input[name="badgeCounts"]')];
    expect(radios.length).toBeGreaterThan(1);
    for (const radio of radios) {
      expect(radio.disabled).toBe(true);
      // The modes' help first, then the lock.
      expect(described(radio)).toEqual([expect.stringContaining('Rooms you muted never count'), 'Set by your organisation']);
    }
    const alerts = root().querySelector<HTMLInputElement>('#pref-alerts')!;
    expect(alerts.disabled).toBe(true);
    // Its own help first, then the lock.
    expect(described(alerts)).toHaveLength(2);
    expect(described(alerts)[1]).toBe('Set by your organisation');
    const dnd = root().querySelector<HTMLInputElement>('#pref-doNotDisturb')!;
    expect(dnd.disabled).toBe(false);
    expect(described(dnd)).toHaveLength(1);
    expect(root().querySelectorAll('.lock')).toHaveLength(2);
  });
});
