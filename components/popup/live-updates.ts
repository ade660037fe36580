import { useLayoutEffect, useState } from 'preact/hooks';
import type { Message, Notification, Room, Thread } from '../../lib/circle/model';
import type { Change } from '../../lib/store/change';
import { mergeRooms, NEW_NOTIFICATIONS } from '../../lib/store/queries';
import { coalesce } from '../../lib/ui/coalesce';
import type { FirstScreen } from '../../lib/ui/first-screen-snapshot';
import type { PopupSource } from './popup-source';

/**
 * The popup's live reads. Each loads once from IndexedDB, then re-reads only what a change
 * notice names: the rooms it lists, the open room's messages, notifications or the count.
 * Reads are serialised (coalesce), so an older read never overwrites a newer one.
 */
export type Loaded<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; error: string };

/** Past this many changed rooms (a sync page), one full read is cheaper than many small ones. */
const FULL_RELOAD_AT = 40;
const ALL = '*';

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

interface Start<T> {
  /** Shown until the first read: that read is then a full one, started after the first paint. */
  initial?: T;
  /** Not needed for the first screen: read after it is painted, not in its way. */
  afterPaint?: boolean;
}

/** Runs `then` once the frame being prepared has been painted. */
function afterNextPaint(then: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => (timer = setTimeout(then)));
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}

/** One live value: `read(keys, current)` gets what the notices asked for since the last read. */
function useLive<T, K>(source: PopupSource, read: (keys: K[], current: T | undefined) => Promise<T>, relevant: (change: Change) => K[] | undefined, deps: unknown[], start: Start<T> = {}): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>(() => (start.initial === undefined ? { status: 'loading' } : { status: 'ready', value: start.initial }));
  // A layout effect: the first read starts before the first paint, not a frame after it.
  useLayoutEffect(() => {
    let alive = true;
    let current: T | undefined;
    let loaded = false;
    const refresh = coalesce<K>(
      async (keys) => {
        current = await read(keys, loaded ? current : undefined);
        loaded = true;
        if (alive) setState({ status: 'ready', value: current });
      },
      (error) => {
        // A failed re-read keeps what is shown; only a failed first read is an error state.
        if (!alive) return;
        if (!loaded) setState({ status: 'error', error: describe(error) });
        else console.warn('popup: could not re-read the cache', error);
      },
    );
    const unbind = source.onChange((change) => {
      if (change.community !== source.community) return;
      const keys = relevant(change);
      if (keys) void refresh(...keys);
    });
    const cancel = start.initial !== undefined || start.afterPaint ? afterNextPaint(() => void refresh()) : (void refresh(), undefined);
    return () => {
      alive = false;
      cancel?.();
      unbind();
    };
    // `read` and `relevant` are per-render closures over `deps`: they are not dependencies.
  }, [source, ...deps]);
  return state;
}

/**
 * The room list; `partial` while it is the stored first screen only (its `total` and `unread`
 * stand for the whole list until that is read).
 */
export function useRooms(source: PopupSource): Loaded<Room[]> & { partial?: FirstScreen } {
  const first = source.firstScreen?.community === source.community ? source.firstScreen : undefined;
  const state = useLive<Room[], string>(
    source,
    async (uuids, current) => {
      const unique = [...new Set(uuids)];
      if (!current || unique.includes(ALL) || unique.length >= FULL_RELOAD_AT) {
        const rooms = await source.rooms();
        if (!current) source.rememberFirstScreen?.(rooms);
        return rooms;
      }
      return unique.length ? mergeRooms(current, unique, await source.roomsByUuid(unique)) : current;
    },
    (change) => (change.rooms.length ? change.rooms : undefined),
    [],
    { initial: first?.rooms },
  );
  // The first screen's own array until the first read replaces it.
  return first && state.status === 'ready' && state.value === first.rooms ? { ...state, partial: first } : state;
}

/** A change names messages only by count: any message change re-reads the open room (100 rows, one cursor). */
export function useMessages(source: PopupSource, uuid: string): Loaded<Message[]> {
  return useLive<Message[], true>(source, () => source.messages(uuid), (change) => (change.messages || change.rooms.includes(uuid) ? [true] : undefined), [uuid]);
}

export function useNotifications(source: PopupSource): Loaded<Notification[]> {
  return useLive<Notification[], true>(source, () => source.notifications(), (change) => (change.notifications ? [true] : undefined), [], { afterPaint: true });
}

/** Until read, the status's count stands in (PopupApp). */
export function useNewCount(source: PopupSource): number | undefined {
  const state = useLive<number | undefined, true>(source, () => source.newNotificationsCount(), (change) => (change.counters.includes(NEW_NOTIFICATIONS) ? [true] : undefined), [], { afterPaint: true });
  return state.status === 'ready' ? state.value : undefined;
}

/** The threads the member takes part in: not on the first screen, read after it. */
export function useThreads(source: PopupSource): Loaded<Thread[]> {
  return useLive<Thread[], true>(source, () => source.threads(), (change) => (change.threads?.length ? [true] : undefined), [], { afterPaint: true });
}

/** A thread's parent and stored replies; any message change re-reads them. */
export function useThreadMessages(source: PopupSource, roomUuid: string, parentId: number): Loaded<Message[]> {
  return useLive<Message[], true>(source, () => source.threadMessages(roomUuid, parentId), (change) => (change.messages ? [true] : undefined), [roomUuid, parentId]);
}
