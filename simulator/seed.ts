/**
 * The seeded community: deterministic for a given seed and "now", built relative to now so it
 * always looks fresh, and the one place that states the demo credentials.
 */
import { createHash } from 'node:crypto';
import { avatarDataUri } from './avatar';
import { Community } from './model';
import type { Member, Message, Reaction, Room, RoomKind } from './model';
import { buildNotification, NOTIFICATION_KINDS } from './notification-kinds';
import type { NotificationKindName } from './notification-kinds';
import type { Prng } from './prng';
import { createPrng } from './prng';
import { addRichMessages } from './seed-rich';
import type { GroupText } from './seed-text';
import { CHAT_LINES, DM_LINES, FOREIGN_GROUP, GROUPS, PEOPLE, POST_TITLES, REACTIONS, REPLY_LINES, SPACES } from './seed-text';

/** The demo sign-in, stated once: the CLI prints it, tests and the README use it. */
export const DEMO = {
  email: 'demo@community.example',
  name: 'Jordan Avery',
  appToken: 'demo-app-token',
  memberId: 2400,
  communityId: 1507,
  communityName: 'Northwind Makers',
  origin: 'https://community.example',
} as const;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

interface Draft {
  room: Room;
  senderId: number;
  body: string;
  at: number;
  parent?: Draft;
  editedAt?: number;
  deletedAt?: number;
  reactions: Reaction[];
  /** A thread parent whose replies the demo user has not read. */
  unreadThread?: boolean;
  message?: Message;
}

interface RoomPlan {
  room: Room;
  lines: string[];
  /** Trailing messages from others the demo user has not read. */
  unread: number;
  quietForMs: number;
  /** The first thread of this room starts with the demo user and stays unread for them. */
  unreadThread: boolean;
}

function addMembers(community: Community, rng: Prng, now: number): void {
  const people = [{ id: DEMO.memberId, name: DEMO.name, headline: 'Product designer in Lisbon' }, ...PEOPLE];
  for (const person of people) {
    const [first = '', last = ''] = person.name.toLowerCase().normalize('NFD').replace(/[^a-z ]/g, '').split(' ');
    const member: Member = {
      id: person.id,
      name: person.name,
      email: person.id === DEMO.memberId ? DEMO.email : `${first}.${last}@mail.example`,
      ssoUserId: `sso-${person.id}`,
      headline: person.headline,
      avatarUrl: avatarDataUri(person.name),
      publicUid: createHash('sha1').update(`member-${person.id}`).digest('hex').slice(0, 8),
      createdAt: new Date(now - rng.int(90, 720) * DAY),
      notificationsSeenAt: new Date(now - (person.id === DEMO.memberId ? 6 * HOUR : DAY)),
    };
    community.members.set(member.id, member);
  }
}

function addRoom(community: Community, rng: Prng, now: number, kind: RoomKind, memberIds: number[], group?: GroupText): Room {
  const room: Room = {
    id: community.nextId('room'),
    uuid: rng.uuid(),
    identifier: rng.hex(12),
    kind,
    name: group?.name ?? '',
    description: group?.description ?? '',
    showHistory: true,
    createdAt: new Date(now - rng.int(30, 75) * DAY),
    participants: memberIds.map((memberId) => ({
      id: community.nextId('participant'), memberId, pinnedAt: null, muted: false, archived: false, lastReadMessageId: 0,
    })),
    messages: [],
  };
  community.rooms.set(room.id, room);
  return room;
}

function planRooms(community: Community, rng: Prng, now: number): RoomPlan[] {
  const plans: RoomPlan[] = [];
  const unreadDms = new Set([2401, 2404]);
  for (const person of PEOPLE.slice(0, 9)) {
    const room = addRoom(community, rng, now, 'direct', [DEMO.memberId, person.id]);
    const unread = unreadDms.has(person.id) ? rng.int(1, 3) : 0;
    plans.push({ room, lines: DM_LINES, unread, quietForMs: unread ? rng.int(5, 90) * MINUTE : rng.int(3, 200) * HOUR, unreadThread: false });
  }
  GROUPS.forEach((group, index) => {
    const room = addRoom(community, rng, now, 'group_chat', [DEMO.memberId, ...group.memberIds], group);
    const unread = index === 0 ? 4 : index === 1 ? 1 : 0;
    plans.push({ room, lines: [...group.lines, ...CHAT_LINES], unread, quietForMs: unread ? rng.int(10, 180) * MINUTE : rng.int(2, 240) * HOUR, unreadThread: index === 0 });
  });
  const demoIn = (plan: RoomPlan | undefined) => plan && community.participantOf(plan.room, DEMO.memberId);
  const [launch, , , , , , hikers] = plans.slice(9);
  const pinned = demoIn(launch);
  if (pinned) pinned.pinnedAt = new Date(now - 12 * DAY);
  const muted = demoIn(hikers);
  if (muted) muted.muted = true;
  // The member archived their DM with Noor: Circle still lists it, flagged `archived`.
  const archived = demoIn(plans.find((plan) => plan.room.kind === 'direct' && plan.room.participants.some((p) => p.memberId === 2409)));
  if (archived) archived.archived = true;
  const foreignDm = addRoom(community, rng, now, 'direct', [2410, 2411]);
  plans.push({ room: foreignDm, lines: DM_LINES, unread: 0, quietForMs: rng.int(1, 48) * HOUR, unreadThread: false });
  const foreignGroup = addRoom(community, rng, now, 'group_chat', FOREIGN_GROUP.memberIds, FOREIGN_GROUP);
  plans.push({ room: foreignGroup, lines: [...FOREIGN_GROUP.lines, ...CHAT_LINES], unread: 0, quietForMs: rng.int(1, 72) * HOUR, unreadThread: false });
  return plans;
}

