import { showBadge } from '../platform/badge';
import { writeStatus, type StorageStatus } from '../platform/status';
import type { ConnectionPhase } from './phase';
import { describeSession, type Session } from './session';

/** A word about the connection that no session holds: settings incomplete, a token out of reach. */
export interface StatusOverride {
  phase: ConnectionPhase;
  reason: string;
}

export interface PublisherDeps {
  current(): Session | undefined;
  online(): boolean;
  /** When this background context started: the popup tells a restarted worker by it. */
  startedAt: number;
  storage?(): StorageStatus | undefined;
}

/** The status record and the toolbar badge: the only place either is written from. */
export class Publisher {
  /** What was last written: every batch publishes, and most change neither (storage wakes every open page). */
  private written = { status: '', badge: '' };

  constructor(private readonly deps: PublisherDeps) {}

  async publish(s: Session | undefined, override?: StatusOverride): Promise<void> {
    // A session that was replaced (restart, sign-out) finishing late must not speak over its successor.
    if (s && this.deps.current() !== s) return;
    const { status, badge } = describeSession(s, { override, online: this.deps.online(), startedAt: this.deps.startedAt, now: Date.now() });
    const storage = this.deps.storage?.();
    if (storage) status.storage = storage;
    const next = { status: JSON.stringify({ ...status, updatedAt: 0 }), badge: JSON.stringify(badge) };
    const writes: Promise<void>[] = [];
    if (next.status !== this.written.status) writes.push(writeStatus(status));
    if (next.badge !== this.written.badge) writes.push(showBadge(badge));
    await Promise.all(writes);
    this.written = next;
  }
}
