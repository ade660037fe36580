import type { Addressee, MessageTo, Sender } from './ask';

export function isMessageTo<T extends Addressee>(to: T, value: unknown): value is MessageTo<T> {
  if (typeof value !== 'object' || value === null) return false;
  const { to: addressee, kind } = value as { to?: unknown; kind?: unknown };
  return addressee === to && typeof kind === 'string';
}

/**
 * A listener for the messages to `to` that `may` lets through: anything else (another
 * context's message, a stranger's, a malformed one) gets no answer from here.
 */
export function listenerFor<T extends Addressee>(
  to: T,
  may: (message: MessageTo<T>, sender: Sender) => boolean,
  handle: (message: MessageTo<T>, sender: Sender) => Promise<unknown>,
): (message: unknown, sender: Sender) => Promise<unknown> | undefined {
  return (message, sender) => (isMessageTo(to, message) && may(message, sender) ? handle(message, sender) : undefined);
}