function draftConversation(plan: RoomPlan, rng: Prng, now: number): Draft[] {
  const { room } = plan;
  const count = room.kind === 'direct' ? rng.int(12, 28) : rng.int(24, 40);
  const end = now - plan.quietForMs;
  const start = Math.min(room.createdAt.getTime() + HOUR, end - count * 10 * MINUTE);
  const times: number[] = [];
  while (times.length < count) {
    let at = start + rng.next() * (end - start);
    for (let burst = rng.int(2, 7); burst > 0 && times.length < count; burst -= 1) {
      at += rng.int(1, 9) * MINUTE;
      times.push(Math.min(at, end));
    }
  }
  times.sort((a, b) => a - b);
  times[times.length - 1] = end;
  const memberIds = room.participants.map((participant) => participant.memberId);
  let sender = rng.pick(memberIds);
  const drafts = times.map((at, index): Draft => {
    if (!rng.chance(0.35)) sender = rng.pick(memberIds);
    const trailing = index >= times.length - plan.unread;
    if (trailing && sender === DEMO.memberId) sender = rng.pick(memberIds.filter((id) => id !== DEMO.memberId));
    return { room, senderId: sender, body: rng.pick(plan.lines), at, reactions: [] };
  });
  return [...drafts, ...draftReplies(plan, drafts, rng, now)];
}

function draftReplies(plan: RoomPlan, parents: Draft[], rng: Prng, now: number): Draft[] {
  if (plan.room.kind !== 'group_chat') return [];
  const memberIds = plan.room.participants.map((participant) => participant.memberId);
  const others = memberIds.filter((id) => id !== DEMO.memberId);
  const replies: Draft[] = [];
  const forcedIndex = plan.unreadThread ? parents.length - plan.unread - 6 : -1;
  parents.slice(0, -plan.unread - 2).forEach((parent, index) => {
    const forced = index === forcedIndex;
    if (!forced && !rng.chance(0.16)) return;
    if (forced) {
      parent.senderId = DEMO.memberId;
      parent.unreadThread = true;
    }
    let at = parent.at;
    for (let count = rng.int(forced ? 2 : 1, 4); count > 0; count -= 1) {
      at = Math.min(at + rng.int(3, 90) * MINUTE, now - MINUTE);
      const senderId = forced ? rng.pick(others) : rng.pick(memberIds);
      replies.push({ room: plan.room, senderId, body: rng.pick(REPLY_LINES), at, parent, reactions: [] });
    }
  });
  return replies;
}

function decorate(drafts: Draft[], rng: Prng, now: number): void {
  for (const draft of drafts) {
    if (rng.chance(0.06)) draft.editedAt = Math.min(draft.at + rng.int(1, 30) * MINUTE, now);
    if (!rng.chance(0.12)) continue;
    const memberIds = draft.room.participants.map((participant) => participant.memberId);
    for (const emoji of rng.sample(REACTIONS, rng.int(1, 2))) {
      draft.reactions.push({ emoji, memberIds: rng.sample(memberIds, rng.int(1, Math.min(3, memberIds.length))) });
    }
  }
}

function commit(community: Community, drafts: Draft[]): void {
  const ordered = [...drafts].sort((a, b) => a.at - b.at);
  for (const draft of ordered) {
    const parent = draft.parent?.message;
    let threadId: number | null = null;
    if (parent) {
      threadId = parent.threadId ?? community.nextId('thread');
      if (parent.threadId === null) {
        parent.threadId = threadId;
        community.threads.set(threadId, { id: threadId, roomId: parent.roomId, parentId: parent.id, lastReadReplyId: new Map() });
      }
    }
    const participant = community.participantOf(draft.room, draft.senderId);
    const message: Message = {
      id: community.nextId('message'),
      roomId: draft.room.id,
      participantId: participant?.id ?? 0,
      senderId: draft.senderId,
      body: draft.body,
      creationUuid: '',
      createdAt: new Date(draft.at),
      editedAt: draft.editedAt ? new Date(draft.editedAt) : null,
      deletedAt: draft.deletedAt ? new Date(draft.deletedAt) : null,
      parentId: parent?.id ?? null,
      threadId,
      reactions: draft.reactions,
      rich: null,
    };
    draft.message = message;
    draft.room.messages.push(message);
    community.messages.set(message.id, message);
  }
}

