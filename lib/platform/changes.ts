import type { Change } from '../store/change';

/**
 * One change notice per stored batch, from the background to every open page. A
 * BroadcastChannel reaches the popup and options in Chrome and Firefox alike, and, unlike
 * `runtime.sendMessage`, costs nothing and fails nothing when no page is open.
 */
const CHANNEL = 'circle-live:store';

let sender: BroadcastChannel | undefined;

export function announceChange(change: Change): void {
  sender ??= new BroadcastChannel(CHANNEL);
  sender.postMessage(change);
}

// One receiving channel per page however many views listen: each channel is a connection to
// the browser made in the popup's first render (four views listen there) and a copy of every
// notice to deserialise.
let receiver: BroadcastChannel | undefined;
const listeners = new Set<{ listener: (change: Change) => void }>();

function deliver(event: MessageEvent<Change>) {
  for (const entry of [...listeners]) {
    // Removed by an earlier listener of this notice: it is gone, as a closed channel would be.
    if (!listeners.has(entry)) continue;
    try {
      entry.listener(event.data);
    } catch (error) {
      // Thrown where a channel of its own would have thrown it, without keeping the notice from the others.
      setTimeout(() => {
        throw error;
      });
    }
  }
}

export function onStoreChange(listener: (change: Change) => void): () => void {
  const entry = { listener };
  listeners.add(entry);
  if (!receiver) {
    receiver = new BroadcastChannel(CHANNEL);
    receiver.onmessage = deliver;
  }
  return () => {
    if (!listeners.delete(entry) || listeners.size) return;
    receiver?.close();
    receiver = undefined;
  };
}
