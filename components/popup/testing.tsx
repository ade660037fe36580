import { render } from 'preact';
import { afterEach, beforeAll, beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import de from '../../public/_locales/de/messages.json';
import en from '../../public/_locales/en/messages.json';
import type { Message, Notification, Room, Thread } from '../../lib/circle/model';
import type { Change } from '../../lib/store/change';
import type { FirstScreen } from '../../lib/ui/first-screen-snapshot';
import { loadSwitcher } from './Header';
import { loadNotSetUp } from './Popup';
import { loadViews } from './PopupApp';
import type { PopupSource } from './popup-source';
import type { ActionResult, MemberAction } from '../../lib/wire/messages';

/** English messages from _locales with Chrome's placeholder rules, for component tests. */
export function useEnglish(): void {
  useMessages(en);
}

/** German, as a member with a German browser reads the popup. */
export function useGerman(): void {
  useMessages(de);
}

function useMessages(locale: typeof en | typeof de): void {
  const messages = locale as Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
  fakeBrowser.i18n.getMessage = ((key: string, substitutions?: string | string[]) => {
    const entry = messages[key];
    if (!entry) return '';
    const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
    return entry.message.replace(/\$([A-Z_]+)\$/gi, (_, name: string) => {
      const content = entry.placeholders?.[name.toLowerCase()]?.content ?? '';
      return content.replace(/\$(\d)/g, (__, i: string) => subs[Number(i) - 1] ?? '');
    });
  }) as typeof fakeBrowser.i18n.getMessage;
}

/**
 * For each test of the file: English messages, the lazy views loaded, and a fresh element in the document to render
 * into, unmounted and removed after the test. Returns a getter for that element.
 */
export function useMountPoint(): () => HTMLElement {
  let root: HTMLElement;
  // The views the popup loads on demand, loaded: these tests are about the views.
  beforeAll(() => Promise.all([loadViews(), loadSwitcher(), loadNotSetUp()]));
  beforeEach(() => {
    useEnglish();
    root = document.createElement('div');
    document.body.append(root);
  });
  afterEach(() => {
    render(null, root);
    root.remove();
  });
  return () => root;
}

/** A PopupSource over plain arrays: tests change them and call `emit` as the background would. */
export class FakeSource implements PopupSource {
  readonly locale = 'en';
  roomList: Room[] = [];
  messageList = new Map<string, Message[]>();
  notificationList: Notification[] = [];
  threadList: Thread[] = [];
  count: number | undefined = 0;
  acts: MemberAction[] = [];
  opened: string[] = [];
  reads = { rooms: 0, roomsByUuid: [] as string[][], messages: 0 };
  answer: (request: MemberAction) => Promise<ActionResult> = async () => ({ ok: true });
  firstScreen: FirstScreen | undefined;
  remembered: Room[][] = [];
  private listeners = new Set<(change: Change) => void>();

  constructor(
    readonly community = 'http://circle.test/7',
    readonly memberId = 7,
  ) {}

  rooms = async () => {
    this.reads.rooms++;
    return [...this.roomList];
  };
  roomsByUuid = async (uuids: readonly string[]) => {
    this.reads.roomsByUuid.push([...uuids]);
    return uuids.map((uuid) => this.roomList.find((r) => r.uuid === uuid));
  };
  messages = async (uuid: string) => {
    this.reads.messages++;
    return this.messageList.get(uuid) ?? [];
  };
  messagesAfter = async (after: number, count: number) =>
    [...this.messageList.values()].flat().filter((m) => m.id > after).sort((a, b) => a.id - b.id).slice(0, count);
  /** One room's list a page: the rooms in the order they were set. */
  messagesFrom = async (after: unknown) => {
    const lists = [...this.messageList.values()];
    const at = typeof after === 'number' ? after : 0;
    return { messages: lists[at] ?? [], next: at + 1 < lists.length ? at + 1 : undefined };
  };
  threads = async () => [...this.threadList];
  threadMessages = async (uuid: string, parentId: number) => (this.messageList.get(uuid) ?? []).filter((m) => m.id === parentId || m.parentId === parentId);
  notifications = async () => [...this.notificationList];
  newNotificationsCount = async () => this.count;
  onChange = (listener: (change: Change) => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };
  act = (request: MemberAction) => {
    this.acts.push(request);
    return this.answer(request);
  };
  openTab = (url: string) => void this.opened.push(url);
  roomUrl = async (uuid: string) => `https://community.example/messages/${uuid}`;
  muted: string[] = [];
  private mutedListeners = new Set<(muted: string[]) => void>();
  mutedRooms = async () => [...this.muted];
  setMuted = async (uuid: string, muted: boolean) => {
    this.muted = muted ? [...this.muted.filter((id) => id !== uuid), uuid] : this.muted.filter((id) => id !== uuid);
    for (const listener of this.mutedListeners) listener([...this.muted]);
  };
  onMutedChange = (listener: (muted: string[]) => void) => {
    this.mutedListeners.add(listener);
    return () => void this.mutedListeners.delete(listener);
  };
  /** preferences.roomAlerts as the popup wrote them. */
  roomAlerts: Record<string, 'every' | 'mentions'> = {};
  /** Rooms whose choice a policy fixes. */
  lockedRooms = new Set<string>();
  alertChoices = async () => ({
    levelOf: async (uuid: string) => ({ level: this.muted.includes(uuid) ? ('never' as const) : (this.roomAlerts[uuid] ?? 'every'), locked: this.lockedRooms.has(uuid) }),
    setLevel: async (uuid: string, level: 'every' | 'mentions' | 'never') => {
      const { [uuid]: _, ...rest } = this.roomAlerts;
      this.roomAlerts = level === 'never' ? rest : { ...rest, [uuid]: level };
      await this.setMuted(uuid, level === 'never');
    },
  });
  rememberFirstScreen = (sorted: readonly Room[]) => void this.remembered.push([...sorted]);

  emit(change: Partial<Change>): void {
    const full: Change = { community: this.community, rooms: [], messages: 0, notifications: 0, counters: [], stubs: [], announced: [], newNotifications: [], ...change };
    for (const listener of this.listeners) listener(full);
  }
}

/** Lets Preact, the fake reads and the coalesced refreshes settle. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}
