import { Timer } from './clock.ts';
import type { Clock } from './clock.ts';
import type { Unbind } from './emitter.ts';
import { identifierFor, subscribeCommand, unsubscribeCommand } from './protocol.ts';
import type { ChannelParams } from './protocol.ts';
import type { Tunables } from './tunables.ts';

export type SubscriptionState = 'pending' | 'confirmed' | 'rejected';

export interface SubscriptionHandlers {
  /** `chars`: the length of the frame that carried it. */
  received(message: unknown, chars: number): void;
  confirmed?(): void;
  rejected?(): void;
}

export interface SubscriptionInfo {
  identifier: string;
  channel: string;
  state: SubscriptionState;
  listeners: number;
}

export interface SubscriptionChange {
  identifier: string;
  channel: string;
  state: SubscriptionState;
  reason: 'subscribe' | 'confirm' | 'reject' | 'disconnected' | 'subscription_timeout';
}

export interface SubscriptionsDeps {
  clock: Clock;
  tunables: Pick<
    Tunables,
    'subscribeTimeoutMs' | 'subscribeRetryDelayMs' | 'subscribeMaxRetries' | 'subscribeMaxForcedReconnects'
  >;
  send(frame: string): void;
  /** Retries on this connection are spent: the connection itself is suspect. */
  onGiveUp(identifier: string): void;
  onChange(change: SubscriptionChange): void;
  onHandlerError(error: unknown, identifier: string): void;
}

interface Entry {
  readonly identifier: string;
  readonly channel: string;
  state: SubscriptionState;
  // Wrapped, so one handlers object subscribed twice needs two unsubscribes.
  readonly listeners: Set<{ handlers: SubscriptionHandlers }>;
  /** A subscribe is out on this connection and its answer still counts. */
  awaiting: boolean;
  retries: number;
  forcedReconnects: number;
  readonly timer: Timer;
}

/**
 * One server subscription per identifier, fanned out to any number of local listeners. The
 * server only knows what was sent on the current connection, so everything is re-sent after
 * each `welcome` and nothing is sent while offline.
 */
export class Subscriptions {
  private readonly entries = new Map<string, Entry>();
  private online = false;

  constructor(private readonly deps: SubscriptionsDeps) {}

  add(params: ChannelParams, handlers: SubscriptionHandlers): Unbind {
    const identifier = identifierFor(params);
    let entry = this.entries.get(identifier);
    const token = { handlers };

    if (!entry) {
      entry = {
        identifier,
        channel: params.channel,
        state: 'pending',
        listeners: new Set([token]),
        awaiting: false,
        retries: 0,
        forcedReconnects: 0,
        timer: new Timer(this.deps.clock),
      };
      this.entries.set(identifier, entry);
      this.deps.onChange(changeOf(entry, 'subscribe'));
      if (this.online) this.sendSubscribe(entry);
    } else {
      entry.listeners.add(token);
      if (entry.state === 'rejected') {
        // Subscribing again is the app's way of saying "try that one again".
        entry.forcedReconnects = 0;
        this.setState(entry, 'pending', 'subscribe');
        if (this.online) this.sendSubscribe(entry);
      } else if (entry.state === 'confirmed') {
        this.call(entry, () => handlers.confirmed?.());
      }
    }

    const owner = entry;
    return () => {
      if (!owner.listeners.delete(token) || owner.listeners.size > 0) return;
      owner.timer.clear();
      this.entries.delete(owner.identifier);
      if (this.online && owner.state !== 'rejected') this.deps.send(unsubscribeCommand(owner.identifier));
    };
  }

  connected(): void {
    this.online = true;
    for (const entry of this.entries.values()) {
      if (entry.state !== 'rejected') this.sendSubscribe(entry);
    }
  }

  disconnected(): void {
    this.online = false;
    for (const entry of this.entries.values()) {
      entry.timer.clear();
      entry.awaiting = false;
      entry.retries = 0;
      if (entry.state === 'confirmed') this.setState(entry, 'pending', 'disconnected');
    }
  }

  /** False when the confirmation was ignored (unknown identifier, or not awaited). */
  confirm(identifier: string): boolean {
    const entry = this.entries.get(identifier);
    if (!this.online || !entry?.awaiting) return false;
    entry.awaiting = false;
    entry.timer.clear();
    entry.retries = 0;
    entry.forcedReconnects = 0;
    this.setState(entry, 'confirmed', 'confirm');
    for (const { handlers } of [...entry.listeners]) this.call(entry, () => handlers.confirmed?.());
    return true;
  }

  reject(identifier: string): boolean {
    const entry = this.entries.get(identifier);
    if (!this.online || !entry || entry.state === 'rejected') return false;
    this.fail(entry, 'reject');
    return true;
  }

  /** False for an identifier nobody here subscribed to. */
  deliver(identifier: string, message: unknown, chars = 0): boolean {
    const entry = this.entries.get(identifier);
    if (!entry || entry.state === 'rejected') return false;
    for (const { handlers } of entry.listeners) this.call(entry, () => handlers.received(message, chars));
    return true;
  }

  list(): SubscriptionInfo[] {
    return [...this.entries.values()].map(({ identifier, channel, state, listeners }) => ({
      identifier,
      channel,
      state,
      listeners: listeners.size,
    }));
  }

  private sendSubscribe(entry: Entry): void {
    entry.awaiting = true;
    entry.timer.set(this.deps.tunables.subscribeTimeoutMs, () => this.timedOut(entry));
    this.deps.send(subscribeCommand(entry.identifier));
  }

  private timedOut(entry: Entry): void {
    const { subscribeMaxRetries, subscribeRetryDelayMs, subscribeMaxForcedReconnects } = this.deps.tunables;
    entry.awaiting = false;
    if (entry.retries < subscribeMaxRetries) {
      entry.retries += 1;
      // Rails ignores a duplicate subscribe without a word, so if it thinks we are subscribed
      // (and only the confirmation was lost) a bare retry would time out again.
      this.deps.send(unsubscribeCommand(entry.identifier));
      entry.timer.set(subscribeRetryDelayMs, () => this.sendSubscribe(entry));
      return;
    }
    entry.retries = 0;
    entry.forcedReconnects += 1;
    if (entry.forcedReconnects > subscribeMaxForcedReconnects) {
      // Fresh connections did not help either: most likely a channel the server does not
      // know, which it answers with silence. Report it like a rejection.
      this.fail(entry, 'subscription_timeout');
      return;
    }
    this.deps.onGiveUp(entry.identifier);
  }

  private fail(entry: Entry, reason: 'reject' | 'subscription_timeout'): void {
    entry.awaiting = false;
    entry.timer.clear();
    this.setState(entry, 'rejected', reason);
    for (const { handlers } of [...entry.listeners]) this.call(entry, () => handlers.rejected?.());
  }

  private setState(entry: Entry, state: SubscriptionState, reason: SubscriptionChange['reason']): void {
    if (entry.state === state) return;
    entry.state = state;
    this.deps.onChange(changeOf(entry, reason));
  }

  private call(entry: Entry, fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.deps.onHandlerError(error, entry.identifier);
    }
  }
}

function changeOf(entry: Entry, reason: SubscriptionChange['reason']): SubscriptionChange {
  return { identifier: entry.identifier, channel: entry.channel, state: entry.state, reason };
}
