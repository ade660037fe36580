import { z } from 'zod';
import { CircleError } from './errors';
import { requestJson, type CircleRequest, type FetchLike } from './http';

export interface CircleApiOptions {
  circleUrl: string;
  fetch: FetchLike;
  /** A valid access token. */
  accessToken(): Promise<string>;
  /** After a 401: a fresh access token, or a `signed_out` error. */
  refreshedToken(): Promise<string>;
}

const countSchema = z.object({ new_notifications_count: z.coerce.number().int().min(0) });
const memberSchema = z.object({ id: z.coerce.number().int().positive(), name: z.string().nullish() });
const roomRefSchema = z.object({ id: z.coerce.number().int().positive(), uuid: z.string() });
const roomPageSchema = z.object({ records: z.array(z.unknown()), has_next_page: z.boolean().optional() });

/** The member REST API (`/api/headless/v1`), retrying a 401 once with a refreshed token. */
export class CircleApi {
  constructor(private readonly options: CircleApiOptions) {}

  async call(path: string, request: Omit<CircleRequest, 'bearer'> = {}): Promise<unknown> {
    const url = new URL(`/api/headless/v1${path}`, this.options.circleUrl).toString();
    const token = await this.options.accessToken();
    try {
      return await requestJson(this.options.fetch, url, { ...request, bearer: token });
    } catch (error) {
      if (!(error instanceof CircleError) || error.reason !== 'unauthorized') throw error;
      return requestJson(this.options.fetch, url, { ...request, bearer: await this.options.refreshedToken() });
    }
  }

  async newNotificationsCount(): Promise<number> {
    return parse(countSchema, await this.call('/notifications/new_notifications_count'), 'new notifications count').new_notifications_count;
  }

  async communityMember(): Promise<{ id: number; name?: string | null }> {
    return parse(memberSchema, await this.call('/community_member'), 'community member');
  }

  /** The most recently active rooms' ids, for live room subscriptions. */
  async recentRoomIds(limit: number): Promise<number[]> {
    if (limit <= 0) return [];
    const page = parse(roomPageSchema, await this.call(`/messages?page=1&per_page=${limit}`), 'rooms');
    return page.records.flatMap((record) => {
      const room = roomRefSchema.safeParse(record);
      return room.success ? [room.data.id] : [];
    });
  }
}

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new CircleError('bad_response', `${what}: unexpected answer`);
  return result.data;
}
