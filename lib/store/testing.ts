import type { Message, Notification, Room } from '../circle/model';

/** Builders for store tests: plausible records with only what a test cares about set. */
export const COMMUNITY = 'http://circle.test/7';
export const ME = 7;
export const OTHER = 8;

export function room(uuid: string, overrides: Partial<Room> = {}): Room {
  return { community: COMMUNITY, uuid, id: Number(uuid.replace(/\D/g, '')) || 1, kind: 'group_chat', name: `Room ${uuid}`, participants: [], unread: 0, lastActivityAt: 1_000, ...overrides };
}

export function message(id: number, roomUuid: string, overrides: Partial<Message> = {}): Message {
  return {
    community: COMMUNITY,
    id,
    roomUuid,
    sentAt: 10_000 + id,
    body: `message ${id}`,
    sender: { memberId: OTHER, name: 'Ada' },
    repliesCount: 0,
    ...overrides,
  };
}

export function notification(id: number, overrides: Partial<Notification> = {}): Notification {
  return { community: COMMUNITY, id, createdAt: 20_000 + id, actorName: 'Ada', text: 'mentioned you', url: 'https://circle.test/x', ...overrides };
}
