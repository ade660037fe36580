import { identifierFor, type ChannelParams, type Clock } from '../../lib/cable';
import { createHarness } from '../../lib/cable/testing';

/** Time stands still for the client (no stale or retry timer fires); IndexedDB keeps real timers. */
const frozenClock: Clock = { now: () => 1_000_000, setTimeout: () => 0, clearTimeout: () => undefined };

/** Our client on a fake socket, welcomed and subscribed, collecting what it hands the app. */
export async function subscribedCable(channel: ChannelParams) {
  const identifier = identifierFor(channel);
  const harness = createHarness({ clock: frozenClock });
  const received: unknown[] = [];
  harness.cable.subscribe(channel, { received: (message) => received.push(message) });
  harness.cable.start();
  await Promise.resolve();
  harness.socket.welcome();
  harness.socket.receive({ identifier, type: 'confirm_subscription' });
  return { harness, received, identifier };
}
