import type { Clock, TimerHandle } from '../cable';
import type { Batch } from '../wire/messages';

/**
 * At-least-once, ordered, batched delivery from the socket host to the background brain.
 * One `runtime.sendMessage` per event tops out near 500 events/s, and a send made while the
 * service worker is stopping fails ("Receiving end does not exist") — but the sender sees the
 * rejection. So items queue here, leave in batches with up to two sends in flight (one while
 * any is refused), and a batch that was not acknowledged is sent again (the brain makes
 * replays harmless: records are keyed, and it refuses a batch whose predecessor it did not store).
 */
export interface OutboxOptions<T> {
  send(batch: Batch<T>): Promise<void>;
  clock: Clock;
  maxBatch?: number;
  /** Batches sent before the first is acknowledged, while sends succeed. */
  maxInFlight?: number;
  /** A batch stops growing at this many bytes (`sizeOf`); a larger item travels alone. */
  maxBatchBytes?: number;
  /** An item past this is never sent: `setAside` may give a small stand-in for it (a counted rejection). */
  maxItemBytes?: number;
  sizeOf?(item: T): number;
  setAside?(item: T, bytes: number): T | undefined;
  /** Delays between retries of an unacknowledged batch; the last one repeats. */
  retryDelaysMs?: readonly number[];
  /**
   * A batch refused this many times is split in halves: a batch too big to cross is then
   * smaller. Refusals `isHeld` says the brain made on purpose (nowhere to store it yet) do not count.
   */
  splitAfter?: number;
  isHeld?(error: unknown): boolean;
  onError?(error: unknown, attempt: number): void;
}

/** The brain kept nothing on purpose and wants the batch again later: not a sign the batch is bad. */
export class HeldError extends Error {
  constructor(readonly reason: string) {
    super(`batch held: ${reason}`);
    this.name = 'HeldError';
  }
}

/**
 * Each batch costs a message hop, a transaction and a change notice whatever its size; the
 * queue grows only while a batch is in flight, so in a burst the next one takes everything
 * that came meanwhile, and a quiet stream still sends each event alone.
 */
const DEFAULT_MAX_BATCH = 2_000;
export const DEFAULT_MAX_BATCH_BYTES = 4 * 1024 * 1024;
export const DEFAULT_MAX_ITEM_BYTES = 1024 * 1024;
/** A stopping worker answers within milliseconds; a brain without storage may take minutes, and is not asked every second. */
const DEFAULT_RETRY_DELAYS_MS = [20, 50, 100, 250, 500, 1000, 2000, 5000, 15_000];
const DEFAULT_SPLIT_AFTER = 3;
const DEFAULT_MAX_IN_FLIGHT = 2;

interface Queued<T> {
  item: T;
  bytes: number;
}

interface Flight<T> {
  batch: Batch<T>;
  entries: Queued<T>[];
  /** What queued meanwhile may join it on a resend; not once it came from a split. */
  grows: boolean;
  /** Refused, and waiting for the batches sent after it to land before it is sent again. */
  failed?: { error: unknown };
}

export class Outbox<T> {
  private queue: Queued<T>[] = [];
  /** Oldest first. */
  private flights: Flight<T>[] = [];
  private seq = 0;
  private attempt = 0;
  private refusals = 0;
  private timer: TimerHandle | undefined;
  private flushScheduled = false;
  private closed = false;
  private session: string | undefined;

  constructor(private readonly options: OutboxOptions<T>) {}

  get pending(): number {
    return this.queue.length + this.flights.reduce((sum, f) => sum + f.entries.length, 0);
  }

