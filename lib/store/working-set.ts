import type { Message, Notification, Room, Thread } from '../circle/model';

/**
 * The records one batch of events touches, loaded up front, so the reducer runs as a plain
 * synchronous function over maps — the same code on IndexedDB, in memory and in tests.
 * `undefined` in a map means "known absent", not "not loaded".
 */
/** A count and the time it was true: an older count never overwrites a newer one. */
export interface Counter {
  value: number;
  at: number;
}

export interface PendingPin {
  pinnedAt?: number;
  at: number;
}

export class Draft {
  readonly rooms = new Map<string, Room | undefined>();
  readonly messages = new Map<number, Message | undefined>();
  readonly threads = new Map<number, Thread | undefined>();
  readonly notifications = new Map<number, Notification | undefined>();
  readonly counters = new Map<string, Counter | undefined>();
  /** Rooms whose messages go with them. */
  readonly purgedRooms = new Set<string>();
  /** Pins and unpins of rooms not known yet, by numeric id, until the room arrives. */
  readonly pendingPins = new Map<number, PendingPin | undefined>();
  readonly dirtyPins = new Set<number>();
  /** Messages whose `newMessage` was applied for the first time in this batch: alert-worthy. */
  readonly announced = new Set<number>();
  /** Notifications seen for the first time in this batch. */
  readonly newNotifications = new Set<number>();
  /** Rooms whose last message was deleted: the store finds the one before it. */
  readonly lostLastMessage = new Set<string>();
  readonly dirty = { rooms: new Set<string>(), messages: new Set<number>(), threads: new Set<number>(), notifications: new Set<number>(), counters: new Set<string>() };
  private readonly roomIds = new Map<number, string>();

  constructor(
    readonly community: string,
    readonly memberId: number,
  ) {}

  /** Registers a loaded room (or the absence of one) under its numeric id too. */
  loadRoom(uuid: string, room: Room | undefined): void {
    this.rooms.set(uuid, room);
    if (room && room.id > 0) this.roomIds.set(room.id, uuid);
  }

  room(uuid: string): Room | undefined {
    return this.rooms.get(uuid);
  }

  roomById(id: number): Room | undefined {
    const uuid = this.roomIds.get(id);
    return uuid === undefined ? undefined : this.rooms.get(uuid);
  }

  putRoom(room: Room): void {
    this.loadRoom(room.uuid, room);
    this.dirty.rooms.add(room.uuid);
  }

  message(id: number): Message | undefined {
    return this.messages.get(id);
  }

  putMessage(message: Message): void {
    this.messages.set(message.id, message);
    this.dirty.messages.add(message.id);
  }

  thread(id: number): Thread | undefined {
    return this.threads.get(id);
  }

  putThread(thread: Thread): void {
    this.threads.set(thread.id, thread);
    this.dirty.threads.add(thread.id);
  }

  notification(id: number): Notification | undefined {
    return this.notifications.get(id);
  }

  putNotification(notification: Notification): void {
    this.notifications.set(notification.id, notification);
    this.dirty.notifications.add(notification.id);
  }

  counter(name: string): Counter | undefined {
    return this.counters.get(name);
  }

  putCounter(name: string, counter: Counter): void {
    this.counters.set(name, counter);
    this.dirty.counters.add(name);
  }

  setPendingPin(roomId: number, pin: PendingPin | undefined): void {
    this.pendingPins.set(roomId, pin);
    this.dirtyPins.add(roomId);
  }

  purgeRoom(uuid: string): void {
    this.purgedRooms.add(uuid);
    for (const [id, message] of this.messages) {
      if (message?.roomUuid === uuid) {
        this.messages.set(id, undefined);
        this.dirty.messages.delete(id);
      }
    }
  }
}
