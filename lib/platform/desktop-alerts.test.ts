import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ICON_MAX_BYTES, ICON_TIMEOUT_MS, iconData, type IconDeps } from './alert-icon';
import { raiseAlert } from './desktop-alerts';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const alert = { id: 'room:a', title: 'Ada', message: 'Hello', iconUrl: 'https://app.circle.so/avatars/ada.png' };

function deps(respond: (url: string, init: RequestInit) => Promise<Response>, reachable = true): IconDeps & { asked: { url: string; init: RequestInit }[] } {
  const asked: { url: string; init: RequestInit }[] = [];
  return {
    asked,
    mayReach: async () => reachable,
    fetch: (url, init) => {
      asked.push({ url, init });
      return respond(url, init);
    },
  };
}
const png = () => Promise.resolve(new Response(PNG, { headers: { 'content-type': 'image/png' } }));

describe('an alert and its picture', () => {
  let created: { id: string; iconUrl: string }[];
  beforeEach(() => {
    fakeBrowser.reset();
    created = [];
  });
  const createWith = (refuse: (iconUrl: string) => boolean) =>
    vi.spyOn(browser.notifications, 'create').mockImplementation((async (id: string, options: { iconUrl: string }) => {
      created.push({ id, iconUrl: options.iconUrl });
      if (refuse(options.iconUrl)) throw new Error('Unable to download all specified images.');
      return id;
    }) as never);
  const own = () => browser.runtime.getURL('/icon/128.png');

  it('goes out with the avatar as a data URL, fetched without cookies, referrer or token', async () => {
    createWith(() => false);
    const d = deps(png);
    expect(await raiseAlert(alert, d)).toBe('avatar');
    expect(created).toEqual([{ id: 'room:a', iconUrl: `data:image/png;base64,${btoa(String.fromCharCode(...PNG))}` }]);
    expect(d.asked[0]!.init).toMatchObject({ credentials: 'omit', referrerPolicy: 'no-referrer' });
    expect(new Headers(d.asked[0]!.init.headers).has('authorization')).toBe(false);
  });

  it('goes out with our icon when the avatar 404s, is unreachable, is no image or is too big', async () => {
    createWith(() => false);
    const answers: (() => Promise<Response>)[] = [
      async () => new Response('missing', { status: 404, headers: { 'content-type': 'image/png' } }),
      () => Promise.reject(new TypeError('Failed to fetch')),
      async () => new Response('<html>', { headers: { 'content-type': 'text/html' } }),
      async () => new Response(new Uint8Array(ICON_MAX_BYTES + 1), { headers: { 'content-type': 'image/png' } }),
    ];
    for (const answer of answers) expect(await raiseAlert(alert, deps(answer))).toBe('own');
    expect(created.map((c) => c.iconUrl)).toEqual(answers.map(own));
  });

  it('never asks a host the extension may not reach', async () => {
    createWith(() => false);
    const d = deps(png, false);
    expect(await raiseAlert(alert, d)).toBe('own');
    expect(d.asked).toEqual([]);
  });

  it('gives up on an avatar that takes too long', async () => {
    vi.useFakeTimers();
    try {
      createWith(() => false);
      const hanging = (_url: string, init: RequestInit) => new Promise<Response>((_, fail) => init.signal?.addEventListener('abort', () => fail(new DOMException('aborted', 'AbortError'))));
      const raised = raiseAlert(alert, deps(hanging));
      await vi.advanceTimersByTimeAsync(ICON_TIMEOUT_MS);
      expect(await raised).toBe('own');
    } finally {
      vi.useRealTimers();
    }
  });

  it('tries once more with our icon when the browser refuses the avatar', async () => {
    createWith((iconUrl) => iconUrl.startsWith('data:'));
    expect(await raiseAlert(alert, deps(png))).toBe('own-retry');
    expect(created.map((c) => c.iconUrl.slice(0, 5))).toEqual(['data:', own().slice(0, 5)]);
    expect(created[1]!.iconUrl).toBe(own());
  });

  it('keeps a data URL as it is, asking nobody', async () => {
    createWith(() => false);
    const d = deps(png);
    const data = 'data:image/png;base64,AAAA';
    expect(await iconData(data, d)).toBe(data);
    expect(d.asked).toEqual([]);
  });
});
