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

export function onStoreChange(listener: (change: Change) => void): () => void {
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = (event: MessageEvent<Change>) => listener(event.data);
  return () => channel.close();
}
