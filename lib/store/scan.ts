import type { Message } from '../circle/model';
import type { Database } from './db';

/**
 * One community's stored messages in key (id) order, `count` after `after`: how the popup's
 * search index reads the whole cache in a few large reads. Apart from Queries so the popup's
 * first chunk does not carry it.
 */
export function messagesAfter(db: Database, community: string, after: number, count: number): Promise<Message[]> {
  return db.getAll('messages', IDBKeyRange.bound([community, after], [community, Infinity], true), count);
}
