/**
 * ActionCable's wire protocol as a Rails server speaks it: constants, frame builders and
 * Rails' JSON encoding, kept in one place so the cable and the tests agree byte for byte.
 */
export const SUBPROTOCOL = 'actioncable-v1-json';
/** Rails offers this second protocol so an old client can be told to go away. */
export const UNSUPPORTED_SUBPROTOCOL = 'actioncable-unsupported';
export const CABLE_PATH = '/cable';

/**
 * Rails 6.1 closes a remotely disconnected socket with no frame; 7.1+ first sends
 * `{"type":"disconnect","reason":"remote","reconnect":true}`.
 */
export const RAILS_COMPATS = ['rails61', 'rails71'] as const;
export type RailsCompat = (typeof RAILS_COMPATS)[number];

export type DisconnectReason = 'unauthorized' | 'invalid_request' | 'server_restart' | 'remote';

const HTML_UNSAFE = /[<>&\u2028\u2029]/g;
const ESCAPES: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/**
 * ActiveSupport::JSON.encode: like JSON.stringify, but `<`, `>`, `&`, U+2028 and U+2029 are
 * escaped (Rails' escape_html_entities_in_json). Those characters only occur inside strings
 * in JSON text, so escaping the whole output is safe. Known divergence: Ruby writes floats
 * with a fraction (`1.0`, `1.0e+21`) where JavaScript writes `1` and `1e+21`.
 */
export function railsJson(value: unknown): string {
  return JSON.stringify(value).replace(HTML_UNSAFE, (char) => ESCAPES[char] ?? char);
}

export const frames = {
  welcome: (): string => '{"type":"welcome"}',
  ping: (unixSeconds: number): string => `{"type":"ping","message":${unixSeconds}}`,
  confirm: (identifier: string): string => `{"identifier":${railsJson(identifier)},"type":"confirm_subscription"}`,
  reject: (identifier: string): string => `{"identifier":${railsJson(identifier)},"type":"reject_subscription"}`,
  /** `encodedMessage` is already Rails-encoded, so one broadcast is encoded once for all subscribers. */
  message: (identifier: string, encodedMessage: string): string =>
    `{"identifier":${railsJson(identifier)},"message":${encodedMessage}}`,
  disconnect: (reason: DisconnectReason, reconnect: boolean): string =>
    `{"type":"disconnect","reason":"${reason}","reconnect":${reconnect}}`,
};

/** What Rails answers (through Puma) to a /cable request from a disallowed Origin or without an upgrade. */
export const PAGE_NOT_FOUND = 'Page not found';
