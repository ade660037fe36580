/**
 * The in-memory community: one model that both the REST API and the cable read, so what a
 * test sees over REST always matches what it was told over the socket. Plain data plus
 * queries; every change with side effects goes through actions.ts.
 */
export type RoomKind = 'direct' | 'group_chat';

export interface Member {
  id: number;
  name: string;
  email: string;
  ssoUserId: string;
  headline: string;
  avatarUrl: string;
  /** Circle's `user_public_uid`. */
  publicUid: string;
  createdAt: Date;
  /** Notifications created after this moment count as "new" until reset. */
  notificationsSeenAt: Date;
}

export interface Participant {
  id: number;
  memberId: number;
  /** Known to the member's own client; Circle's room records do not carry it (only the live pin events). */
  pinnedAt: Date | null;
  muted: boolean;
  archived: boolean;
  /** Top-level messages above this id, by someone else, are unread. */
  lastReadMessageId: number;
}

export interface Room {
  id: number;
  uuid: string;
  identifier: string;
  kind: RoomKind;
  name: string;
  description: string;
  showHistory: boolean;
  createdAt: Date;
  participants: Participant[];
  /** Every message of the room, replies and deleted ones included, in id order. */
  messages: Message[];
}

/** One run of a message's rich text. */
export type Span =
  | { text: string; bold?: true; italic?: true; href?: string }
  | { mention: number }
  | { hardBreak: true };

export interface FileSpec {
  id: number;
  filename: string;
  contentType: string;
  byteSize: number;
  width: number;
  height: number;
  /** Where the file is; by default a path on the community's own origin. */
  url?: string;
}

/** Formatting and files a plain body cannot say; `body` is then its plain rendering. */
export interface RichContent {
  paragraphs: Span[][];
  attachments: FileSpec[];
  inlineAttachments: FileSpec[];
}

export interface Reaction {
  emoji: string;
  memberIds: number[];
}

export interface Message {
  id: number;
  roomId: number;
  participantId: number;
  senderId: number;
  body: string;
  creationUuid: string;
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
  parentId: number | null;
  /** Set on a reply, and on a parent once it has a thread. */
  threadId: number | null;
  reactions: Reaction[];
  /** Null: the rich text is built from `body`. */
  rich: RichContent | null;
}

export interface Thread {
  id: number;
  roomId: number;
  parentId: number;
  /** Per member, the newest reply they have read. */
  lastReadReplyId: Map<number, number>;
}

export interface Notification {
  id: number;
  memberId: number;
  createdAt: Date;
  readAt: Date | null;
  action: string;
  displayAction: string;
  notifiableType: string;
  notifiableId: number;
  notifiableTitle: string;
  actorName: string;
  actorImage: string;
  spaceTitle: string;
  textStructure: string[];
  actionWebUrl: string;
}

type IdKind = 'member' | 'room' | 'participant' | 'message' | 'thread' | 'notification';

export class Community {
  readonly members = new Map<number, Member>();
  readonly rooms = new Map<number, Room>();
  readonly messages = new Map<number, Message>();
  readonly threads = new Map<number, Thread>();
  readonly notifications = new Map<number, Notification>();
  private readonly lastIds: Record<IdKind, number>;

  constructor(
    readonly id: number,
    readonly name: string,
    /** The community's web address: links in notifications and rooms point there. */
    readonly webUrl: string,
    firstIds: Record<IdKind, number>,
  ) {
    this.lastIds = { ...firstIds };
  }

  nextId(kind: IdKind): number {
    this.lastIds[kind] += 1;
    return this.lastIds[kind];
  }

  memberByEmail(email: string): Member | undefined {
    const wanted = email.trim().toLowerCase();
    return [...this.members.values()].find((member) => member.email.toLowerCase() === wanted);
  }

  memberBySsoId(ssoUserId: string): Member | undefined {
    return [...this.members.values()].find((member) => member.ssoUserId === ssoUserId);
  }

  roomByUuid(uuid: string): Room | undefined {
    return [...this.rooms.values()].find((room) => room.uuid === uuid);
  }

  participantOf(room: Room, memberId: number): Participant | undefined {
    return room.participants.find((participant) => participant.memberId === memberId);
  }

  /** The rooms a member takes part in, most recently active first. */
  roomsOf(memberId: number): Room[] {
    return [...this.rooms.values()]
      .filter((room) => this.participantOf(room, memberId))
      .sort((a, b) => this.lastActivity(b) - this.lastActivity(a) || b.id - a.id);
  }

  /** Visible top-level messages, oldest first: what a room's timeline shows. */
  timeline(room: Room): Message[] {
    return room.messages.filter((message) => message.parentId === null && message.deletedAt === null);
  }

  lastMessage(room: Room): Message | undefined {
    const timeline = this.timeline(room);
    return timeline[timeline.length - 1];
  }

  lastActivity(room: Room): number {
    return (this.lastMessage(room)?.createdAt ?? room.createdAt).getTime();
  }

  unreadCount(room: Room, memberId: number): number {
    const participant = this.participantOf(room, memberId);
    if (!participant) return 0;
    return this.timeline(room).filter(
      (message) => message.senderId !== memberId && message.id > participant.lastReadMessageId,
    ).length;
  }

  replies(thread: Thread): Message[] {
    const room = this.rooms.get(thread.roomId);
    if (!room) return [];
    return room.messages.filter((message) => message.parentId === thread.parentId && message.deletedAt === null);
  }

  /** The parent's author and everyone who replied, in order of first appearance. */
  threadParticipantIds(thread: Thread): number[] {
    const parent = this.messages.get(thread.parentId);
    const ids = parent ? [parent.senderId] : [];
    for (const reply of this.replies(thread)) if (!ids.includes(reply.senderId)) ids.push(reply.senderId);
    return ids;
  }

  threadUnreadCount(thread: Thread, memberId: number): number {
    if (!this.threadParticipantIds(thread).includes(memberId)) return 0;
    const lastRead = thread.lastReadReplyId.get(memberId) ?? 0;
    return this.replies(thread).filter((reply) => reply.senderId !== memberId && reply.id > lastRead).length;
  }

  /** Threads a member takes part in, in rooms they can see, newest reply first. */
  threadsOf(memberId: number): Thread[] {
    const lastReplyAt = (thread: Thread): number => {
      const replies = this.replies(thread);
      return replies[replies.length - 1]?.createdAt.getTime() ?? 0;
    };
    return [...this.threads.values()]
      .filter((thread) => {
        const room = this.rooms.get(thread.roomId);
        const parent = this.messages.get(thread.parentId);
        return room && parent && parent.deletedAt === null && this.participantOf(room, memberId) &&
          this.threadParticipantIds(thread).includes(memberId);
      })
      .sort((a, b) => lastReplyAt(b) - lastReplyAt(a) || b.id - a.id);
  }

  notificationsOf(memberId: number): Notification[] {
    return [...this.notifications.values()].filter((notification) => notification.memberId === memberId);
  }

  /**
   * Decision (Circle does not say): "new" means unread and created since the member last
   * reset the count, so reading a notification also lowers it.
   */
  newNotifications(memberId: number): Notification[] {
    const seenAt = this.members.get(memberId)?.notificationsSeenAt.getTime() ?? 0;
    return this.notificationsOf(memberId).filter(
      (notification) => notification.readAt === null && notification.createdAt.getTime() > seenAt,
    );
  }
}
