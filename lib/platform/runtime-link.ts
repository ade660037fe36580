import { browser } from 'wxt/browser';
import type { BrainLink } from '../host/socket-host';
import type { BrainReplies, ToBrain } from '../host/messages';
import { HeldError } from '../host/outbox';

async function ask<K extends ToBrain['kind']>(message: Extract<ToBrain, { kind: K }>): Promise<BrainReplies[K]> {
  const reply = (await browser.runtime.sendMessage(message)) as BrainReplies[K] | undefined;
  // No reply means no brain listened (the worker was starting): the caller retries.
  if (reply === undefined) throw new Error(`no answer to ${message.kind}`);
  return reply;
}

/** The offscreen document's way to the service worker; every call wakes it if it sleeps. */
export const runtimeBrainLink: BrainLink & { hello(): Promise<BrainReplies['hello']> } = {
  async deliver(batch) {
    const reply = await ask({ to: 'brain', kind: 'batch', batch });
    if ('held' in reply) throw new HeldError(reply.held);
    if (reply.ack !== batch.seq) throw new Error(`batch ${batch.seq} not acknowledged`);
  },
  async prepare() {
    if (!(await ask({ to: 'brain', kind: 'prepare' })).ok) throw new Error('no valid token for the handshake');
  },
  async refreshAuth() {
    return (await ask({ to: 'brain', kind: 'refresh-auth' })).ok;
  },
  hello: () => ask({ to: 'brain', kind: 'hello' }),
};
