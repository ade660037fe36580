import type { CircleApi } from '../circle/api';
import type { Store } from '../store/store';
import { describeError } from './errors';
import type { Live } from './live';

/** What a page may ask the brain to do at Circle: shown at once, undone if Circle says no. */
export type MemberAction =
  | { action: 'mark-room-read'; uuid: string }
  | { action: 'reset-new-count' }
  | { action: 'mark-notification-read'; id: number };

export interface ActionResult {
  ok: boolean;
  /** Why it failed, in words for the page to show. */
  error?: string;
}

interface Target {
  api: CircleApi;
  live: Live;
  store: Store;
  community: string;
}

export async function perform(target: Target, request: MemberAction): Promise<ActionResult> {
  const { api, live, store, community } = target;
  const now = live.serverNow();
  switch (request.action) {
    case 'mark-room-read': {
      const before = await store.room(community, request.uuid);
      if (!before) return { ok: false, error: 'This room is not in the cache any more.' };
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
      if (!before) return { ok: false, error: 'This notification is not in the cache any more.' };
      await live.commit([{ type: 'notificationSnapshot', notification: { ...before, readAt: now }, at: now }]);
      return attempt(() => api.markNotificationRead(request.id), () => live.commit([{ type: 'notificationSnapshot', notification: before, at: now + 1 }]));
    }
  }
}

async function attempt(call: () => Promise<void>, rollback: () => Promise<unknown>): Promise<ActionResult> {
  try {
    await call();
    return { ok: true };
  } catch (error) {
    await rollback();
    return { ok: false, error: describeError(error) };
  }
}
