import type { Logger } from '../cable';
import { addHeld, isNothing, NOTHING_HELD, parseHeld, summarize, summaryOpens, type Held, type HeldBatch, type QuietStorage, type SummaryOpens } from '../quiet/held';
import { quietNow, type QuietNow } from '../quiet/quiet';
import type { Preferences } from '../settings/preferences';
import type { Alert } from '../wire/alert';
import { roomUrl } from './alert-rules';
import { describeError } from './errors';

export type { QuietStorage } from '../quiet/held';

/** The extension's own alarm (no community key): the end of a snooze or of quiet hours. */
export const ALARM_QUIET_END = 'quiet-end';
/** The away summary's alert: one for every community, replaced rather than stacked. */
export const AWAY_SUMMARY_ID = 'quiet-summary';

/**
 * Where the summary's click goes, among the communities signed in now: the one room it held,
 * else the chats of the community that held the most, else (notifications alone carry no
 * community) the first community's notifications.
 */
export function awaySummaryUrl(opens: SummaryOpens | undefined, signedIn: readonly { origin: string; community: string }[]): string | undefined {
  const named = signedIn.find((c) => c.community === opens?.community);
  const target = named ?? signedIn[0];
  if (!target) return undefined;
  const base = target.origin.replace(/\/$/, '');
  if (named && opens?.room) return roomUrl(base, opens.room);
  return named ? `${base}/messages` : `${base}/notifications`;
}

export interface QuietKeeperDeps {
  preferences(): Promise<Preferences>;
  quiet: QuietStorage;
  alarms: { create(name: string, when: number): Promise<void>; clear(name: string): Promise<unknown> };
  alerts: { raise(alert: Alert): Promise<unknown> };
  logger: Logger;
  now(): number;
}

/**
 * Holds alerts back while the member is away (Do Not Disturb, a snooze, quiet hours), tallies
 * them in storage across communities and worker restarts, and when the quiet ends raises the
 * one summary. Every community's brain holds through the same keeper; its steps run one at a
 * time, so two communities' batches never lose each other's count.
 */
export class QuietKeeper {
  private queue: Promise<unknown> = Promise.resolve();
  /** Malformed tallies found in storage, for the diagnostics. */
  rejected = 0;

  constructor(private readonly deps: QuietKeeperDeps) {}

  /** Whether alerts are held now, and until when. */
  now(preferences: Preferences): QuietNow | undefined {
    return quietNow(preferences, this.deps.now(), this.deps.quiet.zone());
  }

  /** A batch's alerts, held: counted, and the end's alarm set (quiet hours begin with no event of their own). */
  hold(batch: HeldBatch): Promise<void> {
    return this.step(async () => {
      const held = addHeld(await this.read(), batch);
      await this.deps.quiet.write(held);
      await this.settle(await this.deps.preferences(), held);
    });
  }

  /**
   * The quiet may have ended: the alarm fired, the member ended a snooze or changed the schedule,
   * or the worker started again (Firefox forgets alarms across a browser restart).
   */
  check(): Promise<void> {
    return this.step(async () => this.settle(await this.deps.preferences(), await this.read()));
  }

  /** The summary was clicked: where it goes, forgotten once asked (a tally held since stays). */
  opened(): Promise<SummaryOpens | undefined> {
    let opens: SummaryOpens | undefined;
    return this.step(async () => {
      const held = await this.read();
      opens = held.opens;
      if (!opens) return;
      const rest: Held = { rooms: held.rooms, notifications: held.notifications };
      await this.deps.quiet.write(isNothing(summarize(rest)) ? undefined : rest);
    }).then(() => opens);
  }

  private step(run: () => Promise<void>): Promise<void> {
    const next = this.queue.then(run);
    this.queue = next.catch((error: unknown) => this.deps.logger.warn?.('quiet: could not keep the tally', { error: describeError(error) }));
    return next;
  }

  private async read(): Promise<Held> {
    const { held, rejected } = parseHeld(await this.deps.quiet.read());
    if (rejected) {
      this.rejected += 1;
      this.deps.logger.warn?.('quiet: a malformed tally was dropped in part', { rejected: this.rejected });
    }
    return held;
  }

  private async settle(preferences: Preferences, held: Held): Promise<void> {
    const quiet = this.now(preferences);
    if (quiet) {
      // Do Not Disturb has no end to wake for: turning it off is a preferences change.
      if (quiet.endsAt !== undefined) await this.deps.alarms.create(ALARM_QUIET_END, quiet.endsAt);
      else await this.deps.alarms.clear(ALARM_QUIET_END);
      return;
    }
    await this.deps.alarms.clear(ALARM_QUIET_END);
    const summary = summarize(held);
    if (isNothing(summary)) return;
    const wanted = preferences.awaySummary && preferences.alerts;
    // Cleared before the alert goes out: a summary raised twice is worse than one lost to a crash in between.
    await this.deps.quiet.write(wanted ? { ...NOTHING_HELD, opens: summaryOpens(held) } : undefined);
    if (!wanted) {
      this.deps.logger.info?.('quiet ended, no away summary wanted', { ...summary });
      return;
    }
    const words = this.deps.quiet.words(summary);
    await this.deps.alerts.raise({ id: AWAY_SUMMARY_ID, ...words, silent: true });
    this.deps.logger.info?.('away summary raised', { ...summary });
  }
}
