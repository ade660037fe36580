import { CircleError } from '../circle/errors';
import { reason, type Reason } from '../wire/reasons';

/** An error in a few words, for the console only: a member reads `reasonOfError`'s code, worded by the views. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Circle's reason for a refusal (lib/circle/errors), `unknown` for anything else. */
export function reasonOfError(error: unknown): Reason {
  return reason(error instanceof CircleError ? error.reason : 'unknown');
}
