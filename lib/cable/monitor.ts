import { Timer } from './clock.ts';
import type { Clock } from './clock.ts';

/**
 * Notices a link that died without a `close` (laptop sleep, NAT timeout, a proxy that eats
 * FINs). Any frame counts as life. A frame only records its time; the single timer re-arms
 * itself for the remaining silence when it fires, so a burst of thousands of frames costs
 * thousands of assignments, not thousands of clearTimeout/setTimeout pairs.
 */
export class StaleMonitor {
  private last: number | null = null;
  private readonly timer: Timer;

  constructor(
    private readonly clock: Clock,
    private readonly staleAfterMs: number,
    private readonly onStale: (silentMs: number) => void,
  ) {
    this.timer = new Timer(clock);
  }

  /** Time of the last frame ever seen, kept across connections for status and resync. */
  get lastFrameAt(): number | null {
    return this.last;
  }

  get watching(): boolean {
    return this.timer.pending;
  }

  touch(at: number = this.clock.now()): void {
    this.last = at;
  }

  start(): void {
    this.last = this.clock.now();
    this.arm(this.staleAfterMs + 1);
  }

  stop(): void {
    this.timer.clear();
  }

  private arm(ms: number): void {
    this.timer.set(ms, () => this.check());
  }

  private check(): void {
    const silentMs = this.clock.now() - (this.last ?? 0);
    // "Silent for more than staleAfterMs": one millisecond past it, not at it.
    if (silentMs > this.staleAfterMs) {
      this.onStale(silentMs);
      return;
    }
    this.arm(this.staleAfterMs - silentMs + 1);
  }
}
