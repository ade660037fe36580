import { mergeShapes, recordShape } from '../circle/shape';
import { showBadge } from '../platform/badge';
import { writeStatus } from '../platform/status';
import { describeSession, type Session } from './session';
import { readReason, sameReason, type Reason } from '../wire/reasons';
import type { ConnectionPhase, ConnectionStatus, StatusDiagnostics, StorageStatus } from '../wire/status';

/** A word about the connection that no session holds: settings incomplete, a token out of reach. */
export interface StatusOverride {
  phase: ConnectionPhase;
  reason: Reason;
}

export interface PublisherDeps {
  current(): Session | undefined;
  online(): boolean;
  /** When this background context started: the popup tells a restarted worker by it. */
  startedAt: number;
  /** The status an earlier worker wrote: its diagnostics carry on, a worker lives only minutes. */
  previous?(): Promise<ConnectionStatus | undefined>;
  storage?(): StorageStatus | undefined;
}

const HISTORY = 20;

/** The status record and the toolbar badge: the only place either is written from. */
export class Publisher {
  /** What was last written: every batch publishes, and most change neither (storage wakes every open page). */
  private written = { status: '', badge: '' };
  private diagnostics: StatusDiagnostics = { rejected: {}, shapes: [], history: [] };
  private restored: Promise<void> | undefined;

  constructor(private readonly deps: PublisherDeps) {}

  /** A channel message no event came of: counted, and its shape (never its content) kept. */
  rejected(kind: string, message: unknown): void {
    const { rejected, shapes, history } = this.diagnostics;
    this.diagnostics = { rejected: { ...rejected, [kind]: (rejected[kind] ?? 0) + 1 }, shapes: recordShape(shapes, kind, message, Date.now()), history };
  }

  async publish(s: Session | undefined, override?: StatusOverride): Promise<void> {
    // A session that was replaced (restart, sign-out) finishing late must not speak over its successor.
    if (s && this.deps.current() !== s) return;
    await (this.restored ??= this.restore());
    const { status, badge } = describeSession(s, { override, online: this.deps.online(), startedAt: this.deps.startedAt, now: Date.now() });
    this.note(status);
    status.diagnostics = this.diagnostics;
    const storage = this.deps.storage?.();
    if (storage) status.storage = storage;
    const next = { status: JSON.stringify({ ...status, updatedAt: 0 }), badge: JSON.stringify(badge) };
    const writes: Promise<void>[] = [];
    if (next.status !== this.written.status) writes.push(writeStatus(status));
    if (next.badge !== this.written.badge) writes.push(showBadge(badge));
    await Promise.all(writes);
    this.written = next;
  }

  private note(status: ConnectionStatus): void {
    const last = this.diagnostics.history.at(-1);
    const change = { at: status.updatedAt, phase: status.phase, cable: status.cable?.state, reason: status.reason };
    if (last && last.phase === change.phase && last.cable === change.cable && sameReason(last.reason, change.reason)) return;
    this.diagnostics = { ...this.diagnostics, history: [...this.diagnostics.history, change].slice(-HISTORY) };
  }

  private async restore(): Promise<void> {
    const before = await this.deps.previous?.().catch(() => undefined);
    const earlier = before?.diagnostics;
    if (!earlier) return;
    const { rejected, shapes, history } = this.diagnostics;
    const counts = { ...earlier.rejected };
    for (const [kind, count] of Object.entries(rejected)) counts[kind] = (counts[kind] ?? 0) + count;
    this.diagnostics = { rejected: counts, shapes: mergeShapes(earlier.shapes, shapes), history: [...earlier.history.map((h) => ({ ...h, reason: readReason(h.reason) })), ...history].slice(-HISTORY) };
  }
}
