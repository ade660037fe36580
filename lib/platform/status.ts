import { browser } from './native-browser';
import type { ConnectionPhase } from '../brain/phase';
import type { SyncProgress } from '../brain/sync';
import type { CableState, CableStatus } from '../cable';
import type { ShapeSample } from '../circle/shape';

/** One change of the connection's state, for the options page's Diagnostics. */
export interface PhaseChange {
  at: number;
  phase: ConnectionPhase;
  cable?: CableState;
  reason?: string;
}

/** What the Diagnostics section shows: counts and shapes, never a value Circle sent. */
export interface StatusDiagnostics {
  /** Channel messages no event came of, by rejection kind. */
  rejected: Record<string, number>;
  shapes: ShapeSample[];
  /** The most recent last. */
  history: PhaseChange[];
}

/**
 * What the background says about the connection, for the popup and the options page. The
 * background is its only writer; pages read it instead of re-deriving it (and so the popup
 * never loads the settings validator). Never holds a token.
 */
export interface ConnectionStatus {
  phase: ConnectionPhase;
  /** Why, in words: a settings problem, Circle's refusal, a cable reason. */
  reason?: string;
  /** `{circle origin}/{member id}`: what everything stored is keyed by. */
  community?: string;
  circleUrl?: string;
  memberId?: number;
  memberName?: string;
  count?: number;
  cable?: CableStatus;
  /** The last REST sync: sign-in or backfill, and how far it got. */
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

const STATUS_KEY = 'status';

export async function readStatus(): Promise<ConnectionStatus | undefined> {
  return (await browser.storage.local.get(STATUS_KEY))[STATUS_KEY] as ConnectionStatus | undefined;
}

export async function writeStatus(status: ConnectionStatus): Promise<void> {
  await browser.storage.local.set({ [STATUS_KEY]: status });
}

export function onStatusChanged(listener: (status: ConnectionStatus | undefined) => void): () => void {
  const handle = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && STATUS_KEY in changes) listener(changes[STATUS_KEY]?.newValue as ConnectionStatus | undefined);
  };
  browser.storage.onChanged.addListener(handle);
  return () => browser.storage.onChanged.removeListener(handle);
}
