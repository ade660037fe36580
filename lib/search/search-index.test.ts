import { describe, expect, it } from 'vitest';
import { SearchIndex, type IndexedMessage } from './search-index';

const message = (id: number, text: string, extra: Partial<IndexedMessage> = {}): IndexedMessage => ({ id, roomUuid: 'r1', sentAt: 1000 + id, text, senderName: 'Ada Lovelace', ...extra });

function index(...messages: IndexedMessage[]) {
  const search = new SearchIndex();
  search.setRooms([
    { uuid: 'r1', name: 'General', lastActivityAt: 10 },
    { uuid: 'r2', name: 'Café Zürich', lastActivityAt: 20 },
  ]);
  search.addMessages(messages);
  return search;
}
const ids = (search: SearchIndex, query: string) => search.search(query).messages.map((m) => m.id);

describe('SearchIndex', () => {
  it('finds words by their prefix, whatever their case or diacritics', () => {
    const search = index(message(1, 'Schöne Grüße aus Köln'), message(2, 'nothing here'));
    expect(ids(search, 'grusse')).toEqual([1]);
    expect(ids(search, 'KOE')).toEqual([]);
    expect(ids(search, 'kol')).toEqual([1]);
    expect(ids(search, 'ere')).toEqual([]);
  });

  it('needs every word (AND), from the text, the sender or the room name', () => {
    const search = index(
      message(1, 'lunch today?', { senderName: 'Zoë Brown' }),
      message(2, 'lunch tomorrow', { senderName: 'Ada Lovelace' }),
      message(3, 'lunch in the café', { roomUuid: 'r2', senderName: 'Ada Lovelace' }),
    );
    expect(ids(search, 'lunch zoe')).toEqual([1]);
    expect(ids(search, 'lunch ada')).toEqual([3, 2]);
    expect(ids(search, 'zurich lunch')).toEqual([3]);
    expect(ids(search, 'lunch nobody')).toEqual([]);
  });

  it('ranks newest first and caps the list, counting every match', () => {
    const many = Array.from({ length: 120 }, (_, i) => message(i + 1, `word ${i}`, { sentAt: i % 2 ? 10_000 - i : i }));
    const results = index(...many).search('word', 50);
    expect(results.total).toBe(120);
    expect(results.messages).toHaveLength(50);
    const times = results.messages.map((m) => m.sentAt);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(times[0]).toBe(10_000 - 1);
  });

  it('gives the matched ranges of the snippet and the sender', () => {
    const [hit] = index(message(1, 'Meet at the Bahnhof', { senderName: 'Björn' })).search('bahn bjo').messages;
    expect(hit!.snippet.ranges.map(([a, b]) => hit!.snippet.text.slice(a, b))).toEqual(['Bahn']);
    expect(hit!.senderRanges).toEqual([[0, 3]]);
  });

  it('lists rooms whose name matches every word, with their ranges', () => {
    const results = index().search('cafe zu');
    expect(results.rooms.map((r) => [r.uuid, r.ranges])).toEqual([['r2', [[0, 4], [5, 7]]]]);
  });

  it('takes new messages without a rebuild, and follows edits and deletions', () => {
    const search = index(message(1, 'first draft'));
    expect(ids(search, 'draft')).toEqual([1]);
    search.addMessages([message(2, 'second draft'), message(1, 'first version')]);
    expect(ids(search, 'draft')).toEqual([2]);
    expect(ids(search, 'vers')).toEqual([1]);
    search.removeMessage(2);
    expect(ids(search, 'draft')).toEqual([]);
    expect(search.stats()).toMatchObject({ messages: 1 });
  });

  it('answers a blank query with nothing, and a one-letter one with the newest', () => {
    const anon = { senderName: undefined };
    const search = index(message(1, 'apple', anon), message(2, 'avocado', anon), message(3, 'banana', anon));
    expect(search.search('  ').messages).toEqual([]);
    expect(ids(search, 'a')).toEqual([2, 1]);
  });

  it('counts the newer timeline messages of a room, thread replies and other rooms aside', () => {
    const search = index(message(1, 'a'), message(2, 'b'), message(3, 'reply', { parentId: 1, threadId: 9 }), message(4, 'c'), message(5, 'd', { roomUuid: 'r2' }));
    expect(search.newerInRoom(1)).toBe(2);
    expect(search.newerInRoom(4)).toBe(0);
    expect(search.newerInRoom(99)).toBe(0);
  });
});
