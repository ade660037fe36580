import { Cable, identifierFor, type Clock, type Logger, type Tunables, type Unbind, type WebSocketFactory } from '../cable';
import { heard } from './heard';
import { HeldError, Outbox } from './outbox';
import type { Batch, HostConfig, HostItem } from '../wire/messages';

/** How the host reaches the brain: runtime messaging on Chrome, plain calls on Firefox. */
export interface BrainLink {
  /** Resolves once the brain stored the batch; rejects with `HeldError` when it kept nothing on purpose. */
  deliver(batch: Batch<HostItem>): Promise<void>;
  /** Make the handshake headers current (the token may have changed). */
  prepare(): Promise<void>;
  /** After `unauthorized`: true when a fresh token is in place. */
  refreshAuth(): Promise<boolean>;
}

export interface SocketHostOptions {
  createWebSocket: WebSocketFactory;
  link: BrainLink;
  clock: Clock;
  logger?: Logger;
  tunables?: Partial<Tunables>;
  /** Called on every ping and message: Firefox keeps its event page alive with it while the socket is. */
  onFrame?: () => void;
}

/**
 * Holds the cable for one community and forwards what it hears, validated (./heard.ts): the
 * events are the brain's to reduce and store, so this side stays small and replaceable.
 */
export class SocketHost {
  private cable: Cable | undefined;
  private config: HostConfig | null = null;
  private readonly unbinds = new Map<string, Unbind>();
  private readonly cableUnbinds: Unbind[] = [];
  private readonly outbox: Outbox<HostItem>;

  constructor(private readonly options: SocketHostOptions) {
    this.outbox = new Outbox({
      clock: options.clock,
      send: (batch) => options.link.deliver(batch),
      // A channel message comes with its frame's length (`received`); the rest (status, resync, a stand-in) are this small.
      sizeOf: () => SMALL_ITEM_CHARS,
      isHeld: (error) => error instanceof HeldError,
      // Circle's own limit is far below; a frame this large is broken, and would hold up every batch behind it.
      setAside: (item, bytes) => {
        const identifier = item.kind === 'event' || item.kind === 'rejected' ? item.identifier : item.kind;
        options.logger?.warn?.('a frame too large to forward was set aside', { channel: channelOf(identifier), bytes });
        return { kind: 'set-aside', identifier, bytes };
      },
      onError: (error, attempt) => {
        if (attempt === 1 || attempt % 20 === 0) options.logger?.warn?.('brain did not acknowledge a batch; retrying', { attempt, error: String(error) });
      },
    });
  }

  configure(config: HostConfig | null): void {
    const previous = this.config;
    this.config = config;
    const dropped = this.outbox.retag(config?.community);
    if (dropped) this.options.logger?.warn?.('dropped items queued for the previous community', { count: dropped });
    if (!config) {
      this.dropCable();
      return;
    }
    if (!this.cable || !previous || previous.cableUrl !== config.cableUrl || previous.community !== config.community) {
      this.dropCable();
      this.cable = this.createCable(config.cableUrl);
    }
    this.syncChannels(config);
    this.cable.start();
  }

  reconnectNow(reason: string): void {
    const cable = this.cable;
    if (!cable) return;
    if (cable.state === 'stopped' || cable.state === 'idle') cable.start();
    else if (cable.state === 'reconnecting') cable.reconnectNow(reason);
  }

  status() {
    return this.cable?.status();
  }

  private createCable(url: string): Cable {
    const { link, clock } = this.options;
    const cable = new Cable({
      url,
      clock,
      createWebSocket: this.options.createWebSocket,
      logger: this.options.logger,
      tunables: this.options.tunables,
      prepare: () => link.prepare(),
      refreshAuth: () => link.refreshAuth(),
    });
    const pushStatus = () => this.outbox.push({ kind: 'status', status: cable.status() });
    this.cableUnbinds.push(
      cable.on('state', pushStatus),
      cable.on('subscription', pushStatus),
      cable.on('resync', (info) => this.outbox.push({ kind: 'resync', info })),
    );
    const { onFrame } = this.options;
    if (onFrame) this.cableUnbinds.push(cable.on('ping', onFrame));
    return cable;
  }

  private syncChannels(config: HostConfig): void {
    const cable = this.cable!;
    const wanted = new Map(config.channels.map((params) => [identifierFor(params), params]));
    for (const [identifier, unbind] of this.unbinds) {
      if (!wanted.has(identifier)) {
        unbind();
        this.unbinds.delete(identifier);
      }
    }
    for (const [identifier, params] of wanted) {
      if (this.unbinds.has(identifier)) continue;
      this.unbinds.set(
        identifier,
        cable.subscribe(params, {
          // The frame's length stands for the message's: serialising each message of a burst again costs more than the estimate's error.
          received: (message, chars) => {
            this.options.onFrame?.();
            this.outbox.push(heard(identifier, message, config.community, this.options.clock.now()), chars);
          },
        }),
      );
    }
  }

  private dropCable(): void {
    for (const unbind of this.unbinds.values()) unbind();
    this.unbinds.clear();
    for (const unbind of this.cableUnbinds.splice(0)) unbind();
    this.cable?.stop('stopped_by_app');
    this.cable = undefined;
  }
}

/** What an item that is not a channel message costs a batch, in JSON characters: what `runtime.sendMessage` carries. */
const SMALL_ITEM_CHARS = 64;

function channelOf(identifier: string): string {
  try {
    return String((JSON.parse(identifier) as { channel?: unknown }).channel ?? 'unknown');
  } catch {
    return 'unknown';
  }
}
