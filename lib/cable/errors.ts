// Every failure the client reports carries a machine-readable reason, so the app can show
// "signed out" differently from "server unreachable" without parsing messages.

export type FailureReason =
  | 'prepare_failed'
  | 'prepare_timeout'
  | 'socket_failed'
  | 'closed_before_open'
  | 'closed'
  | 'handshake_timeout'
  | 'welcome_timeout'
  | 'stale'
  | 'protocol_unsupported'
  | 'refresh_failed'
  | 'subscription_timeout';

export class CableError extends Error {
  override readonly name = 'CableError';

  constructor(
    readonly reason: FailureReason | (string & {}),
    message: string = reason,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
