import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Message } from '../circle/model';
import { openDatabase } from './db';
import { paginate } from './pages';
import { messagesAfter, messagesFrom } from './scan';

const message = (community: string, id: number, roomUuid: string): Message => ({ community, id, roomUuid, sentAt: id, body: `m${id}`, repliesCount: 0 });

describe('messagesAfter', () => {
  it('pages through one community in id order, never another community', async () => {
    const db = await openDatabase(`pages-${Math.random()}`);
    const tx = db.transaction('pages', 'readwrite');
    // Two rooms whose ids interleave, in pages of two: the next ids are spread over pages.
    for (const page of [...paginate('http://a/1', 'r1', [5, 1, 3].map((id) => message('http://a/1', id, 'r1')), 2), ...paginate('http://a/1', 'r2', [2, 4].map((id) => message('http://a/1', id, 'r2')), 1)]) await tx.store.put(page);
    await tx.store.put(paginate('http://b/1', 'r1', [message('http://b/1', 9, 'r1')])[0]!);
    await tx.done;
    expect((await messagesAfter(db, 'http://a/1', -Infinity, 2)).map((m) => m.id)).toEqual([1, 2]);
    expect((await messagesAfter(db, 'http://a/1', 2, 2)).map((m) => m.id)).toEqual([3, 4]);
    expect((await messagesAfter(db, 'http://a/1', 4, 2)).map((m) => m.id)).toEqual([5]);
    db.close();
  });

  it('reads every page of one community once, in pages, never another community', async () => {
    const db = await openDatabase(`pages-${Math.random()}`);
    const tx = db.transaction('pages', 'readwrite');
    for (const page of [...paginate('http://a/1', 'r1', [5, 1, 3].map((id) => message('http://a/1', id, 'r1')), 2), ...paginate('http://a/1', 'r2', [2, 4].map((id) => message('http://a/1', id, 'r2')), 1)]) await tx.store.put(page);
    await tx.store.put(paginate('http://b/1', 'r1', [message('http://b/1', 9, 'r1')])[0]!);
    await tx.done;
    const first = await messagesFrom(db, 'http://a/1', undefined, 3);
    expect(first.messages.map((m) => m.id)).toEqual([1, 3, 5, 2]);
    const second = await messagesFrom(db, 'http://a/1', first.next, 3);
    expect(second).toEqual({ messages: [expect.objectContaining({ id: 4 })], next: undefined });
    db.close();
  });
});
