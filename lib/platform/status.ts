import { browser } from './native-browser';
import { readBoard, type ConnectionStatus, type StatusBoard } from '../wire/status';

const STATUS_KEY = 'status';

export async function readBoardFromStorage(): Promise<StatusBoard | undefined> {
  return readBoard((await browser.storage.local.get(STATUS_KEY))[STATUS_KEY]);
}

export async function writeBoard(board: StatusBoard): Promise<void> {
  await browser.storage.local.set({ [STATUS_KEY]: board });
}

/** The first community's status: what a page that shows one community at a time starts from. */
export async function readStatus(): Promise<ConnectionStatus | undefined> {
  return (await readBoardFromStorage())?.communities[0];
}

export function onBoardChanged(listener: (board: StatusBoard | undefined) => void): () => void {
  const handle = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && STATUS_KEY in changes) listener(readBoard(changes[STATUS_KEY]?.newValue));
  };
  browser.storage.onChanged.addListener(handle);
  return () => browser.storage.onChanged.removeListener(handle);
}

export function onStatusChanged(listener: (status: ConnectionStatus | undefined) => void): () => void {
  return onBoardChanged((board) => listener(board?.communities[0]));
}
