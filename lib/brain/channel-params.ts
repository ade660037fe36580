import type { ChannelParams } from '../cable';

/** The member's own channels (docs/circle-api.md: each takes `community_member_id`). */
export function memberChannels(memberId: number): ChannelParams[] {
  return [
    { channel: 'NotificationChannel', community_member_id: memberId },
    { channel: 'ChatRoomChannel', community_member_id: memberId },
    { channel: 'Chats::CommunityMemberThreadsChannel', community_member_id: memberId },
  ];
}

/** `Chats::RoomChannel` takes the numeric room id: its stream is `chat-room-#{id}-channel`. */
export function roomChannels(roomIds: readonly number[]): ChannelParams[] {
  return roomIds.map((id) => ({ channel: 'Chats::RoomChannel', chat_room_id: id }));
}

/** The ids of the `limit` most recently active rooms (given newest first), in a stable order. */
export function liveRoomIds(rooms: readonly { id: number }[], limit: number): number[] {
  return rooms
    .filter((room) => room.id > 0)
    .slice(0, limit)
    .map((room) => room.id)
    .sort((a, b) => a - b);
}
