import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { listen } from './listen';

const sender = { id: 'ours', url: 'chrome-extension://ours/popup.html' };

/** What Chrome does with a listener: its `true` keeps the channel open for `sendResponse`. */
async function deliver(message: unknown): Promise<{ kept: unknown[]; reply: unknown }> {
  let respond!: (reply: unknown) => void;
  const reply = new Promise((resolve) => (respond = resolve));
  // The fake's type knows two arguments; Chrome (and the fake, at run time) pass the third.
  const trigger = fakeBrowser.runtime.onMessage.trigger as unknown as (...args: unknown[]) => Promise<unknown[]>;
  const kept = await trigger(message, sender, respond);
  return { kept, reply: kept.includes(true) ? await reply : 'no listener kept it' };
}

describe('listen', () => {
  it('answers through sendResponse, so Chrome needs no polyfill, and stops when removed', async () => {
    const stop = listen('brain', () => true, async (message) => ({ ok: true, kind: message.kind }));
    expect((await deliver({ to: 'brain', kind: 'reconnect' })).reply).toEqual({ ok: true, kind: 'reconnect' });
    expect((await deliver({ to: 'host', kind: 'status' })).kept).toEqual([undefined]);
    stop();
    expect((await deliver({ to: 'brain', kind: 'reconnect' })).kept).toEqual([]);
  });

  it('answers nothing when the handler fails, and logs the error\'s name only', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const stop = listen('brain', () => true, async () => {
      throw new TypeError('secret-token-abc in a message');
    });
    expect((await deliver({ to: 'brain', kind: 'act' })).reply).toBeUndefined();
    expect(JSON.stringify(warn.mock.calls)).toContain('TypeError');
    expect(JSON.stringify(warn.mock.calls)).not.toContain('secret-token-abc');
    stop();
  });
});
