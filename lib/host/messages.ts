import type { ActionResult, MemberAction } from '../brain/actions';
import type { TestPreparation } from '../brain/connection-test';
import type { CableStatus, ChannelParams, ResyncInfo } from '../cable';
import type { Batch } from './outbox';

/** What the socket host tells the brain; it travels in acknowledged batches. */
export type HostItem =
  | { kind: 'message'; identifier: string; message: unknown; receivedAt: number }
  | { kind: 'status'; status: CableStatus }
  | { kind: 'resync'; info: ResyncInfo }
  /** Stands in for a frame too large to send: the brain counts it. */
  | { kind: 'set-aside'; identifier: string; bytes: number };

export interface HostConfig {
  /** The community (Circle URL and member) this connection belongs to. */
  community: string;
  cableUrl: string;
  channels: ChannelParams[];
}

/** Brain → host. */
export type ToHost =
  | { to: 'host'; kind: 'configure'; config: HostConfig | null }
  | { to: 'host'; kind: 'reconnect'; reason: string }
  | { to: 'host'; kind: 'status' };

/** What the host answers to each of them: its connection as it stands, none before one was configured. */
export interface HostReply {
  status: CableStatus | null;
}

/** Host (or page) → brain; each answers with the matching reply. */
export type ToBrain =
  | { to: 'brain'; kind: 'batch'; batch: Batch<HostItem> }
  | { to: 'brain'; kind: 'act'; request: MemberAction }
  | { to: 'brain'; kind: 'sign-out' }
  | { to: 'brain'; kind: 'reconnect' }
  | { to: 'brain'; kind: 'test-prepare'; settings: unknown }
  | { to: 'brain'; kind: 'test-end' }
  | { to: 'brain'; kind: 'prepare' }
  | { to: 'brain'; kind: 'refresh-auth' }
  | { to: 'brain'; kind: 'hello' };

export interface BrainReplies {
  /** `held`: nothing stored, nowhere to store it yet (no session, storage failing); the host keeps the batch. */
  batch: { ack: number } | { held: string };
  prepare: { ok: boolean };
  'refresh-auth': { ok: boolean };
  hello: { config: HostConfig | null };
  act: ActionResult;
  'sign-out': { ok: boolean; revoked?: boolean };
  reconnect: { ok: boolean };
  'test-prepare': TestPreparation;
  'test-end': { ok: boolean };
}

export function isToHost(value: unknown): value is ToHost {
  return typeof value === 'object' && value !== null && (value as { to?: unknown }).to === 'host';
}

export function isToBrain(value: unknown): value is ToBrain {
  return typeof value === 'object' && value !== null && (value as { to?: unknown }).to === 'brain';
}
