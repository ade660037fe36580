/**
 * Why a call to Circle failed, in words the status and the options page can show. Messages
 * never carry a token: they are built from the reason, the status and Circle's own message,
 * and Circle's messages only ever name a token, never quote it.
 */
export type CircleErrorReason =
  | 'network' // no answer at all: offline, DNS, refused, CORS
  | 'unauthorized' // 401 on a member call: the access token is invalid, expired or revoked
  | 'signed_out' // the refresh token is expired or unknown: only the member can fix it
  | 'forbidden' // 403: the community is not eligible, or the app token lacks the right
  | 'not_found' // 404
  | 'rate_limited' // 429, with retryAfterMs when Circle says
  | 'rejected' // 422 and other 4xx
  | 'server' // 5xx
  | 'bad_response'; // an answer that is not the JSON we expect

export class CircleError extends Error {
  override readonly name = 'CircleError';
  constructor(
    readonly reason: CircleErrorReason,
    message: string,
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

export function reasonForStatus(status: number): CircleErrorReason {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server';
  return 'rejected';
}
