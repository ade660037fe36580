import type { CableState, CableStatus } from '../cable';
import type { ShapeSample } from '../circle/shape';
import type { Reason } from './reasons';

/** What the member is told about the connection, in the popup's words. */
export type ConnectionPhase = 'not-set-up' | 'connecting' | 'live' | 'reconnecting' | 'offline' | 'signed-out' | 'error';

/** One change of the connection's state, for the options page's Diagnostics. */
export interface PhaseChange {
  at: number;
  phase: ConnectionPhase;
  cable?: CableState;
  reason?: Reason;
}

/** What the Diagnostics section shows: counts and shapes, never a value Circle sent. */
export interface StatusDiagnostics {
  /** Channel messages no event came of, by rejection kind. */
  rejected: Record<string, number>;
  shapes: ShapeSample[];
  /** The most recent last. */
  history: PhaseChange[];
}

/** The last REST sync: sign-in or backfill, and how far it got. */
export interface SyncProgress {
  kind: 'sign-in' | 'backfill';
  done: number;
  total: number;
  startedAt: number;
  finishedAt?: number;
  error?: Reason;
}

/**
 * What the background says about the connection, for the popup and the options page. The
 * background is its only writer (storage.local `status`); pages read it instead of re-deriving
 * it (and so the popup never loads the settings validator). Never holds a token.
 */
export interface ConnectionStatus {
  /** Which of the settings' communities (`communityKey`); unset when no settings are valid. */
  key?: string;
  /** What the member calls it: their name for it, or its origin's host. */
  label?: string;
  phase: ConnectionPhase;
  /** Why: a settings problem, Circle's refusal, a cable failure. Read it with `readReason`: an older version stored text. */
  reason?: Reason;
  /** `{circle origin}/{member id}`: what everything stored is keyed by. */
  community?: string;
  circleUrl?: string;
  memberId?: number;
  memberName?: string;
  count?: number;
  cable?: CableStatus;
  sync?: SyncProgress;
  diagnostics?: StatusDiagnostics;
  /** The cache's storage, when it is failing or has failed: see `StorageStatus`. */
  storage?: StorageStatus;
  /** When this background context started: a restarted service worker shows here. */
  startedAt: number;
  updatedAt: number;
}

/**
 * The cache's storage. While `problem` is set nothing new is stored, and nothing is lost
 * either: the socket host keeps what the brain could not store and sends it again.
 */
export interface StorageStatus {
  /** `open`: the database would not open; `write`: a batch could not be stored. */
  problem?: StorageProblem;
  /** The browser's error name (`QuotaExceededError`, …), never a message. */
  error?: string;
  since?: number;
  /** The last problem that went away, and when: what happened while nobody looked. */
  last?: { problem: StorageProblem; error?: string; since: number; clearedAt: number };
}

export type StorageProblem = 'open' | 'write';

/**
 * Every community's status, in the settings' order: what storage.local `status` holds. With
 * no valid settings there is one entry, not set up, and no key.
 */
export interface StatusBoard {
  communities: ConnectionStatus[];
}

/** A board as stored, or what an older version stored there (one community's status, no list). */
export function readBoard(value: unknown): StatusBoard | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  if (Array.isArray((value as StatusBoard).communities)) return value as StatusBoard;
  return 'phase' in value ? { communities: [value as ConnectionStatus] } : undefined;
}
