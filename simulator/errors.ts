/**
 * An error with Circle's status and message. Actions throw it, the HTTP layer renders it as
 * Circle's `{success: false, message, error_details}` body.
 */
export class CircleError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'CircleError';
  }
}

export const notFound = (message: string): CircleError => new CircleError(404, message);
export const unprocessable = (message: string, details: Record<string, unknown> = {}): CircleError =>
  new CircleError(422, message, details);

/** The member API's 404, as Circle's examples word it. */
export const missingRecord = (record: string): CircleError =>
  new CircleError(404, 'Oops! Missing record. Please try again later.', { message: `Missing record: ${record}` });
