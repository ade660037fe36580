/**
 * Runs `work` one call at a time, handing it everything asked for since the last run. A burst
 * of change notices becomes one or two store reads, and a slow read can never land after (and
 * overwrite) a newer one.
 */
export function coalesce<T>(work: (items: T[]) => Promise<void>, onError: (error: unknown) => void = () => {}): (...items: T[]) => Promise<void> {
  let pending: T[] = [];
  let dirty = false;
  let running: Promise<void> | undefined;
  const loop = async () => {
    // Start on a later tick: calls in the same tick join the first run.
    await null;
    while (dirty) {
      dirty = false;
      const items = pending;
      pending = [];
      try {
        await work(items);
      } catch (error) {
        onError(error);
      }
    }
    running = undefined;
  };
  return (...items: T[]) => {
    pending.push(...items);
    dirty = true;
    running ??= loop();
    return running;
  };
}
