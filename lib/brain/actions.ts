import type { CircleApi } from '../circle/api';
import { richTextOf } from '../circle/rich-text';
import { NEW_NOTIFICATIONS, type StoreEvent } from '../store/events';
import type { Store } from '../store/store';
import type { ActionResult, MemberAction } from '../wire/messages';
import { reasonOfError } from './errors';
import type { Live } from './live';
import { threadEvents } from './rest-sync';

interface Target {
  api: CircleApi;
  live: Live;
  store: Store;
  community: string;
}

/** One history page: about two screens, one request. */
export const HISTORY_PAGE = 30;

export async function perform(target: Target, request: MemberAction): Promise<ActionResult> {
  const { api, live, store, community } = target;
  const now = live.serverNow();
  switch (request.action) {
    case 'mark-room-read': {
      const before = await store.room(community, request.uuid);
      if (!before) return { ok: false, error: { code: 'not_in_cache' } };
      await live.commit([{ type: 'chatRoomRead', uuid: request.uuid, at: now }]);
      return attempt(() => api.markRoomRead(request.uuid), () => live.commit([{ type: 'roomSnapshot', room: before, at: now + 1 }]));
    }
    case 'reset-new-count': {
      const before = live.count ?? 0;
      await live.commit([{ type: 'countSnapshot', count: 0, at: now }]);
      return attempt(() => api.resetNewNotificationsCount(), () => live.commit([{ type: 'countSnapshot', count: before, at: now + 1 }]));
    }
    case 'mark-notification-read': {
      const before = (await store.notifications(community)).find((n) => n.id === request.id);
      if (!before) return { ok: false, error: { code: 'not_in_cache' } };
      await live.commit([{ type: 'notificationSnapshot', notification: { ...before, readAt: now }, at: now }]);
      return attempt(() => api.markNotificationRead(request.id), () => live.commit([{ type: 'notificationSnapshot', notification: before, at: now + 1 }]));
    }
    case 'mark-all-read':
      return request.what === 'chats' ? markAllRooms(target, now) : markAllNotifications(target, now);
    case 'load-history':
      return loadHistory(target, request.uuid, request.before);
    case 'send-message':
      return send(target, request.uuid, request.text, request.parentId, request.threadId);
    case 'load-thread':
      return loadThread(target, request.id);
    case 'mark-thread-read':
      await live.commit([{ type: 'chatThreadRead', threadId: request.id, at: now }]);
      return { ok: true };
  }
}

/** Every unread room at once; a room Circle refuses goes back to unread, the others stay read. */
async function markAllRooms({ api, live, store, community }: Target, now: number): Promise<ActionResult> {
  const unread = (await store.rooms(community)).filter((room) => room.unread > 0);
  if (!unread.length) return { ok: true };
  await live.commit(unread.map((room) => ({ type: 'chatRoomRead', uuid: room.uuid, at: now })));
  const answers = await Promise.allSettled(unread.map((room) => api.markRoomRead(room.uuid)));
  const refused = unread.filter((_, i) => answers[i]?.status === 'rejected');
  if (!refused.length) return { ok: true };
  await live.commit(refused.map((room) => ({ type: 'roomSnapshot', room, at: now + 1 })));
  const first = answers.find((answer): answer is PromiseRejectedResult => answer.status === 'rejected');
  return { ok: false, error: reasonOfError(first?.reason) };
}

/** Circle's mark_all_as_read also zeroes the new count, so the badge follows. */
async function markAllNotifications({ api, live, store, community }: Target, now: number): Promise<ActionResult> {
  const unread = (await store.notifications(community)).filter((n) => !n.readAt);
  const count = (await store.counter(community, NEW_NOTIFICATIONS)) ?? live.count ?? 0;
  const read: StoreEvent[] = unread.map((notification) => ({ type: 'notificationSnapshot', notification: { ...notification, readAt: now }, at: now }));
  await live.commit([...read, { type: 'countSnapshot', count: 0, at: now }]);
  const undo: StoreEvent[] = unread.map((notification) => ({ type: 'notificationSnapshot', notification, at: now + 1 }));
  return attempt(() => api.markAllNotificationsRead(), () => live.commit([...undo, { type: 'countSnapshot', count, at: now + 1 }]));
}

/** Kept in the cache as any REST answer is (retention trims the oldest); returned for the page to show. */
async function loadHistory({ api, live, community }: Target, uuid: string, before: number | undefined): Promise<ActionResult> {
  try {
    // Circle's window includes its reference message: ask for one more and drop it.
    const window = await api.messages(community, uuid, before === undefined ? { previous: HISTORY_PAGE - 1, next: 0 } : { id: before, previous: HISTORY_PAGE, next: 0 });
    const messages = window.records.filter((message) => before === undefined || message.id < before);
    const at = live.serverNow();
    await live.commit(messages.map((message) => ({ type: 'messageSnapshot', message, at })), window.rejected ? { message: window.rejected } : {});
    return { ok: true, messages, hasPrevious: window.hasPrevious };
  } catch (error) {
    return { ok: false, error: reasonOfError(error) };
  }
}

/** Newest messages read back after a send: the member's own is among them unless the room is very busy. */
const READ_BACK = 10;

/**
 * Circle answers 202 with a creation uuid, not the message: the newest few are read back so
 * the message is stored now, whether or not a live echo comes (the member's own messages do
 * not come back on their rooms channel). The echo, if it comes, is the same id: stored once.
 */
async function send({ api, live, community }: Target, uuid: string, text: string, parentId: number | undefined, threadId: number | undefined): Promise<ActionResult> {
  if (!text.trim()) return { ok: false, error: { code: 'nothing_to_send' } };
  let creationUuid: string;
  try {
    ({ creationUuid } = await api.sendMessage(uuid, richTextOf(text), parentId));
  } catch (error) {
    return { ok: false, error: reasonOfError(error) };
  }
  try {
    if (parentId !== undefined) {
      // A reply is read back with its thread, which the member now takes part in.
      if (threadId === undefined) return { ok: true, creationUuid };
      const thread = await api.thread(community, threadId);
      await live.commit(threadEvents(thread, undefined, live.serverNow()));
      return { ok: true, creationUuid, messageId: thread.replies.find((message) => message.creationUuid === creationUuid)?.id };
    }
    const window = await api.messages(community, uuid, { previous: READ_BACK, next: 0 });
    const at = live.serverNow();
    await live.commit(window.records.map((message) => ({ type: 'messageSnapshot', message, at })));
    return { ok: true, creationUuid, messageId: window.records.find((message) => message.creationUuid === creationUuid)?.id };
  } catch {
    // Sent all the same: the echo or the next backfill brings it.
    return { ok: true, creationUuid };
  }
}

/** The parent first, then the replies, oldest first; stored as any REST answer is. */
async function loadThread({ api, live, community }: Target, id: number): Promise<ActionResult> {
  try {
    const thread = await api.thread(community, id);
    await live.commit(threadEvents(thread, undefined, live.serverNow(), false), thread.rejected ? { message: thread.rejected } : {});
    return { ok: true, messages: [thread.parent, ...thread.replies] };
  } catch (error) {
    return { ok: false, error: reasonOfError(error) };
  }
}

async function attempt(call: () => Promise<void>, rollback: () => Promise<unknown>): Promise<ActionResult> {
  try {
    await call();
    return { ok: true };
  } catch (error) {
    await rollback();
    return { ok: false, error: reasonOfError(error) };
  }
}
