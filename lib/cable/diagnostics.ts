import type { ParseFailure } from './protocol.ts';

export type DiagnosticKind = ParseFailure | 'unknown_identifier' | 'listener_error' | 'send_failed';

export const DIAGNOSTIC_KINDS: readonly DiagnosticKind[] = [
  'binary_frame',
  'invalid_json',
  'not_an_object',
  'unknown_type',
  'missing_field',
  'unknown_identifier',
  'listener_error',
  'send_failed',
];

/** Counts since the cable was created; never reset, so a popup can show a lifetime tally. */
export type Diagnostics = Record<DiagnosticKind, number>;

export interface Diagnostic {
  kind: DiagnosticKind;
  /** Short and content-free: a field name, a frame type, a length; never a payload. */
  detail: string;
  at: number;
}

/** Messages are plain text with small, token-free data: no URL, header or frame payload. */
export interface Logger {
  debug?(message: string, data?: Record<string, unknown>): void;
  info?(message: string, data?: Record<string, unknown>): void;
  warn?(message: string, data?: Record<string, unknown>): void;
  error?(message: string, data?: Record<string, unknown>): void;
}

export function emptyDiagnostics(): Diagnostics {
  const counts = {} as Diagnostics;
  for (const kind of DIAGNOSTIC_KINDS) counts[kind] = 0;
  return counts;
}

/** Counts, logs and announces what went wrong, without ever letting the reporting itself fail. */
export class Reporter {
  readonly counts = emptyDiagnostics();

  constructor(
    private readonly logger: Logger,
    private readonly now: () => number,
    private readonly announce: (diagnostic: Diagnostic) => void,
  ) {}

  diagnose(kind: DiagnosticKind, detail: string): void {
    this.counts[kind] += 1;
    this.log('warn', `cable diagnostic: ${kind}`, { detail });
    this.announce({ kind, detail, at: this.now() });
  }

  /**
   * Only the error's name is logged: an app's message might quote a token. `quiet` is for a
   * failing diagnostic listener, which would otherwise report itself forever.
   */
  listenerFailed(error: unknown, where: string, quiet = false): void {
    this.counts.listener_error += 1;
    this.log('error', `cable listener threw in ${where}`, { error: error instanceof Error ? error.name : typeof error });
    if (!quiet) this.announce({ kind: 'listener_error', detail: where, at: this.now() });
  }

  log(level: keyof Logger, message: string, data?: Record<string, unknown>): void {
    try {
      this.logger[level]?.(message, data);
    } catch {
      // A broken logger is not worth a broken connection.
    }
  }
}
