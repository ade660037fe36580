import type { Session } from './session';

/** The first retry of a permanent failure comes after this, each next one after twice as long… */
export const WATCHDOG_BACKOFF_MS = 60_000;
/** …up to this: a community that fixed its side is picked up within the hour, not hammered every 30 s. */
export const WATCHDOG_BACKOFF_CAP_MS = 60 * 60_000;

/**
 * A failure only the member, the community or Circle can fix: Circle refused the member or the
 * app, or the cable gave up. Signed out is not retried at all; network trouble is not permanent.
 */
export function failedForGood(s: Session): boolean {
  return s.stopped !== undefined || s.member?.live.cable?.state === 'stopped';
}

/** When the watchdog may try a permanently failed session again; a settings or permission change starts afresh. */
export class Backoff {
  private failures = 0;
  private nextAt = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** True when a retry is due now, and pushes the next one out. */
  due(): boolean {
    const now = this.now();
    if (now < this.nextAt) return false;
    this.nextAt = now + Math.min(WATCHDOG_BACKOFF_CAP_MS, WATCHDOG_BACKOFF_MS * 2 ** this.failures);
    this.failures += 1;
    return true;
  }

  get attempts(): number {
    return this.failures;
  }

  reset(): void {
    this.failures = 0;
    this.nextAt = 0;
  }
}

/** A boot that failed (the database would not open) is tried again after this, doubling to the cap. */
const BOOT_RETRY_MS = 1_000;
const BOOT_RETRY_MAX_MS = 60_000;

/** The timer that boots again after a failed boot, while the worker lives. */
export class BootRetry {
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** Schedules `retry`; returns how long it waits. */
  failed(retry: () => void): number {
    const delay = Math.min(BOOT_RETRY_MS * 2 ** this.failures++, BOOT_RETRY_MAX_MS);
    this.timer = setTimeout(retry, delay);
    return delay;
  }

  succeeded(): void {
    this.failures = 0;
  }

  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
