import { useEffect, useState } from 'preact/hooks';
import { afterFirstPaint } from './first-paint';

/**
 * A view kept out of the popup's first chunk: fetched when first wanted, or once the first
 * screen is painted (`preload`), and kept once loaded so later renders have it at once.
 */
export function lazyModule<T>(load: () => Promise<T>, { isFirstScreen = false } = {}) {
  let value: T | undefined;
  let pending: Promise<T> | undefined;
  const get = () => {
    pending ??= load().then(
      (module) => (value = module),
      (error: unknown) => {
        // An update replaced the chunks under an open popup: the next want tries again.
        pending = undefined;
        console.warn('popup: could not load a view', error);
        throw error;
      },
    );
    return pending;
  };
  return {
    load: get,
    preload: () => void get().catch(() => undefined),
    use(wanted: boolean): T | undefined {
      const [, loaded] = useState(0);
      useEffect(() => {
        if (!wanted || value) return;
        let alive = true;
        const fetch = () => alive && get().then(() => alive && loaded((n) => n + 1), () => undefined);
        // Besides the first screen, not in it: its code (and the resource requests for it) after that screen's paint.
        if (isFirstScreen) fetch();
        else void afterFirstPaint().then(fetch);
        return () => {
          alive = false;
        };
      }, [wanted]);
      return value;
    },
  };
}
