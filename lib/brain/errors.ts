/** An error in a few words, for the status record and the console. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
