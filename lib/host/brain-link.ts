import type { AskBrain, BrainReplies } from '../wire/messages';
import { HeldError } from './outbox';
import type { BrainLink } from './socket-host';

/** The socket host's way to the brain, over messaging (Chrome) or in-process (Firefox's background page). */
export function brainLink(ask: AskBrain): BrainLink & { hello(): Promise<BrainReplies['hello']> } {
  return {
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
}
