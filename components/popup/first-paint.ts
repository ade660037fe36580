import { useEffect, useState } from 'preact/hooks';

/**
 * The popup's first screen is on the glass, and the tasks queued behind the frame that shows it
 * have run: the first call comes from the render that makes the first screen (or from the
 * effects after its paint); the next frame, then a task queued behind the ones that frame queued.
 * What waits on it (pictures, lazy chunks, the reads the first screen does not show) stays out
 * of that frame and of the tasks right after it. Every later call finds it settled.
 */
let painted: Promise<void> | undefined;
let done = false;

export function afterFirstPaint(): Promise<void> {
  painted ??= new Promise((resolve) => {
    requestAnimationFrame(() =>
      setTimeout(() =>
        setTimeout(() => {
          done = true;
          resolve();
        }),
      ),
    );
  });
  return painted;
}

/** False until the first screen is painted, then true (a render later) for good. */
export function useFirstPaintDone(): boolean {
  const [shown, setShown] = useState(done);
  useEffect(() => {
    if (shown) return;
    let alive = true;
    void afterFirstPaint().then(() => alive && setShown(true));
    return () => {
      alive = false;
    };
  }, []);
  return shown;
}