function markReadStates(community: Community, plans: RoomPlan[], unreadThreadParents: Set<number>): void {
  for (const { room, unread } of plans) {
    const timeline = community.timeline(room);
    const newest = room.messages[room.messages.length - 1]?.id ?? 0;
    for (const participant of room.participants) {
      const behind = participant.memberId === DEMO.memberId ? unread : 0;
      participant.lastReadMessageId = behind ? timeline[timeline.length - behind - 1]?.id ?? 0 : newest;
    }
  }
  for (const thread of community.threads.values()) {
    const replies = community.replies(thread);
    const newest = replies[replies.length - 1]?.id ?? 0;
    for (const memberId of community.threadParticipantIds(thread)) {
      if (!(unreadThreadParents.has(thread.parentId) && memberId === DEMO.memberId)) thread.lastReadReplyId.set(memberId, newest);
    }
  }
}

function seedNotifications(community: Community, rng: Prng, now: number): void {
  const kinds = Object.keys(NOTIFICATION_KINDS) as NotificationKindName[];
  const others = [...community.members.values()].filter((member) => member.id !== DEMO.memberId);
  const add = (memberId: number, at: number, read: boolean): void => {
    const kind = rng.pick(kinds);
    const notification = buildNotification(community, memberId, {
      kind,
      actor: rng.pick(others.filter((member) => member.id !== memberId)),
      title: rng.pick(POST_TITLES),
      space: kind === 'event_rsvp' ? 'Events' : rng.pick(SPACES),
      notifiableId: (NOTIFICATION_KINDS[kind].notifiableType === 'Comment' ? 410_000 : 88_000) + rng.int(1, 9999),
      createdAt: new Date(at),
      readAt: read ? new Date(Math.min(at + rng.int(5, 600) * MINUTE, now)) : null,
    });
    community.notifications.set(notification.id, notification);
  };
  const seenAt = now - 6 * HOUR;
  const older = Array.from({ length: 30 }, () => now - rng.int(7, 21 * 24) * HOUR).sort((a, b) => a - b);
  for (const at of older) add(DEMO.memberId, at, rng.chance(0.8));
  const fresh = Array.from({ length: 6 }, () => seenAt + rng.int(5, 350) * MINUTE).sort((a, b) => a - b);
  fresh.forEach((at, index) => add(DEMO.memberId, at, index === 0));
  for (const member of others) {
    for (let count = 0; count < 3; count += 1) add(member.id, now - rng.int(1, 14 * 24) * HOUR, rng.chance(0.5));
  }
  // Circle sends Rails' placeholder where it has no words for an action: one seeded notification does too.
  const untranslated = community.notificationsOf(DEMO.memberId).find((n) => n.notifiableType === 'Comment');
  if (untranslated) untranslated.displayAction = `Translation missing: en.notification_actions.${untranslated.action}.add`;
}

export function seedCommunity(seed: number, now: Date): Community {
  const rng = createPrng(seed);
  const at = now.getTime();
  const community = new Community(DEMO.communityId, DEMO.communityName, DEMO.origin, {
    member: 2412, room: 5100, participant: 61_000, message: 900_000, thread: 33_000, notification: 70_000,
  });
  addMembers(community, rng, at);
  const plans = planRooms(community, rng, at);
  const drafts = plans.flatMap((plan) => draftConversation(plan, rng, at));
  decorate(drafts, rng, at);
  // Deletions stay away from each room's tail, which holds the unread messages and the last message.
  const tails = new Set(plans.flatMap((plan) => drafts.filter((draft) => draft.room === plan.room && !draft.parent).slice(-5)));
  const deletable = drafts.filter((draft) => !draft.parent && !tails.has(draft) && !drafts.some((reply) => reply.parent === draft));
  for (const draft of rng.sample(deletable, 2)) draft.deletedAt = draft.at + rng.int(1, 10) * MINUTE;
  commit(community, drafts);
  for (const draft of drafts) if (draft.message) draft.message.creationUuid = rng.uuid();
  const unreadThreadParents = new Set(drafts.flatMap((draft) => (draft.unreadThread && draft.message ? [draft.message.id] : [])));
  markReadStates(community, plans, unreadThreadParents);
  addRichMessages(community, DEMO.memberId);
  seedNotifications(community, rng, at);
  return community;
}
