/**
 * Why the connection stands as it does, or why an action failed: a code the views put into
 * the member's language (public/_locales, key `reason_<code>`), never words of their own.
 * Modelled on AnyCable's `ReasonError`: the code decides, an optional detail (a field name,
 * a number) fills a blank in the sentence and is never shown as a sentence itself.
 */
export const REASON_CODES = [
  // Settings and the member's sign-in.
  'settings_incomplete',
  'host_permission_missing',
  'member_signed_out',
  'member_unknown',
  // Circle's answers (lib/circle/errors' reasons).
  'signed_out',
  'not_eligible',
  'forbidden',
  'unauthorized',
  'not_found',
  'rate_limited',
  'rejected',
  'server',
  'bad_response',
  'network',
  // The background itself.
  'storage_unavailable',
  'start_failed',
  // The live connection (lib/cable's failure reasons), and what the brain concludes from them.
  'origin_not_whitelisted',
  'protocol_unsupported',
  'prepare_failed',
  'prepare_timeout',
  'socket_failed',
  'closed_before_open',
  'closed',
  'handshake_timeout',
  'welcome_timeout',
  'stale',
  'refresh_failed',
  'subscription_timeout',
  'server_restart',
  'offline',
  // A page's request to the background.
  'not_connected',
  'not_in_cache',
  'nothing_to_send',
  'no_answer',
  'needs_options_page',
  'unknown',
] as const;

export type ReasonCode = (typeof REASON_CODES)[number];

export interface Reason {
  code: ReasonCode;
  /** A field name or a number for the sentence's blank; never words. */
  detail?: string;
}

const CODES: ReadonlySet<string> = new Set(REASON_CODES);

export function isReasonCode(value: unknown): value is ReasonCode {
  return typeof value === 'string' && CODES.has(value);
}

/** A code the caller expects to be one, `unknown` when it is not (a new Circle reason, a cable reason we do not word). */
export function reason(code: string, detail?: string): Reason {
  return detail === undefined ? { code: isReasonCode(code) ? code : 'unknown' } : { code: isReasonCode(code) ? code : 'unknown', detail };
}

/**
 * A reason as stored: by this version an object, by older ones a code or English text
 * (`Settings incomplete: origin`, `Signed out`). Anything not a known code reads as `unknown`,
 * so a view never shows stored text and never fails on it.
 */
export function readReason(value: unknown): Reason | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') return { code: isReasonCode(value) ? value : 'unknown' };
  if (typeof value !== 'object') return { code: 'unknown' };
  const { code, detail } = value as { code?: unknown; detail?: unknown };
  if (!isReasonCode(code)) return { code: 'unknown' };
  return typeof detail === 'string' || typeof detail === 'number' ? { code, detail: String(detail) } : { code };
}

export function sameReason(a: Reason | undefined, b: Reason | undefined): boolean {
  return a?.code === b?.code && a?.detail === b?.detail;
}
