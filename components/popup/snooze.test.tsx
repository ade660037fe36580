import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Snooze, type SnoozeStore } from './Snooze';
import { settle, useGerman, useMountPoint } from './testing';

const NOW = Date.parse('2026-12-02T10:00:00Z');
const root = useMountPoint();

class FakeStore implements SnoozeStore {
  writes: Record<string, unknown>[] = [];
  private listeners = new Set<(value: unknown) => void>();
  constructor(public value: Record<string, unknown> = {}) {}
  read = async () => this.value;
  write = async (change: Record<string, unknown>) => {
    this.writes.push(change);
    this.value = { ...this.value, ...change };
    this.listeners.forEach((listener) => listener(this.value));
  };
  onChange = (listener: (value: unknown) => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  zone = () => 'Europe/Berlin';
}

async function show(store: SnoozeStore) {
  await act(() => render(<Snooze store={store} />, root()));
  await act(settle);
}

const button = () => root().querySelector<HTMLButtonElement>('.snooze-button')!;
const items = () => [...root().querySelectorAll<HTMLElement>('[role="menuitem"]')];
const click = (el: HTMLElement) => act(() => el.click());

describe('the snooze control', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
  });
  afterEach(() => {
    vi.useRealTimers();
    document.documentElement.lang = '';
  });

  it('sets any of the five ends in two clicks', async () => {
    const store = new FakeStore();
    await show(store);
    expect(button().textContent).toBe('Snooze alerts');
    await click(button());
    expect(items().map((item) => item.textContent)).toEqual(['30 minutes', '1 hour', '2 hours', 'Until tomorrow morning (8:00 AM)', 'Until I turn it off']);
    await click(items()[3]!);
    // 08:00 the next day in Berlin is 07:00 UTC.
    expect(store.writes).toEqual([{ doNotDisturb: false, snoozedUntil: Date.parse('2026-12-03T07:00:00Z') }]);
    expect(items()).toEqual([]);
    expect(button().textContent).toBe('Snoozed · until 8:00 AM');
  });

  it('shows the time left and ends it from the same menu', async () => {
    const store = new FakeStore({ snoozedUntil: NOW + 41 * 60_000 + 1 });
    await show(store);
    expect(button().textContent).toBe('Snoozed · 42 min');
    await click(button());
    expect(items()[0]!.textContent).toBe('Turn alerts back on');
    await click(items()[0]!);
    expect(store.writes).toEqual([{ doNotDisturb: false, snoozedUntil: 0 }]);
    expect(button().textContent).toBe('Snooze alerts');
  });

  it('says Do Not Disturb and quiet hours as they are, in German too', async () => {
    useGerman();
    document.documentElement.lang = 'de';
    await show(new FakeStore({ doNotDisturb: true }));
    expect(button().textContent).toBe('Pausiert · bis du es ausschaltest');
    await show(new FakeStore({ quietHours: { enabled: true, from: '09:00', to: '17:00', timeZone: 'UTC' } }));
    expect(button().textContent).toBe('Ruhezeit · bis 17:00');
    // Quiet hours are ended in the options, not here.
    await click(button());
    expect(items().map((item) => item.textContent)[0]).toBe('30 Minuten');
  });
});
