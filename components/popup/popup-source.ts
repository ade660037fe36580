import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Message, Room } from '../../lib/circle/model';
import type { Change } from '../../lib/store/change';
import type { Queries } from '../../lib/store/queries';
import type { FirstScreen } from '../../lib/ui/first-screen-snapshot';
import type { RoomAlertLevel } from '../../lib/platform/room-alert-choices';
import type { ActionResult, MemberAction } from '../../lib/wire/messages';

/**
 * Everything the popup reads and does, in one seam: the entrypoint wires IndexedDB, change
 * notices and the brain; tests pass a fake. Components never reach for `browser` themselves.
 */
export interface PopupSource extends Pick<Queries, 'community' | 'rooms' | 'roomsByUuid' | 'messages' | 'threads' | 'threadMessages' | 'notifications' | 'newNotificationsCount'> {
  /** The member signed in, to tell their own messages from others'. */
  readonly memberId?: number;
  /** The UI language for dates and plurals. */
  readonly locale: string;
  onChange(listener: (change: Change) => void): () => void;
  act(request: MemberAction): Promise<ActionResult>;
  /** Opens an http(s) address in a new tab; anything else is refused. */
  openTab(url: string): void;
  /** The room's page in the community's web app, when the community's address is known. */
  roomUrl(uuid: string): Promise<string | undefined>;
  /** `preferences.mutedRooms`: rooms the member silenced, shared with the options page. */
  mutedRooms(): Promise<string[]>;
  setMuted(uuid: string, muted: boolean): Promise<void>;
  /** Fires on any change of the preferences (it is how `mutedRooms` is followed). */
  onMutedChange(listener: (muted: string[]) => void): () => void;
  /** A room's alert choice (every message, only mentions, never), read and written when a menu opens. */
  alertChoices(): Promise<AlertChoices>;
  /** `preferences.waitingAfterHours`, over the policy's: "Waiting on you" reads it when it loads. */
  waitingAfterHours?(): Promise<number>;
  /** Every stored message of the community, `count` at a time in id order after `after`: the search index's read of what is new. */
  messagesAfter(after: number, count: number): Promise<Message[]>;
  /** Every stored message of the community, `pages` pages at a time after the place `after` (the `next` of the read before): the search index's first read. */
  messagesFrom(after: unknown, pages: number): Promise<{ messages: Message[]; next?: unknown }>;
  /** The head of the room list as last stored, painted until the full list is read. */
  readonly firstScreen?: FirstScreen;
  /** Given the full list once read: refreshes the stored first screen if it was stale or missing. */
  rememberFirstScreen?(sorted: readonly Room[]): void;
}

export interface AlertChoices {
  /** `locked`: the community's policy fixes this room's choice. */
  levelOf(uuid: string, direct: boolean): Promise<{ level: RoomAlertLevel; locked: boolean }>;
  setLevel(uuid: string, level: RoomAlertLevel): Promise<void>;
}

export const SourceContext = createContext<PopupSource | undefined>(undefined);

export function useSource(): PopupSource {
  const source = useContext(SourceContext);
  if (!source) throw new Error('PopupSource missing: render inside <SourceContext.Provider>');
  return source;
}