  /** `bytes`, when the caller knows it already, spares `sizeOf`. */
  push(item: T, bytes = this.options.sizeOf?.(item) ?? 0): void {
    if (this.closed) return;
    if (bytes > (this.options.maxItemBytes ?? DEFAULT_MAX_ITEM_BYTES)) {
      const standIn = this.options.setAside?.(item, bytes);
      if (standIn === undefined) return;
      item = standIn;
      bytes = this.options.sizeOf?.(standIn) ?? 0;
    }
    this.queue.push({ item, bytes });
    // Items pushed in the same task share a batch.
    if (this.canStart() && !this.flushScheduled) {
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

  /**
   * Healthy, a second batch travels while the brain stores the first, so the hop and the parse
   * of one overlap the other's commit; after a refusal, one at a time until a batch lands.
   */
  private canStart(): boolean {
    const max = this.attempt > 0 ? 1 : (this.options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT);
    return !this.closed && this.timer === undefined && this.flights.length < max && !this.flights.some((f) => f.failed);
  }

  private flush(): void {
    while (this.canStart() && this.queue.length > 0) this.start(this.take([]));
  }

  /** Moves what fits from the queue behind `entries`: at least one entry, never past the caps. */
  private take(entries: Queued<T>[]): Queued<T>[] {
    const max = this.options.maxBatch ?? DEFAULT_MAX_BATCH;
    const maxBytes = this.options.maxBatchBytes ?? DEFAULT_MAX_BATCH_BYTES;
    let bytes = entries.reduce((sum, e) => sum + e.bytes, 0);
    let n = 0;
    while (n < this.queue.length && entries.length + n < max) {
      const next = this.queue[n]!;
      if (entries.length + n > 0 && bytes + next.bytes > maxBytes) break;
      bytes += next.bytes;
      n += 1;
    }
    return entries.concat(this.queue.splice(0, n));
  }

  private start(entries: Queued<T>[], grows = true): void {
    const ahead = this.flights.at(-1)?.batch.seq;
    const batch: Batch<T> = {
      seq: ++this.seq,
      items: entries.map((e) => e.item),
      ...(this.session === undefined ? {} : { session: this.session }),
      ...(ahead === undefined ? {} : { after: ahead }),
    };
    const flight: Flight<T> = { batch, entries, grows };
    this.flights.push(flight);
    this.deliver(flight);
  }

  private deliver(flight: Flight<T>): void {
    this.options.send(flight.batch).then(
      () => this.landed(flight),
      (error: unknown) => this.landed(flight, { error }),
    );
  }

  private landed(flight: Flight<T>, failed?: { error: unknown }): void {
    if (this.closed || !this.flights.includes(flight)) return;
    if (failed) flight.failed = failed;
    else this.flights.splice(this.flights.indexOf(flight), 1);
    if (this.flights.some((f) => !f.failed)) {
      // A landed batch frees its slot at once: at the end of a burst the rest would otherwise wait on the other flight's commit.
      if (!failed) this.flush();
      // A batch sent after a refused one is let land (the brain refuses what would overtake it) before anything is resent.
      return;
    }
    const [first, ...later] = this.flights;
    if (!first) {
      this.attempt = 0;
      this.refusals = 0;
      this.flush();
      return;
    }
    // The refused batches become one again, oldest first; the later ones' items go back to the queue's front, in order.
    this.queue.unshift(...later.filter((f) => f.batch.session === this.session).flatMap((f) => f.entries));
    this.flights = [first];
    this.retry(first, first.failed!.error);
  }

  private retry(current: Flight<T>, error: unknown): void {
    const { batch } = current;
    const delays = this.options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    const delay = delays[Math.min(this.attempt, delays.length - 1)] ?? 1000;
    this.attempt += 1;
    if (!this.options.isHeld?.(error)) this.refusals += 1;
    this.options.onError?.(error, this.attempt);
    this.timer = this.options.clock.setTimeout(() => {
      this.timer = undefined;
      if (this.closed) return;
      current.failed = undefined;
      if (batch.session !== this.session) {
        // Retagged while in flight: its community is gone, and its items must not travel with the next one's.
        this.flights = [];
        this.attempt = 0;
        this.refusals = 0;
        this.flush();
        return;
      }
      if (this.refusals >= (this.options.splitAfter ?? DEFAULT_SPLIT_AFTER) && current.entries.length > 1) {
        // The second half goes back to the front of the queue: the order holds.
        const half = Math.ceil(current.entries.length / 2);
        this.queue.unshift(...current.entries.slice(half));
        // Each half starts its own short retries: finding the item a send chokes on takes seconds, not minutes.
        this.refusals = 0;
        this.attempt = 0;
        this.flights = [];
        this.start(current.entries.slice(0, half), false);
        return;
      }
      // What queued meanwhile travels along, so a long outage ends in one catch-up batch.
      // Only items of the batch's own session may join it.
      const entries = current.grows && batch.session === this.session ? this.take(current.entries) : current.entries;
      batch.items = entries.map((e) => e.item);
      // Alone now: what it waited for has landed or goes again inside it.
      delete batch.after;
      current.entries = entries;
      this.deliver(current);
    }, delay);
  }
}
