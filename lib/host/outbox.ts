import type { Clock, TimerHandle } from '../cable';

/**
 * At-least-once, ordered, batched delivery from the socket host to the background brain.
 * One `runtime.sendMessage` per event tops out near 500 events/s, and a send made while the
 * service worker is stopping fails ("Receiving end does not exist") — but the sender sees the
 * rejection. So items queue here, leave in batches with one send in flight, and a batch that
 * was not acknowledged is sent again (the brain makes replays harmless: records are keyed).
 */
export interface OutboxOptions<T> {
  send(batch: Batch<T>): Promise<void>;
  clock: Clock;
  maxBatch?: number;
  /** Delays between retries of an unacknowledged batch; the last one repeats. */
  retryDelaysMs?: readonly number[];
  onError?(error: unknown, attempt: number): void;
}

export interface Batch<T> {
  /** Increases by one per batch; a brain can spot a replay by it. */
  seq: number;
  items: T[];
  /** The session (community) the items were heard for: the brain drops, and counts, another's. */
  session?: string;
}

const DEFAULT_MAX_BATCH = 500;
const DEFAULT_RETRY_DELAYS_MS = [20, 50, 100, 250, 500, 1000];

export class Outbox<T> {
  private queue: T[] = [];
  private inFlight: Batch<T> | undefined;
  private seq = 0;
  private attempt = 0;
  private timer: TimerHandle | undefined;
  private flushScheduled = false;
  private closed = false;
  private session: string | undefined;

  constructor(private readonly options: OutboxOptions<T>) {}

  get pending(): number {
    return this.queue.length + (this.inFlight?.items.length ?? 0);
  }

  push(item: T): void {
    if (this.closed) return;
    this.queue.push(item);
    // Items pushed in the same task share a batch.
    if (!this.inFlight && !this.flushScheduled && this.timer === undefined) {
      this.flushScheduled = true;
      queueMicrotask(() => {
        this.flushScheduled = false;
        this.flush();
      });
    }
  }

  /**
   * Items heard from now on belong to `session`. What is still queued for another one is
   * dropped here, and returned for the count; a batch already in flight keeps its own tag.
   */
  retag(session: string | undefined): number {
    if (session === this.session) return 0;
    this.session = session;
    return this.queue.splice(0).length;
  }

  close(): void {
    this.closed = true;
    if (this.timer !== undefined) this.options.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.queue = [];
  }

  private flush(): void {
    if (this.closed || this.inFlight || this.timer !== undefined || this.queue.length === 0) return;
    const max = this.options.maxBatch ?? DEFAULT_MAX_BATCH;
    const batch: Batch<T> = { seq: ++this.seq, items: this.queue.splice(0, max), ...(this.session === undefined ? {} : { session: this.session }) };
    this.inFlight = batch;
    this.deliver(batch);
  }

  private deliver(batch: Batch<T>): void {
    this.options.send(batch).then(
      () => {
        if (this.inFlight !== batch) return;
        this.inFlight = undefined;
        this.attempt = 0;
        this.flush();
      },
      (error: unknown) => {
        if (this.closed || this.inFlight !== batch) return;
        const delays = this.options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
        const delay = delays[Math.min(this.attempt, delays.length - 1)] ?? 1000;
        this.attempt += 1;
        this.options.onError?.(error, this.attempt);
        this.timer = this.options.clock.setTimeout(() => {
          this.timer = undefined;
          // What queued meanwhile travels along, so a long outage ends in one catch-up batch.
          const max = this.options.maxBatch ?? DEFAULT_MAX_BATCH;
          const room = batch.session === this.session ? Math.max(0, max - batch.items.length) : 0;
          batch.items.push(...this.queue.splice(0, room));
          this.deliver(batch);
        }, delay);
      },
    );
  }
}
