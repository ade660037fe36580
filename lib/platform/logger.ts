import type { Logger } from '../cable';

/** Console lines with a context prefix. Callers pass token-free data only (see SECURITY). */
export function consoleLogger(context: string): Logger {
  const prefix = `[circle-live:${context}]`;
  return {
    info: (message, data) => console.info(prefix, message, data ?? ''),
    warn: (message, data) => console.warn(prefix, message, data ?? ''),
    error: (message, data) => console.error(prefix, message, data ?? ''),
  };
}
