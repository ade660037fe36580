import type { Message } from '../../lib/circle/model';
import { plainText } from '../../lib/circle/rich-text';
import { SearchIndex, type IndexedMessage } from '../../lib/search/search-index';
import { coalesce } from '../../lib/ui/coalesce';
import type { PopupSource } from './popup-source';

/**
 * The search index of the community shown, built in the popup from its cache when the member
 * first opens search, and kept up to date from the store's change notices while the popup stays
 * open. Decision (bench/README.md, "Search"): in the popup, not the background. The bench reads
 * and indexes 50,000 messages in 2–3 s on its loaded 2 cores (about 10 MB of heap), once per
 * open and only when search is wanted, a page at a time with results meanwhile, and then answers
 * each keystroke from memory in under a millisecond of query; kept in the background, every
 * keystroke would be a message to a worker that the browser stops after 30 s idle (so it would
 * rebuild there anyway), and the index would hold memory while no popup is open.
 */
export interface Feed {
  readonly index: SearchIndex;
  /** Messages read so far. */
  read: number;
  done: boolean;
  /** The cache could not be read: the member is told in our words, the log gets the error's name. */
  failed?: boolean;
  /** Told after each page read and each update. */
  subscribe(listener: () => void): () => void;
}

/** Large reads: 25 for 50,000 messages, each a few MB at most, the page repainting between them. */
export const PAGE = 2000;
/** The first read's, in stored pages (lib/store/pages.ts, up to 50 messages each). */
const PAGES = 40;
/** A notice naming more rooms than this is a sync's page: only new messages are read then. */
const ROOMS_REREAD = 10;

let current: { source: PopupSource; feed: Feed; stop: () => void } | undefined;

/** The feed of the community `source` reads; another community's is dropped, its memory with it. */
export function feedFor(source: PopupSource): Feed {
  if (current?.source === source) return current.feed;
  current?.stop();
  current = { source, ...start(source) };
  return current.feed;
}

export function indexed(message: Message): IndexedMessage | undefined {
  if (message.deleted || message.placeholder) return undefined;
  const reply = message.parentId !== undefined;
  return {
    id: message.id,
    roomUuid: message.roomUuid,
    sentAt: message.sentAt,
    senderName: message.sender?.name,
    text: plainText(message.richText, message.body),
    ...(reply ? { parentId: message.parentId, threadId: message.threadId } : {}),
  };
}

function start(source: PopupSource): { feed: Feed; stop: () => void } {
  const index = new SearchIndex();
  const listeners = new Set<() => void>();
  let newest = -Infinity;
  let alive = true;
  const feed: Feed = {
    index,
    read: 0,
    done: false,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
  const notify = () => alive && listeners.forEach((listener) => listener());
  const take = (messages: readonly Message[]) => {
    const fresh: IndexedMessage[] = [];
    for (const message of messages) {
      newest = Math.max(newest, message.id);
      const entry = indexed(message);
      if (entry) fresh.push(entry);
      else index.removeMessage(message.id);
    }
    index.addMessages(fresh);
  };
  // Messages come with higher ids than any read so far (Circle numbers them as it takes them),
  // so new ones are one read past the newest; a room a notice names is read again for edits,
  // deletions and older pages stored, unless a sync names too many for that.
  const readNew = async () => {
    for (let page = await source.messagesAfter(newest, PAGE); alive; page = await source.messagesAfter(newest, PAGE)) {
      take(page);
      feed.read += page.length;
      notify();
      if (page.length < PAGE) break;
    }
  };
  const update = coalesce<string>(async (rooms) => {
    await readNew();
    const named = [...new Set(rooms)];
    if (named.length <= ROOMS_REREAD) for (const uuid of named) take(await source.messages(uuid, 100));
    notify();
  });
  // The first read goes through the stored pages in their order, each read once; then what was stored meanwhile.
  const readAll = async () => {
    let next: unknown;
    do {
      const read = await source.messagesFrom(next, PAGES);
      if (!alive) return;
      take(read.messages);
      feed.read += read.messages.length;
      notify();
      next = read.next;
    } while (next !== undefined);
    await readNew();
  };
  void readAll().then(
    () => {
      feed.done = true;
      notify();
    },
    (error: unknown) => {
      feed.failed = true;
      console.warn('search: the cache could not be read', { error: error instanceof Error ? error.name : typeof error });
      notify();
    },
  );
  const unbind = source.onChange((change) => {
    if (change.community === source.community && feed.done && (change.messages || change.rooms.length)) void update(...change.rooms);
  });
  return {
    feed,
    stop: () => {
      alive = false;
      unbind();
    },
  };
}
