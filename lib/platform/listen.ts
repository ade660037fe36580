import { listenerFor } from '../wire/listen';
import type { Addressee, MessageTo, Sender } from '../wire/ask';
import { browser } from './native-browser';

/**
 * The browser's runtime messaging, the answering half (./messaging sends). What the polyfill
 * would add, a listener's promise as the answer on Chrome, is done with `sendResponse`, which
 * Chrome and Firefox both keep.
 */
type Respond = (reply: unknown) => void;

/** Answers the messages to `to` that `may` lets through; a handler that fails answers nothing, so the sender sees no answer. */
export function listen<T extends Addressee>(
  to: T,
  may: (message: MessageTo<T>, sender: Sender) => boolean,
  handle: (message: MessageTo<T>, sender: Sender) => Promise<unknown>,
): () => void {
  const respond = listenerFor(to, may, handle);
  const onMessage = (message: unknown, sender: Sender, sendResponse: Respond): true | undefined => {
    const answer = respond(message, sender);
    if (!answer) return undefined;
    answer.then(sendResponse, (error: unknown) => {
      console.warn('[circle-live:messaging] a handler failed', { kind: (message as { kind: string }).kind, error: error instanceof Error ? error.name : typeof error });
      sendResponse(undefined);
    });
    return true;
  };
  const events = browser.runtime.onMessage as unknown as { addListener(l: typeof onMessage): void; removeListener(l: typeof onMessage): void };
  events.addListener(onMessage);
  return () => events.removeListener(onMessage);
}
