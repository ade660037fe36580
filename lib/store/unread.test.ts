import { describe, expect, it } from 'vitest';
import type { UnreadFields } from '../circle/model';
import { countUnread, MAX_LIVE, readUpTo, rebaseUnread, uncountUnread } from './unread';

const empty: UnreadFields = { unread: 0 };
const counted = (n: number, from = 1) => Array.from({ length: n }, (_, i) => from + i).reduce((r, id) => countUnread(r, id, id * 1000), empty);

describe('unread counts', () => {
  it('counts each live message once', () => {
    const once = countUnread(countUnread(empty, 1, 1000), 2, 2000);
    expect(countUnread(once, 2, 2000)).toEqual(once);
    expect(once.unread).toBe(2);
  });

  it('a read drops what was sent before it, even when it overtook a newer message', () => {
    const record = counted(3);
    expect(readUpTo(record, 2000).unread).toBe(1);
    // The message sent after the read but delivered after it still counts.
    expect(countUnread(readUpTo(counted(2), 2500), 3, 3000).unread).toBe(1);
    // A late message from before the read does not.
    expect(countUnread(readUpTo(empty, 2500), 2, 2000).unread).toBe(0);
  });

  it('a deletion uncounts its own message only', () => {
    expect(uncountUnread(counted(3), 2).unread).toBe(2);
    expect(uncountUnread(counted(3), 9).unread).toBe(3);
  });

  it("Circle's count replaces what it includes and keeps what came after", () => {
    const record = rebaseUnread(counted(3), 7, 2000);
    expect(record.unread).toBe(8);
    // A live event from before Circle's count is already in it.
    expect(countUnread(record, 1, 1000).unread).toBe(8);
  });

  it('stays bounded past many unread messages, and still counts them all', () => {
    const record = counted(MAX_LIVE * 3);
    expect(record.unreadLive).toHaveLength(MAX_LIVE);
    expect(record.unread).toBe(MAX_LIVE * 3);
    expect(uncountUnread(record, MAX_LIVE * 3).unread).toBe(MAX_LIVE * 3 - 1);
    expect(readUpTo(record, MAX_LIVE * 3 * 1000).unread).toBe(0);
    // A read among the newest keeps the newer ones.
    expect(readUpTo(record, (MAX_LIVE * 3 - 10) * 1000).unread).toBe(10);
    // A late read from before the folded messages takes none of them.
    expect(readUpTo(record, 500).unread).toBe(MAX_LIVE * 3);
    // Circle's count taken after the folded ones includes them.
    expect(rebaseUnread(record, 5, (MAX_LIVE * 2 + 1) * 1000).unread).toBe(5 + MAX_LIVE - 1);
  });
});
