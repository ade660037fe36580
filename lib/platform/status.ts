import { browser } from './native-browser';
import type { ConnectionStatus } from '../wire/status';

const STATUS_KEY = 'status';

export async function readStatus(): Promise<ConnectionStatus | undefined> {
  return (await browser.storage.local.get(STATUS_KEY))[STATUS_KEY] as ConnectionStatus | undefined;
}

export async function writeStatus(status: ConnectionStatus): Promise<void> {
  await browser.storage.local.set({ [STATUS_KEY]: status });
}

export function onStatusChanged(listener: (status: ConnectionStatus | undefined) => void): () => void {
  const handle = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && STATUS_KEY in changes) listener(changes[STATUS_KEY]?.newValue as ConnectionStatus | undefined);
  };
  browser.storage.onChanged.addListener(handle);
  return () => browser.storage.onChanged.removeListener(handle);
}
