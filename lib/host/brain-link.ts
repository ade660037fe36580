import type { AskBrain, BrainReplies } from '../wire/messages';
import { HeldError } from './outbox';
import type { BrainLink } from './socket-host';

/** One community's socket's way to the brain, over messaging (Chrome) or in-process (Firefox's background page). */
export function brainLink(ask: AskBrain, key: string): BrainLink {
  return {
    async deliver(batch) {
      const reply = await ask({ to: 'brain', kind: 'batch', key, batch });
      if ('held' in reply) throw new HeldError(reply.held);
      if (reply.ack !== batch.seq) throw new Error(`batch ${batch.seq} not acknowledged`);
    },
    async prepare() {
      if (!(await ask({ to: 'brain', kind: 'prepare', key })).ok) throw new Error('no valid token for the handshake');
    },
    async refreshAuth() {
      return (await ask({ to: 'brain', kind: 'refresh-auth', key })).ok;
    },
  };
}

/** What the host holds after a restart: every community's socket the brain wants. */
export function askConfigs(ask: AskBrain): Promise<BrainReplies['hello']> {
  return ask({ to: 'brain', kind: 'hello' });
}
