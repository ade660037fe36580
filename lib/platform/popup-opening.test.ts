import { fakeBrowser } from 'wxt/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { startOpening, takeOpening } from './popup-opening';

const board = (key: string) => ({ communities: [{ key, phase: 'live', updatedAt: 1 }] });

afterEach(() => {
  fakeBrowser.reset();
});

describe("the popup's opening reads", () => {
  it('started early are the ones the popup takes, once; later it reads afresh', async () => {
    await fakeBrowser.storage.local.set({ status: board('a'), popupCommunity: 'a' });
    await fakeBrowser.storage.session.set({ firstScreen: { a: { community: 'a' } } });
    startOpening();
    // Written after the early read started, before the popup's modules ran: they show what that read found.
    await fakeBrowser.storage.local.set({ status: board('b'), popupCommunity: 'b' });
    expect(await takeOpening()).toEqual({ board: board('a'), chosen: 'a', screens: { a: { community: 'a' } } });
    expect(await takeOpening()).toMatchObject({ board: board('b'), chosen: 'b' });
  });

  it('without the early script read storage themselves', async () => {
    await fakeBrowser.storage.local.set({ status: board('a') });
    expect(await takeOpening()).toEqual({ board: board('a'), chosen: undefined, screens: {} });
  });
});
