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
    expect(await takeOpening().reads).toEqual({ board: board('a'), chosen: 'a', screens: { a: { community: 'a' } } });
    expect(await takeOpening().reads).toMatchObject({ board: board('b'), chosen: 'b' });
  });

  it('without the early script read storage themselves', async () => {
    await fakeBrowser.storage.local.set({ status: board('a') });
    const taken = takeOpening();
    expect(taken.answered).toBeUndefined();
    expect(await taken.reads).toEqual({ board: board('a'), chosen: undefined, screens: {} });
  });

  it('hand over their answer as a value once it came, so the first render can be the first screen', async () => {
    await fakeBrowser.storage.local.set({ status: board('a'), popupCommunity: 'a' });
    startOpening();
    await new Promise((resolve) => setTimeout(resolve));
    const taken = takeOpening();
    expect(taken.answered).toEqual({ board: board('a'), chosen: 'a', screens: {} });
    expect(await taken.reads).toBe(taken.answered);
    expect(takeOpening().answered).toBeUndefined();
  });

  it('not answered yet, hand over only the reads', async () => {
    await fakeBrowser.storage.local.set({ status: board('a') });
    startOpening();
    const taken = takeOpening();
    expect(taken.answered).toBeUndefined();
    expect(await taken.reads).toMatchObject({ board: board('a') });
  });
});
