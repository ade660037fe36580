import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Message, Room } from '../../lib/circle/model';
import { isTimelineMessage } from '../../lib/store/queries';
import { failureText } from '../shared/reason-text';
import type { PopupSource } from './popup-source';

/** Fewer stored messages than this do not fill the log: Circle's newest page is asked for. */
export const SCREENFUL = 12;

export interface History {
  /** The stored messages and the pages fetched for this view, oldest first, each once. */
  messages: Message[];
  /** Asking Circle for the newest page, with too little stored to show meanwhile. */
  fetching: boolean;
  /** Asking Circle for an older page. */
  loadingOlder: boolean;
  /** Circle has nothing older than the first shown. */
  complete: boolean;
  /** The last ask failed: offline, or why, in the member's words. */
  failed?: { offline: true } | { offline: false; error: string };
  loadOlder(): void;
}

/**
 * A room's messages beyond what the background stored: the newest page when the cache has
 * less than a screen or stops short of the room's last message, and older pages on demand.
 * Pages stay in this view (the cache keeps only its retention), stored copies win over them
 * (they carry later edits), and messages are told apart by id, so none shows twice.
 */
export function useHistory(source: PopupSource, room: Room | undefined, stored: readonly Message[] | undefined): History {
  const [pages, setPages] = useState<Message[]>([]);
  const [fetching, setFetching] = useState(false);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [complete, setComplete] = useState(false);
  const [failed, setFailed] = useState<History['failed']>();
  const asked = useRef(false);
  const busy = useRef(false);
  const uuid = room?.uuid;

  const messages = useMemo(() => merge(pages, stored ?? []), [pages, stored]);
  const oldest = messages[0]?.id;

  const fetchPage = useCallback(async (before: number | undefined) => {
    if (!uuid || busy.current) return;
    busy.current = true;
    setFailed(undefined);
    if (before === undefined) setFetching(true);
    else setLoadingOlder(true);
    const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
    const result = offline ? { ok: false as const } : await source.act({ action: 'load-history', uuid, before });
    busy.current = false;
    setFetching(false);
    setLoadingOlder(false);
    if (!result.ok) {
      setFailed(offline ? { offline: true } : { offline: false, error: failureText(result.error) });
      return;
    }
    setPages((current) => merge(current, result.messages ?? []));
    if (result.hasPrevious === false) setComplete(true);
  }, [source, uuid]);

  useEffect(() => {
    if (asked.current || !room || !stored) return;
    asked.current = true;
    const newest = stored[stored.length - 1]?.id ?? 0;
    const gap = !!room.lastMessage && room.lastMessage.id > newest;
    if (stored.length < SCREENFUL || gap) void fetchPage(undefined);
  }, [room, stored, fetchPage]);

  const loadOlder = useCallback(() => {
    if (!complete && oldest !== undefined) void fetchPage(oldest);
  }, [complete, oldest, fetchPage]);

  return { messages, fetching: fetching && (stored?.length ?? 0) === 0, loadingOlder, complete, failed, loadOlder };
}

function merge(pages: readonly Message[], stored: readonly Message[]): Message[] {
  if (!pages.length) return stored as Message[];
  const byId = new Map<number, Message>();
  for (const message of pages) if (isTimelineMessage(message)) byId.set(message.id, message);
  for (const message of stored) byId.set(message.id, message);
  return [...byId.values()].sort((a, b) => a.id - b.id);
}
