import type { Message } from '../circle/model';
import type { Database } from './db';
import { keyOf, type PageKey } from './pages';

/**
 * One community's stored messages in id order, `count` after `after`: how the popup's search
 * index reads the whole cache in a few large reads. The pages that hold the next `count` ids
 * (their index entries, in id order) are read whole, and those ids taken from them. Apart from
 * Queries so the popup's first chunk does not carry it.
 */
export async function messagesAfter(db: Database, community: string, after: number, count: number): Promise<Message[]> {
  const tx = db.transaction('pages');
  const keys = await tx.store.index('byMessage').getAllKeys(IDBKeyRange.bound([community, after], [community, Infinity], true), count);
  const distinct = new Map<string, PageKey>(keys.map((key) => [`${key[1]}\u0000${key[2]}\u0000${key[3]}`, key]));
  const pages = await Promise.all([...distinct.values()].map((key) => tx.store.get(key)));
  const messages: Message[] = [];
  for (const page of pages) for (const message of page?.messages ?? []) if (message.id > after) messages.push(message);
  return messages.sort((a, b) => a.id - b.id).slice(0, count);
}

/**
 * One community's stored messages in the pages' order, `count` pages after the page `after`
 * names (`next` of the call before): the search index's first read, each page read once. Its
 * messages are in no id order across rooms; what is stored later is read by `messagesAfter`.
 */
export async function messagesFrom(db: Database, community: string, after: PageKey | undefined, count: number): Promise<{ messages: Message[]; next?: PageKey }> {
  const pages = await db.getAll('pages', after ? IDBKeyRange.bound(after, [community, []], true) : IDBKeyRange.bound([community], [community, []]), count);
  const last = pages[pages.length - 1];
  return { messages: pages.flatMap((page) => page.messages), next: pages.length === count && last ? keyOf(last) : undefined };
}
