/**
 * Why a call to Circle failed, in words the status and the options page can show. Messages
 * never carry a token: they are built from the reason, the status and Circle's own message,
 * and Circle's messages only ever name a token, never quote it.
 */
export type CircleErrorReason =
  | 'network' // no answer at all: offline, DNS, refused, CORS
  | 'unauthorized' // 401 on a member call: the access token is invalid, expired or revoked
  | 'signed_out' // the refresh token is expired or unknown: only the member can fix it
  | 'not_eligible' // the community has no Headless API access: 403 on auth calls, 401 on member calls; never retried
  | 'forbidden' // 403: the app token lacks the right
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

/**
 * Circle says "not eligible" in two grammars: "Your community isn't eligible for headless API
 * access…" (auth calls, 403) and "Community does not eligible for headless API access." (member
 * calls, 401). Refreshing a token cannot fix either (docs/circle-api.md).
 */
const NOT_ELIGIBLE = /\beligible for headless api access\b/i;

/** The reason for an error answer, by its status and Circle's message. */
export function reasonForStatus(status: number, message = ''): CircleErrorReason {
  if ((status === 401 || status === 403) && NOT_ELIGIBLE.test(message)) return 'not_eligible';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server';
  return 'rejected';
}
