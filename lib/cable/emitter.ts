export type Unbind = () => void;

type Listener<T> = (payload: T) => void;

/**
 * Listeners run to completion after the work that raised their event: inside batch(), emits
 * are queued and delivered when the outermost batch returns. So a listener that calls back
 * into its owner (stop() on "connected") never finds it half-way through a change.
 *
 * A listener that throws must not break the owner nor starve the listeners after it, so every
 * call is isolated and the failure handed to `onListenerError`.
 */
export class Emitter<Events extends object> {
  private readonly listeners = new Map<keyof Events, Set<Listener<never>>>();
  private readonly queue: (() => void)[] = [];
  private depth = 0;
  private flushing = false;

  constructor(private readonly onListenerError: (error: unknown, event: keyof Events) => void) {}

  on<K extends keyof Events>(event: K, listener: Listener<Events[K]>): Unbind {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    // Wrapping gives every on() call its own identity, so the same function bound twice
    // is unbound one at a time.
    const entry: Listener<Events[K]> = (payload) => listener(payload);
    set.add(entry as Listener<never>);
    return () => {
      set.delete(entry as Listener<never>);
    };
  }

  emit<K extends keyof Events>(event: K, payload: Events[K]): void {
    this.queue.push(() => this.deliver(event, payload));
    if (this.depth === 0) this.flush();
  }

  batch<T>(work: () => T): T {
    this.depth += 1;
    try {
      return work();
    } finally {
      this.depth -= 1;
      if (this.depth === 0) this.flush();
    }
  }

  private flush(): void {
    // Re-entered from a listener's own batch: the loop below will reach the new events.
    if (this.flushing) return;
    this.flushing = true;
    try {
      for (let job = this.queue.shift(); job; job = this.queue.shift()) job();
    } finally {
      this.flushing = false;
    }
  }

  private deliver<K extends keyof Events>(event: K, payload: Events[K]): void {
    const set = this.listeners.get(event);
    if (!set) return;
    // A snapshot, so listeners that unbind (or bind) during the emit do not skew the loop.
    for (const listener of [...set] as Listener<Events[K]>[]) {
      try {
        listener(payload);
      } catch (error) {
        this.onListenerError(error, event);
      }
    }
  }
}
