/**
 * Circle's four channels: their stream names (from Circle's websocket page, docs/circle-websockets-beta.md) and who may subscribe.
 * The identifier params follow docs/circle-api.md's decisions; the same rules run in the real Rails
 * fixture (tests/fixtures/rails/config.ru), so keep the two in step.
 */
import type { Community } from './model';

export const streams = {
  notifications: (memberId: number): string => `notification-channel-${memberId}`,
  memberRooms: (memberId: number): string => `chat-room-channel-${memberId}`,
  room: (roomId: number): string => `chat-room-${roomId}-channel`,
  memberThreads: (memberId: number): string => `chat-community-member-${memberId}-threads-channel`,
};

export type ChannelName = 'NotificationChannel' | 'ChatRoomChannel' | 'Chats::CommunityMemberThreadsChannel' | 'Chats::RoomChannel';

type Params = Record<string, unknown>;

/** The stream a subscription listens to, or null when Circle would reject it. */
type Resolver = (params: Params, memberId: number, community: Community) => string | null;

/** As Rails' `params[:community_member_id].to_s == current_member_id.to_s`. */
function isOwnMemberId(value: unknown, memberId: number): boolean {
  if (typeof value === 'number') return Number.isInteger(value) && value === memberId;
  return typeof value === 'string' && value === String(memberId);
}

const ownStream = (stream: (memberId: number) => string): Resolver => (params, memberId) =>
  isOwnMemberId(params.community_member_id, memberId) ? stream(memberId) : null;

const CHANNELS: Record<ChannelName, Resolver> = {
  NotificationChannel: ownStream(streams.notifications),
  ChatRoomChannel: ownStream(streams.memberRooms),
  'Chats::CommunityMemberThreadsChannel': ownStream(streams.memberThreads),
  'Chats::RoomChannel': (params, memberId, community) => {
    const roomId = params.chat_room_id;
    if (typeof roomId !== 'number' || !Number.isInteger(roomId)) return null;
    const room = community.rooms.get(roomId);
    return room && community.participantOf(room, memberId) ? streams.room(roomId) : null;
  },
};

export function isChannelName(name: string): name is ChannelName {
  return Object.hasOwn(CHANNELS, name);
}

export function resolveStream(channel: ChannelName, params: Params, memberId: number, community: Community): string | null {
  return CHANNELS[channel](params, memberId, community);
}
