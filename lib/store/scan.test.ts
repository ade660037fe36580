import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Message } from '../circle/model';
import { openDatabase } from './db';
import { messagesAfter } from './scan';

const message = (community: string, id: number): Message => ({ community, id, roomUuid: 'r1', sentAt: id, body: `m${id}`, repliesCount: 0 });

describe('messagesAfter', () => {
  it('pages through one community in id order, never another community', async () => {
    const db = await openDatabase(`pages-${Math.random()}`);
    const tx = db.transaction('messages', 'readwrite');
    for (const id of [5, 1, 3, 2, 4]) await tx.store.put(message('http://a/1', id));
    await tx.store.put(message('http://b/1', 9));
    await tx.done;
    expect((await messagesAfter(db, 'http://a/1', -Infinity, 2)).map((m) => m.id)).toEqual([1, 2]);
    expect((await messagesAfter(db, 'http://a/1', 2, 2)).map((m) => m.id)).toEqual([3, 4]);
    expect((await messagesAfter(db, 'http://a/1', 4, 2)).map((m) => m.id)).toEqual([5]);
    db.close();
  });
});
