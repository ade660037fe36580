import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addHeld, isNothing, NOTHING_HELD, parseHeld, summarize, summaryOpens } from './held';
import { summaryWords, type SummaryKey } from './summary';

const batch = (community: string, rooms: Record<string, number>, notifications = 0) => ({ community, rooms: new Map(Object.entries(rooms)), notifications });

describe('the held tally', () => {
  it('sums messages by room across communities, the same room uuid in two communities being two rooms', () => {
    let held = addHeld(NOTHING_HELD, batch('a', { r1: 2, r2: 1 }));
    held = addHeld(held, batch('a', { r1: 1 }, 1));
    held = addHeld(held, batch('b', { r1: 4 }));
    expect(summarize(held)).toEqual({ messages: 8, rooms: 3, notifications: 1 });
    expect(isNothing(summarize(NOTHING_HELD))).toBe(true);
  });

  it('reads back what it wrote, and drops what is malformed, saying so', () => {
    const held = addHeld(NOTHING_HELD, batch('a', { r1: 2 }, 3));
    expect(parseHeld(JSON.parse(JSON.stringify(held)))).toEqual({ held, rejected: false });
    expect(parseHeld(undefined)).toEqual({ held: NOTHING_HELD, rejected: false });
    expect(parseHeld('lots')).toEqual({ held: NOTHING_HELD, rejected: true });
    expect(parseHeld({ rooms: { 'a/r1': 2, 'a/r2': -1, 'a/r3': 'x' }, notifications: 1 })).toEqual({ held: { rooms: { 'a/r1': 2 }, notifications: 1 }, rejected: true });
    expect(parseHeld({ rooms: null, notifications: 'x' }).rejected).toBe(true);
  });
});

function locale(lang: 'en' | 'de') {
  const messages = JSON.parse(readFileSync(`public/_locales/${lang}/messages.json`, 'utf8')) as Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
  return (key: SummaryKey, subs: string[] = []) => {
    const entry = messages[key]!;
    return entry.message.replace(/\$(\w+)\$/g, (_, name: string) => {
      const n = Number(entry.placeholders![name.toLowerCase()]!.content.slice(1));
      return subs[n - 1]!;
    });
  };
}

describe('where the summary opens', () => {
  it('is the one room held, else the community that held the most, else none named', () => {
    expect(summaryOpens({ rooms: { 'https://app.circle.so/2400/r1': 4 }, notifications: 0 })).toEqual({ community: 'https://app.circle.so/2400', room: 'r1' });
    expect(summaryOpens({ rooms: { 'a/r1': 1, 'b/r1': 2, 'b/r2': 1, 'a/r3': 1 }, notifications: 0 })).toEqual({ community: 'b' });
    // A notification besides: the room alone is not all there is to see.
    expect(summaryOpens({ rooms: { 'a/r1': 4 }, notifications: 1 })).toEqual({ community: 'a' });
    expect(summaryOpens({ rooms: {}, notifications: 3 })).toEqual({});
  });

  it('is kept by a new tally and read back from storage, a malformed one dropped', () => {
    const held = addHeld({ rooms: {}, notifications: 0, opens: { community: 'a', room: 'r1' } }, { community: 'b', rooms: new Map([['r2', 1]]), notifications: 0 });
    expect(parseHeld(JSON.parse(JSON.stringify(held))).held).toEqual(held);
    expect(parseHeld({ rooms: {}, notifications: 0, opens: { room: 7 } }).held).toEqual({ rooms: {}, notifications: 0, opens: {} });
    expect(parseHeld({ rooms: {}, notifications: 0, opens: { room: 'r1' } }).held.opens).toEqual({});
  });
});

describe('the summary', () => {
  it('says N messages in M rooms, with plural forms right, in both locales', () => {
    const en = locale('en');
    const de = locale('de');
    expect(summaryWords({ messages: 1, rooms: 1, notifications: 0 }, 'en', en)).toEqual({ title: 'While you were away', message: '1 message in 1 room' });
    expect(summaryWords({ messages: 5, rooms: 2, notifications: 0 }, 'en', en).message).toBe('5 messages in 2 rooms');
    expect(summaryWords({ messages: 1200, rooms: 3, notifications: 1 }, 'en', en).message).toBe('1,200 messages in 3 rooms, and 1 notification');
    expect(summaryWords({ messages: 0, rooms: 0, notifications: 2 }, 'en', en).message).toBe('2 notifications');
    expect(summaryWords({ messages: 1, rooms: 1, notifications: 0 }, 'de', de)).toEqual({ title: 'Während du weg warst', message: '1 Nachricht in 1 Raum' });
    expect(summaryWords({ messages: 5, rooms: 2, notifications: 3 }, 'de', de).message).toBe('5 Nachrichten in 2 Räumen und 3 Benachrichtigungen');
    expect(summaryWords({ messages: 1200, rooms: 1, notifications: 0 }, 'de', de).message).toBe('1.200 Nachrichten in 1 Raum');
  });
});
