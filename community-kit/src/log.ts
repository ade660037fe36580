/**
 * The service's only logger. It takes a closed set of fields, none of which can hold a token,
 * a code or an e-mail address: there is no free-text field to put one in.
 */

export type ErrorCode =
  | 'invalid_request'
  | 'redirect_uri_not_allowed'
  | 'invalid_grant'
  | 'not_eligible'
  | 'unknown_member'
  | 'login_failed'
  | 'email_not_verified'
  | 'rate_limited'
  | 'circle_unavailable'
  | 'service_misconfigured';

export type LogEvent =
  | 'listening'
  | 'authorize.redirected'
  | 'callback.code_issued'
  | 'token.issued'
  | 'token.reuse_revoked'
  | 'refresh.done'
  | 'revoke.done'
  | 'rejected'
  | 'circle.failed'
  | 'idp.failed';

export type RouteName = '/authorize' | '/callback' | '/token' | '/refresh' | '/revoke';

export interface SafeFields {
  route?: RouteName;
  status?: number;
  reason?: ErrorCode;
  /** Circle's HTTP status, when Circle answered something unexpected. */
  circleStatus?: number;
  /** An error's class name, never its message (messages can quote a request). */
  errorName?: string;
  port?: number;
}

export type LogSink = (line: string) => void;

export interface Logger {
  log(event: LogEvent, fields?: SafeFields): void;
  /** Rejections so far, by reason, for `/healthz`. */
  counts(): Record<string, number>;
}

export function createLogger(sink: LogSink, now: () => number): Logger {
  const rejections = new Map<string, number>();
  return {
    log(event, fields = {}) {
      if (fields.reason) rejections.set(fields.reason, (rejections.get(fields.reason) ?? 0) + 1);
      const line: Record<string, string | number> = { t: new Date(now()).toISOString(), event };
      for (const key of ['route', 'status', 'reason', 'circleStatus', 'errorName', 'port'] as const) {
        const value = fields[key];
        if (value !== undefined) line[key] = value;
      }
      sink(JSON.stringify(line));
    },
    counts: () => Object.fromEntries(rejections),
  };
}
