import type { BadgeState } from '../badge/badge';
import type { Reason } from '../wire/reasons';
import { readBoard, type ConnectionStatus } from '../wire/status';
import type { SharedPort } from './shared-port';

/**
 * The status board and the badge every community shares: each community's brain publishes its
 * own entry (./publish.ts), and this writes the whole board and the summed badge, one write
 * after another, in the settings' order. Only the background writes either.
 */
export class Board {
  private communities: { key: string; label: string }[] = [];
  private readonly statuses = new Map<string, ConnectionStatus>();
  private readonly badges = new Map<string, BadgeState>();
  /** What an earlier worker wrote: each community's diagnostics carry on from it. */
  private earlier = new Map<string, ConnectionStatus>();
  private notSetUpStatus: ConnectionStatus | undefined;
  private writes: Promise<unknown> = Promise.resolve();
  /** Badge writes go in order among themselves, never behind a status write: a woken worker's badge is what the member waits for. */
  private badgeWrites: Promise<unknown> = Promise.resolve();
  private browserStarted = false;
  /** What the toolbar was last told (or is being): the same lines are not written again. */
  private badgeShown: string | undefined;

  constructor(
    private readonly port: Pick<SharedPort, 'status' | 'showBadge'>,
    /** A community's entry now names another cache (its Circle or member changed): the old one is nobody's. */
    private readonly replaced: (community: string, key: string) => void = () => {},
  ) {}

  async restore(): Promise<void> {
    const board = readBoard(await this.port.status.read().catch(() => undefined));
    // An older version's status names no community: it was the only one, so the first.
    this.earlier = new Map(board?.communities.map((status, i) => [status.key ?? (i === 0 ? '' : `#${i}`), status]) ?? []);
  }

  /** The communities, in the settings' order, and what each is called. */
  order(communities: { key: string; label: string }[], startedAt: number): void {
    this.communities = communities;
    this.notSetUpStatus = undefined;
    const first = this.earlier.get('');
    if (first && communities[0] && !this.earlier.has(communities[0].key)) this.earlier.set(communities[0].key, first);
    void this.write(startedAt);
    // A woken worker: the toolbar still shows what the last one set, and each community's first
    // publish replaces it. "Connecting" in between would flicker, and its three calls would
    // queue beside the reads the first batch waits for.
    const woken = communities.every(({ key }) => !this.badges.has(key) && this.earlier.has(key));
    if (!woken || this.browserStarted) void this.showBadge();
  }

  /** The browser itself started: its toolbar kept no badge of the last session, so "connecting" it is until each community publishes. */
  started(): void {
    this.browserStarted = true;
    if (this.communities.some(({ key }) => !this.badges.has(key))) void this.showBadge();
  }

  /** Which caches the communities use, as far as their entries say. */
  caches(): string[] {
    return this.communities.map(({ key }) => this.get(key)?.community).filter((c): c is string => c !== undefined);
  }

  get(key: string): ConnectionStatus | undefined {
    return this.statuses.get(key) ?? this.earlier.get(key);
  }

  set(key: string, status: ConnectionStatus): Promise<void> {
    const before = this.get(key)?.community;
    this.statuses.set(key, status);
    if (before && status.community && before !== status.community) this.replaced(before, key);
    return this.write(status.startedAt);
  }

  hasBadge(key: string): boolean {
    return this.badges.has(key);
  }

  /**
   * A woken worker's badge for one community before its brain published (`Communities.earlyBadge`):
   * written only while every community is either this one or has its own badge already, so
   * the sum never counts another as "connecting"; never over what a brain published.
   */
  early(key: string, state: BadgeState): Promise<void> {
    if (this.badges.has(key) || this.notSetUpStatus) return Promise.resolve();
    if (!this.communities.some((c) => c.key === key) || this.communities.some((c) => c.key !== key && !this.badges.has(c.key))) return Promise.resolve();
    this.badges.set(key, state);
    return this.showBadge();
  }

  setBadge(key: string, state: BadgeState): Promise<void> {
    this.badges.set(key, state);
    return this.showBadge();
  }

  drop(key: string): void {
    this.statuses.delete(key);
    this.badges.delete(key);
    this.earlier.delete(key);
  }

  /** No valid settings: one entry, not set up, for the whole extension. */
  notSetUp(reason: Reason, startedAt: number): Promise<void> {
    this.communities = [];
    this.notSetUpStatus = { phase: 'not-set-up', reason, startedAt, updatedAt: Date.now(), diagnostics: this.earlier.values().next().value?.diagnostics };
    return Promise.all([this.write(startedAt), this.showBadge()]).then(() => undefined);
  }

  private write(startedAt: number): Promise<void> {
    const next = this.writes.then(() => {
      const communities = this.notSetUpStatus
        ? [this.notSetUpStatus]
        : this.communities.map(({ key, label }) => ({ ...(this.statuses.get(key) ?? { phase: 'connecting' as const, startedAt, updatedAt: Date.now() }), key, label }));
      return this.port.status.write({ communities });
    });
    this.writes = next.catch(() => undefined);
    return next;
  }

  private showBadge(): Promise<void> {
    const lines = this.notSetUpStatus ? [] : this.communities.map(({ key, label }) => ({ label, state: this.badges.get(key) ?? ({ kind: 'connecting' } as const) }));
    // The early badge and the brain's first publish mostly agree: the toolbar is not written twice.
    const shown = JSON.stringify(lines);
    if (shown === this.badgeShown) return this.badgeWrites.then(() => undefined);
    this.badgeShown = shown;
    const next = this.badgeWrites.then(() => this.port.showBadge(lines));
    this.badgeWrites = next.catch(() => {
      if (this.badgeShown === shown) this.badgeShown = undefined;
    });
    return next;
  }
}
