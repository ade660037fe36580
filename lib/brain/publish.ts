import { mergeShapes, recordShape } from '../circle/shape';
import type { BrowserPort } from './port';
import { describeSession, type Session } from './session';
import { readReason, sameReason, type Reason } from '../wire/reasons';
import type { ConnectionPhase, ConnectionStatus, StatusDiagnostics, StorageStatus } from '../wire/status';

/** A word about the connection that no session holds: settings incomplete, a token out of reach. */
export interface StatusOverride {
  phase: ConnectionPhase;
  reason: Reason;
}

export interface PublisherDeps {
  port: Pick<BrowserPort, 'status' | 'showBadge' | 'firstScreen'>;
  current(): Session | undefined;
  online(): boolean;
  /** When this background context started: the popup tells a restarted worker by it. */
  startedAt: number;
  storage?(): StorageStatus | undefined;
}

const HISTORY = 20;

/** The status record and the toolbar badge: the only place either is written from. */
export class Publisher {
  /** What was last written, or is being: every batch publishes, and most change neither (storage wakes every open page). */
  private written = { status: '', badge: '' };
  private diagnostics: StatusDiagnostics = { rejected: {}, shapes: [], history: [] };
  private restored: Promise<void> | undefined;
  /** `soon`'s one publish to come, and the one running: a burst's batches publish once each time the last one finished. */
  private due: { s: Session | undefined } | undefined;
  private publishing: Promise<void> = Promise.resolve();

  constructor(private readonly deps: PublisherDeps) {}

  /** A channel message no event came of: counted, and its shape (never its content) kept. */
  rejected(kind: string, message: unknown): void {
    const { rejected, shapes, history } = this.diagnostics;
    this.diagnostics = { rejected: { ...rejected, [kind]: (rejected[kind] ?? 0) + 1 }, shapes: recordShape(shapes, kind, message, Date.now()), history };
  }

  /**
   * A publish off the caller's path: a batch is acknowledged once stored, and its status and
   * badge follow, one write for however many batches committed while the last one was written.
   */
  soon(s: Session | undefined, onError: (error: unknown) => void): Promise<void> {
    if (this.due) {
      this.due.s = s;
      return this.publishing;
    }
    const due = { s };
    this.due = due;
    this.publishing = this.publishing
      .then(() => {
        this.due = undefined;
        return this.publish(due.s);
      })
      .catch(onError);
    return this.publishing;
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
    // The badge first: it is what the member sees, and a woken worker's status write is not.
    if (next.badge !== this.written.badge) writes.push(this.deps.port.showBadge(badge));
    if (next.status !== this.written.status) writes.push(this.deps.port.status.write(status), this.dropFirstScreen(status));
    // Counted as written from now on: a batch's commit and its acknowledgement both publish, a
    // moment apart, and the second must not write it all again.
    this.written = next;
    try {
      await Promise.all(writes);
    } catch (error) {
      // Not written after all: the next publish writes both again.
      if (this.written === next) this.written = { status: '', badge: '' };
      throw error;
    }
  }

  /** Once the publishes `soon` queued are written: what a woken worker's first batch shows goes before anything else it does. */
  settled(): Promise<void> {
    return this.publishing.catch(() => undefined);
  }

  /**
   * A change touched rooms: the popup's first screen is drawn again from them (the refresher
   * debounces a burst). No status write: a batch publishes by itself, and rooms alone change
   * neither the status nor the badge.
   */
  roomsChanged(s: Session): void {
    if (this.deps.current() === s && s.member) this.deps.port.firstScreen.refresh(s.member.community);
  }

  /** Signed out or not set up, the community's first screen goes: sign-out forgets the cache it was drawn from. */
  private async dropFirstScreen(status: ConnectionStatus): Promise<void> {
    if (status.community && (status.phase === 'signed-out' || status.phase === 'not-set-up')) await this.deps.port.firstScreen.clear(status.community);
  }

  private note(status: ConnectionStatus): void {
    const last = this.diagnostics.history.at(-1);
    const change = { at: status.updatedAt, phase: status.phase, cable: status.cable?.state, reason: status.reason };
    if (last && last.phase === change.phase && last.cable === change.cable && sameReason(last.reason, change.reason)) return;
    this.diagnostics = { ...this.diagnostics, history: [...this.diagnostics.history, change].slice(-HISTORY) };
  }

  private async restore(): Promise<void> {
    // The status an earlier worker wrote: its diagnostics carry on, a worker lives only minutes.
    const before = await this.deps.port.status.read().catch(() => undefined);
    const earlier = before?.diagnostics;
    if (!earlier) return;
    const { rejected, shapes, history } = this.diagnostics;
    const counts = { ...earlier.rejected };
    for (const [kind, count] of Object.entries(rejected)) counts[kind] = (counts[kind] ?? 0) + count;
    this.diagnostics = { rejected: counts, shapes: mergeShapes(earlier.shapes, shapes), history: [...earlier.history.map((h) => ({ ...h, reason: readReason(h.reason) })), ...history].slice(-HISTORY) };
  }
}
