/**
 * Circle's records as the extension keeps them: Circle's names, times as epoch milliseconds,
 * only the fields something reads. Every record carries its community so several can share
 * one database later.
 */
/** An unread count kept so it converges whatever order events come in (see lib/store/unread). */
export interface UnreadFields {
  unread: number;
  /** Circle's last known count, true at `unreadBaseAt`. */
  unreadBase?: number;
  unreadBaseAt?: number;
  /** [message id, sent at] of messages counted live since. */
  unreadLive?: [number, number][];
  /** Live messages past the list's bound, counted without their ids; the newest was sent at `unreadFoldedAt`. */
  unreadFolded?: number;
  unreadFoldedAt?: number;
  readAt?: number;
}

export interface Person {
  /** Circle's participant or member id, as the record gave it. */
  id?: number;
  memberId?: number;
  name: string;
  avatarUrl?: string;
  /** Circle's `user_public_uid`: the member's profile address, stable across communities. */
  publicUid?: string;
}

/** Reactions on a message, counted per emoji as Circle sends them. */
export interface Reaction {
  emoji: string;
  count: number;
  mine?: boolean;
}

export interface MessagePreview {
  id: number;
  body: string;
  sender?: Person;
  sentAt: number;
}

export interface Room extends UnreadFields {
  community: string;
  uuid: string;
  id: number;
  kind: string;
  name: string;
  description?: string;
  participantsCount?: number;
  participants: Person[];
  lastActivityAt: number;
  lastMessage?: MessagePreview;
  /**
   * Circle's room records carry no pin (docs/circle-api.md): it is known from the live
   * `chatRoomPinned` / `chatRoomUnPinned` only, so a REST snapshot leaves it as it was.
   */
  pinnedAt?: number;
  /** The member's own participant flags (`current_participant.muted` / `.archived`). */
  muted?: true;
  /** Archived by the member: out of the chat list, no alerts. */
  archived?: true;
  /** Event time of the last name/description change, for last-writer-wins. */
  updatedAt?: number;
  /** Event time of the last pin or unpin, for last-writer-wins. */
  pinChangedAt?: number;
  /** Known only from a message so far: REST fills it in. */
  stub?: true;
  /** A deleted room stays as a tombstone so an event arriving late cannot bring it back. */
  deleted?: true;
}

export interface Message {
  community: string;
  id: number;
  roomUuid: string;
  /** Circle's name for a message from the moment it accepted it: what a send is matched by. */
  creationUuid?: string;
  parentId?: number;
  threadId?: number;
  sentAt: number;
  editedAt?: number;
  body: string;
  /** The body was longer than we keep. */
  truncated?: true;
  /**
   * Circle's whole `rich_text_body` (`{body: doc, circle_ios_fallback_text, attachments, …}`);
   * records stored before it was kept whole hold the bare doc.
   */
  richText?: unknown;
  /** The rich text was larger than we keep: only the plain body is stored. */
  richTextDropped?: true;
  sender?: Person;
  reactions?: Reaction[];
  repliesCount: number;
  lastReplyAt?: number;
  /** Its `newMessage` effects (unread, replies, activity) are applied: never twice. */
  announced?: true;
  /** A deleted message stays as a tombstone so a late duplicate cannot bring it back. */
  deleted?: true;
  /** A parent known only from a reply that overtook it: holds the reply count until it comes. */
  placeholder?: true;
}

export interface Thread extends UnreadFields {
  community: string;
  id: number;
  roomUuid?: string;
  parentMessageId?: number;
  /**
   * The member takes part: Circle listed it for them (`GET /chat_threads`) or told them of it
   * on their threads channel. A reply heard on a room channel alone makes a record, not this.
   */
  followed?: true;
  /** The room's name as the thread record carries it, for a room not stored. */
  roomName?: string;
  /** The parent as a preview: stored as a message it would sit in the room's timeline out of turn. */
  parent?: MessagePreview;
  lastReply?: MessagePreview;
  lastActivityAt?: number;
}

export interface Notification {
  community: string;
  id: number;
  createdAt: number;
  readAt?: number;
  action?: string;
  displayAction?: string;
  notifiableType?: string;
  notifiableTitle?: string;
  actorName?: string;
  actorImage?: string;
  spaceTitle?: string;
  /** The sentence, built from Circle's `notification_text_structure`. */
  text?: string;
  /** That structure itself: the record's fields in sentence order, for views that style them. */
  textStructure?: string[];
  url?: string;
}

/** Longest body we store; longer ones are cut and marked, never dropped. */
export const MAX_BODY_CHARS = 16_000;

/** Largest rich text we store, as JSON characters; a larger one is dropped and marked. */
export const MAX_RICH_TEXT_CHARS = 64_000;
