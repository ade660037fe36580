import type { Person, Room } from '../circle/model';

/** The member as the header shows them: the sender of the first room whose last message is theirs. */
export function selfOf(rooms: readonly Room[], memberId: number | undefined): Person | undefined {
  if (memberId === undefined) return undefined;
  return rooms.find((room) => room.lastMessage?.sender?.memberId === memberId)?.lastMessage?.sender;
}
