// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { mayAskBrain, mayCommandHost } from './runtime-link';
import type { ToBrain } from '../wire/messages';

vi.mock('wxt/browser', () => ({ browser: { runtime: {} } }));

const me = { id: 'ours', base: 'chrome-extension://ours/' };
const kind = (k: ToBrain['kind']) => ({ to: 'brain', kind: k }) as ToBrain;

describe('sender checks', () => {
  it('takes the host\'s kinds from the offscreen document only', () => {
    for (const k of ['batch', 'hello', 'prepare', 'refresh-auth'] as const) {
      expect(mayAskBrain(kind(k), { id: 'ours', url: 'chrome-extension://ours/offscreen.html' }, me)).toBe(true);
      expect(mayAskBrain(kind(k), { id: 'ours', url: 'chrome-extension://ours/options.html' }, me)).toBe(false);
    }
  });

  it('takes the member\'s kinds from the popup and options pages only', () => {
    for (const k of ['act', 'sign-out', 'reconnect', 'check-prepare', 'check-end'] as const) {
      expect(mayAskBrain(kind(k), { id: 'ours', url: 'chrome-extension://ours/popup.html' }, me)).toBe(true);
      expect(mayAskBrain(kind(k), { id: 'ours', url: 'chrome-extension://ours/options.html#x' }, me)).toBe(true);
      expect(mayAskBrain(kind(k), { id: 'ours', url: 'chrome-extension://ours/offscreen.html' }, me)).toBe(false);
    }
  });

  it('refuses other extensions, web pages and senders without a URL', () => {
    const signOut = kind('sign-out');
    expect(mayAskBrain(signOut, { id: 'theirs', url: 'chrome-extension://theirs/options.html' }, me)).toBe(false);
    expect(mayAskBrain(signOut, { id: 'ours', url: 'chrome-extension://theirs/options.html' }, me)).toBe(false);
    expect(mayAskBrain(signOut, { id: 'ours', url: 'https://community.example/options.html' }, me)).toBe(false);
    expect(mayAskBrain(signOut, { id: 'ours' }, me)).toBe(false);
    expect(mayAskBrain(signOut, {}, me)).toBe(false);
  });

  it('lets only the background command the offscreen host', () => {
    expect(mayCommandHost({ id: 'ours', url: 'chrome-extension://ours/background.js' }, me)).toBe(true);
    expect(mayCommandHost({ id: 'ours', url: 'chrome-extension://ours/popup.html' }, me)).toBe(false);
    expect(mayCommandHost({ id: 'theirs', url: 'chrome-extension://theirs/background.js' }, me)).toBe(false);
  });
});
