import type { StorageProblem, StorageStatus } from '../wire/status';

/** What the status says about the cache's storage: the problem now, and the last one that cleared. */
export class StorageHealth {
  private state: StorageStatus | undefined;

  get status(): StorageStatus | undefined {
    return this.state;
  }

  failed(problem: StorageProblem, error: unknown, now = Date.now()): void {
    const name = errorName(error);
    if (this.state?.problem === problem && this.state.error === name) return;
    this.state = { ...this.state, problem, error: name, since: this.state?.problem ? this.state.since : now };
  }

  ok(now = Date.now()): void {
    const current = this.state;
    if (!current?.problem) return;
    this.state = { last: { problem: current.problem, error: current.error, since: current.since ?? now, clearedAt: now } };
  }
}

/** A DOMException's or Error's name: never its message, which may quote what it was about. */
export function errorName(error: unknown): string {
  const name = (error as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? name : typeof error;
}
