import { z } from 'zod';
import { CircleError } from './errors';
import { requestJson, type CircleRequest, type FetchLike } from './http';
import { Limiter } from './limiter';
import type { Message, Notification, Room } from './model';
import { messageSchema, notificationSchema, roomSchema, threadSchema, toMessage, toNotification, toRoom, toThread, type ThreadSnapshotOf } from './records';

export interface CircleApiOptions {
  circleUrl: string;
  fetch: FetchLike;
  /** A valid access token. */
  accessToken(): Promise<string>;
  /** After a 401: a fresh access token, or a `signed_out` error. */
  refreshedToken(): Promise<string>;
  limiter?: Limiter;
}

export interface Page<T> {
  records: T[];
  hasNext: boolean;
  /** Records that failed validation: counted, never stored. */
  rejected: number;
}

const countSchema = z.object({ new_notifications_count: z.coerce.number().int().min(0) });
const memberSchema = z.object({ id: z.coerce.number().int().positive(), name: z.string().nullish() });
const pageSchema = z.object({ records: z.array(z.unknown()), has_next_page: z.boolean().nullish() });
const acceptedSchema = z.object({ creation_uuid: z.string().min(1), parent_message_id: z.number().int().nullish(), sent_at: z.string().nullish() });
const unreadThreadsSchema = z.object({ chat_thread_ids: z.array(z.coerce.number().int().positive()) });
const windowSchema = z.object({ records: z.array(z.unknown()), has_next_page: z.boolean().nullish(), has_previous_page: z.boolean().nullish() });

/** The member REST API (`/api/headless/v1`): paced by the limiter, a 401 retried once with a fresh token. */
export class CircleApi {
  private readonly limiter: Limiter;
  /** When Circle last answered a call: REST reachable while the cable is refused says "Origin". */
  answeredAt: number | undefined;

  constructor(private readonly options: CircleApiOptions) {
    this.limiter = options.limiter ?? new Limiter();
  }

  call(path: string, request: Omit<CircleRequest, 'bearer'> = {}): Promise<unknown> {
    return this.limiter.run(async () => {
      const url = new URL(`/api/headless/v1${path}`, this.options.circleUrl).toString();
      const token = await this.options.accessToken();
      let body: unknown;
      try {
        body = await requestJson(this.options.fetch, url, { ...request, bearer: token });
      } catch (error) {
        if (!(error instanceof CircleError) || error.reason !== 'unauthorized') throw error;
        body = await requestJson(this.options.fetch, url, { ...request, bearer: await this.options.refreshedToken() });
      }
      this.answeredAt = Date.now();
      return body;
    });
  }

  async newNotificationsCount(): Promise<number> {
    return parse(countSchema, await this.call('/notifications/new_notifications_count'), 'new notifications count').new_notifications_count;
  }

  async communityMember(): Promise<{ id: number; name?: string | null }> {
    return parse(memberSchema, await this.call('/community_member'), 'community member');
  }

  /** Rooms by last activity, one page. */
  async rooms(community: string, page: number, perPage: number): Promise<Page<Room>> {
    const body = parse(pageSchema, await this.call(`/messages?page=${page}&per_page=${perPage}`), 'rooms');
    return { ...records(body.records, roomSchema, (r) => toRoom(community, r)), hasNext: body.has_next_page === true };
  }

  /** One room: Circle answers it wrapped, `{chat_room: {…}}` (roomSchema unwraps it). */
  async room(community: string, uuid: string): Promise<Room> {
    const room = roomSchema.safeParse(await this.call(`/messages/${encodeURIComponent(uuid)}`));
    if (!room.success) throw new CircleError('bad_response', 'room: unexpected answer');
    return toRoom(community, room.data);
  }

  /** A window of a room's messages around `id` (default: the newest). */
  async messages(community: string, uuid: string, window: { id?: number; previous: number; next: number }): Promise<Page<Message> & { hasPrevious: boolean }> {
    const query = new URLSearchParams({ previous_per_page: String(window.previous), next_per_page: String(window.next) });
    if (window.id !== undefined) query.set('id', String(window.id));
    const body = parse(windowSchema, await this.call(`/messages/${encodeURIComponent(uuid)}/chat_room_messages?${query}`), 'messages');
    return { ...records(body.records, messageSchema, (r) => toMessage(community, r)), hasNext: body.has_next_page === true, hasPrevious: body.has_previous_page === true };
  }

  /** Threads the member takes part in, newest reply first, one page. */
  async threads(community: string, page: number, perPage: number): Promise<Page<ThreadSnapshotOf>> {
    const body = parse(pageSchema, await this.call(`/chat_threads?page=${page}&per_page=${perPage}`), 'threads');
    return { ...records(body.records, threadSchema, (r) => toThread(community, r)), hasNext: body.has_next_page === true };
  }

  async thread(community: string, id: number): Promise<ThreadSnapshotOf> {
    const thread = threadSchema.safeParse(await this.call(`/chat_threads/${id}`));
    if (!thread.success) throw new CircleError('bad_response', 'thread: unexpected answer');
    return toThread(community, thread.data);
  }

  /** Ids only: Circle says which threads are unread, not by how much. */
  async unreadThreadIds(): Promise<number[]> {
    return parse(unreadThreadsSchema, await this.call('/chat_threads/unread_chat_threads'), 'unread threads').chat_thread_ids;
  }

  async notifications(community: string, page: number, perPage: number): Promise<Page<Notification>> {
    const body = parse(pageSchema, await this.call(`/notifications?page=${page}&per_page=${perPage}&sort=latest&status=all`), 'notifications');
    return { ...records(body.records, notificationSchema, (r) => toNotification(community, r)), hasNext: body.has_next_page === true };
  }

  /** Circle answers 202 before the message exists: its creation uuid is how it is recognised later. */
  async sendMessage(uuid: string, richTextBody: unknown, parentId?: number): Promise<{ creationUuid: string }> {
    const body = { rich_text_body: richTextBody, ...(parentId === undefined ? {} : { parent_message_id: parentId }) };
    const answer = parse(acceptedSchema, await this.call(`/messages/${encodeURIComponent(uuid)}/chat_room_messages`, { method: 'POST', body }), 'sent message');
    return { creationUuid: answer.creation_uuid };
  }

  async markRoomRead(uuid: string): Promise<void> {
    await this.call(`/messages/${encodeURIComponent(uuid)}/mark_all_as_read`, { method: 'POST' });
  }

  async resetNewNotificationsCount(): Promise<void> {
    await this.call('/notifications/reset_new_notifications_count', { method: 'POST' });
  }

  async markAllNotificationsRead(): Promise<void> {
    await this.call('/notifications/mark_all_as_read', { method: 'POST' });
  }

  async markNotificationRead(id: number): Promise<void> {
    await this.call(`/notifications/${id}/mark_as_read`, { method: 'POST' });
  }
}

function records<R, T>(list: unknown[], schema: z.ZodType<R>, convert: (record: R) => T): { records: T[]; rejected: number } {
  const out: T[] = [];
  let rejected = 0;
  for (const item of list) {
    const result = schema.safeParse(item);
    if (result.success) out.push(convert(result.data));
    else rejected += 1;
  }
  return { records: out, rejected };
}

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new CircleError('bad_response', `${what}: unexpected answer`);
  return result.data;
}
