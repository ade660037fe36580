import type { CableStatus, ChannelParams, ResyncInfo } from '../cable';
import type { CircleEvent } from '../circle/events';
import type { Message } from '../circle/model';
import type { Reason } from './reasons';

/**
 * The messages between the extension's contexts, and what each is answered with: the one
 * map every sender and listener goes through (`ask`/`listen` in ./protocol). Brain: the
 * background. Host: the socket's context (Chrome's offscreen document). Pages: popup, options.
 */

/** What the socket host sends the brain, at least once and in order. */
export interface Batch<T> {
  /** Increases by one per batch; a brain can spot a replay by it. */
  seq: number;
  items: T[];
  /** The session (community) the items were heard for: the brain drops, and counts, another's. */
  session?: string;
  /** Sent while batch `after` was not yet acknowledged: stored only after it, and not at all if it was not stored. */
  after?: number;
}

/** What the socket host tells the brain; it travels in acknowledged batches. */
export type HostItem =
  /** A channel message, validated by the host (lib/host/heard.ts). */
  | { kind: 'event'; identifier: string; event: CircleEvent }
  /** A channel message no event came of: the brain counts `reason` and shows `message`'s shape in the Diagnostics. */
  | { kind: 'rejected'; identifier: string; reason: string; message: unknown }
  | { kind: 'status'; status: CableStatus }
  | { kind: 'resync'; info: ResyncInfo }
  /** Stands in for a frame too large to send: the brain counts it. */
  | { kind: 'set-aside'; identifier: string; bytes: number };

export interface HostConfig {
  /** Which of the settings' communities (`communityKey`): each has its own socket in the host. */
  key: string;
  /** The community (Circle URL and member) this connection belongs to. */
  community: string;
  cableUrl: string;
  channels: ChannelParams[];
}

/** What a page may ask the brain to do at Circle: shown at once, undone if Circle says no. */
export type MemberAction =
  | { action: 'mark-room-read'; uuid: string }
  | { action: 'reset-new-count' }
  | { action: 'mark-notification-read'; id: number }
  | { action: 'mark-all-read'; what: 'chats' | 'notifications' }
  /** A page of a room's history: the newest, or the one ending at `before` (exclusive). */
  | { action: 'load-history'; uuid: string; before?: number }
  /** What the member typed, sent as Circle's TipTap body; `parentId` for a reply in a thread (`threadId` once it has one). */
  | { action: 'send-message'; uuid: string; text: string; parentId?: number; threadId?: number }
  /** A thread from Circle: its parent and replies, stored and returned. */
  | { action: 'load-thread'; id: number }
  /** Read in the extension only: Circle's member API has no call for it (docs/circle-api.md). */
  | { action: 'mark-thread-read'; id: number };

export interface ActionResult {
  ok: boolean;
  /** Why it failed; the page words it (components/reasons). */
  error?: Reason;
  /** load-history: the page, oldest first; the page keeps what retention would evict. */
  messages?: Message[];
  /** load-history: Circle has older messages than these. */
  hasPrevious?: boolean;
  /** send-message: Circle's name for the message, and its id once read back. */
  creationUuid?: string;
  messageId?: number;
}

/** The steps of the connection check, in the order they can fail. */
export type CheckStep = 'settings' | 'token' | 'handshake' | 'welcome' | 'subscription';

/** The background's part of the options page's connection check: a token for the settings tried, and the header rule. */
export type CheckPreparation =
  | { ok: true; cableUrl: string; memberId: number; memberName?: string; channels: ChannelParams[] }
  | { ok: false; step: CheckStep; reason: Reason };

/** Brain → host. */
export type ToHost =
  /** One community's socket: `null` closes it, and the others carry on. */
  | { to: 'host'; kind: 'configure'; key: string; config: HostConfig | null }
  /** One community's socket, or every one. */
  | { to: 'host'; kind: 'reconnect'; key?: string; reason: string }
  | { to: 'host'; kind: 'status'; key: string }
  /** The alert sound, played by the document that may play it (Chrome's offscreen document). */
  | { to: 'host'; kind: 'sound' };

/** What the host answers to each of them: that community's connection as it stands (none before one was configured), and how many it holds. */
export interface HostReply {
  status: CableStatus | null;
  sockets: number;
  /** To `sound`: whether it really played. */
  played?: boolean;
}

/** Host or page → brain; each answers with the matching reply. */
export type ToBrain =
  | { to: 'brain'; kind: 'batch'; key: string; batch: Batch<HostItem> }
  | { to: 'brain'; kind: 'act'; key: string; request: MemberAction }
  /** One community, or (no key) every one, and whatever an earlier sign-in left. */
  | { to: 'brain'; kind: 'sign-out'; key?: string }
  /** One community's connection, or (no key) every one. */
  | { to: 'brain'; kind: 'reconnect'; key?: string }
  /** `settings`: one community, as in the settings' `communities` list. */
  | { to: 'brain'; kind: 'check-prepare'; settings: unknown }
  | { to: 'brain'; kind: 'check-end' }
  | { to: 'brain'; kind: 'prepare'; key: string }
  | { to: 'brain'; kind: 'refresh-auth'; key: string }
  | { to: 'brain'; kind: 'hello' };

export interface BrainReplies {
  /** `held`: nothing stored, nowhere to store it yet (no session, storage failing); the host keeps the batch. */
  batch: { ack: number } | { held: string };
  prepare: { ok: boolean };
  'refresh-auth': { ok: boolean };
  /** Every community's socket the host should hold. */
  hello: { configs: HostConfig[] };
  act: ActionResult;
  'sign-out': { ok: boolean; revoked?: boolean };
  reconnect: { ok: boolean };
  'check-prepare': CheckPreparation;
  'check-end': { ok: boolean };
}

/** A message to the brain and its answer, typed by kind: over runtime messaging, or in-process on Firefox. */
export type AskBrain = <K extends ToBrain['kind']>(message: Extract<ToBrain, { kind: K }>) => Promise<BrainReplies[K]>;

/** Where the socket lives, as the brain sees it: an offscreen document on Chrome, the background page on Firefox. */
export interface HostPort {
  /**
   * Resolves to the connection as the host holds it afterwards: one that was already
   * connected before a wake heard everything the worker slept through. Undefined when the
   * host only now came to be (or could not say).
   */
  configure(key: string, config: HostConfig | null): Promise<CableStatus | undefined>;
  /** One community's socket, or every one. */
  reconnectNow(reason: string, key?: string): Promise<void>;
}
