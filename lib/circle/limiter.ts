import { CircleError } from './errors';

/**
 * At most `concurrency` calls to Circle at a time, and none while Circle has asked us to wait
 * (429 with Retry-After): a backfill of many rooms must not look like an attack.
 */
export class Limiter {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private pausedUntil = 0;

  constructor(
    private readonly concurrency = 4,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    private readonly maxAttempts = 3,
  ) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      await this.acquire();
      try {
        const wait = this.pausedUntil - this.now();
        if (wait > 0) await this.sleep(wait);
        return await task();
      } catch (error) {
        if (!(error instanceof CircleError) || error.reason !== 'rate_limited' || attempt >= this.maxAttempts) throw error;
        this.pausedUntil = Math.max(this.pausedUntil, this.now() + (error.retryAfterMs ?? 1_000 * 2 ** attempt));
      } finally {
        this.release();
      }
    }
  }

  private acquire(): Promise<void> {
    if (this.running < this.concurrency) {
      this.running += 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running -= 1;
  }
}
