/** Opaque: a number in browsers, a Timeout object in Node. */
export type TimerHandle = unknown;

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

// Looked up on every call rather than captured, so fake timers installed later still apply.
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

/**
 * One pending callback at most: arming again replaces the previous one. Owning timers through
 * this makes "cancel every timer" in stop() a matter of clearing a handful of fields.
 */
export class Timer {
  private handle: TimerHandle = null;
  private armed = false;
  private dueAt: number | null = null;

  constructor(private readonly clock: Clock) {}

  get pending(): boolean {
    return this.armed;
  }

  /** When the callback is due, or null when nothing is armed. */
  get due(): number | null {
    return this.dueAt;
  }

  set(ms: number, callback: () => void): void {
    this.clear();
    this.armed = true;
    this.dueAt = this.clock.now() + ms;
    this.handle = this.clock.setTimeout(() => {
      this.armed = false;
      this.dueAt = null;
      this.handle = null;
      callback();
    }, ms);
  }

  clear(): void {
    if (!this.armed) return;
    this.clock.clearTimeout(this.handle);
    this.armed = false;
    this.dueAt = null;
    this.handle = null;
  }
}
