import { afterEach, describe, expect, it, vi } from 'vitest';
import { announceChange, onStoreChange } from './changes';
import type { Change } from '../store/change';

const change = (n: number) => ({ community: 'c', rooms: [`r${n}`], messages: 0, notifications: false, counters: [] }) as unknown as Change;

/** A listener that keeps what it is handed, and waits for its next notice. */
function recorder() {
  const got: Change[] = [];
  let wake: (() => void) | undefined;
  return {
    got,
    listener: (c: Change) => {
      got.push(c);
      wake?.();
    },
    next: () => new Promise<void>((resolve) => (wake = resolve)),
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('change notices', () => {
  it('reach every listener of a page through one channel, closed with the last listener', async () => {
    const opened: BroadcastChannel[] = [];
    const Real = globalThis.BroadcastChannel;
    vi.stubGlobal('BroadcastChannel', class extends Real {
      constructor(name: string) {
        super(name);
        opened.push(this);
      }
    });
    const a = recorder();
    const b = recorder();
    const stopA = onStoreChange(a.listener);
    const stopB = onStoreChange(b.listener);
    expect(opened).toHaveLength(1);
    const other = new Real('circle-live:store');
    const both = Promise.all([a.next(), b.next()]);
    other.postMessage(change(1));
    await both;
    expect(a.got).toEqual([change(1)]);
    expect(b.got).toEqual([change(1)]);

    stopA();
    stopA();
    const onlyB = b.next();
    other.postMessage(change(2));
    await onlyB;
    expect(a.got).toHaveLength(1);
    expect(b.got).toEqual([change(1), change(2)]);

    const close = vi.spyOn(opened[0]!, 'close');
    stopB();
    expect(close).toHaveBeenCalled();
    const c = recorder();
    const stopC = onStoreChange(c.listener);
    expect(opened).toHaveLength(2);
    const third = c.next();
    announceChange(change(3));
    await third;
    expect(c.got).toEqual([change(3)]);
    stopC();
    other.close();
  });

  it('go on to the other listeners when one throws, the error thrown apart', async () => {
    const thrown = new Promise<unknown>((resolve) => process.once('uncaughtException', resolve));
    const stopA = onStoreChange(() => {
      throw new Error('listener broke');
    });
    const b = recorder();
    const stopB = onStoreChange(b.listener);
    const other = new BroadcastChannel('circle-live:store');
    const next = b.next();
    other.postMessage(change(1));
    await next;
    expect(b.got).toEqual([change(1)]);
    expect(await thrown).toEqual(new Error('listener broke'));
    stopA();
    stopB();
    other.close();
  });
});
