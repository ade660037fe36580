import type { Logger } from '../cable';
import type { Change } from '../store/change';
import type { Announced } from '../store/store';
import { raiseAlerts } from './alerting';
import { describeError } from './errors';
import type { BrowserPort } from './port';
import type { Publisher } from './publish';
import type { RoomChannels } from './live-rooms';
import type { Session, SignedIn } from './session';

/**
 * Alerts go out at most this often per community; what committed meanwhile goes out together,
 * each room's alert on its latest message. The first after a quiet moment goes out at once. In a
 * burst each raise cost the browser a decode of every alert's icon (a fifth of the extension's CPU
 * in a 5,000-message burst), to replace a room's alert several times a second.
 */
export const ALERT_SPACING_MS = 600;

export interface AfterCommitDeps {
  port: BrowserPort;
  publisher: Publisher;
  roomChannels: RoomChannels;
  logger: Logger;
  current(): Session | undefined;
}

/** What a committed change sets off: the pages' notice, the status, desktop alerts, the room channels. */
export function afterCommit(s: SignedIn, change: Change, announced: Announced, deps: AfterCommitDeps): void {
  if (deps.current() !== s) return;
  const m = s.member;
  deps.port.announceChange(change);
  // A count re-read or a sync lands outside any batch, and only a batch publishes by itself.
  // The first screen tells the popup which community has the newest unread: rooms and notifications both move it.
  if (change.rooms.length || change.notifications) deps.publisher.roomsChanged(s);
  if (change.counts) void deps.publisher.publish(s);
  if (change.announced.length || change.newNotifications.length) {
    const due = m.alertsDue;
    if (due) {
      // A burst: its batches commit faster than alerts are raised, and raise them once, from all of them.
      due.change = { ...due.change, announced: [...due.change.announced, ...change.announced], newNotifications: [...due.change.newNotifications, ...change.newNotifications] };
      due.announced = { messages: [...due.announced.messages, ...announced.messages], rooms: new Map([...due.announced.rooms, ...announced.rooms]) };
      due.now = m.live.serverNow();
    } else {
      const next = { change, announced, now: m.live.serverNow() };
      m.alertsDue = next;
      // In arrival order: a room's alert must end on its latest message, not on whichever read finished last.
      m.alerting = (m.alerting ?? Promise.resolve())
        .then(() => spaced(m.alertsRaisedAt))
        .then(() => {
          if (m.alertsDue === next) m.alertsDue = undefined;
          // Signed out (or replaced) while the alerts waited their turn: they are not the member's any more.
          if (deps.current() !== s) return;
          const startedAt = Date.now();
          const alerting = { port: deps.port, store: m.store, community: m.community, memberId: m.id, origin: s.settings.origin, logger: deps.logger, now: next.now };
          // Only alerts shown space the next: a batch that raised none (muted, held, the member's own)
          // holds nothing back, and what comes next meets the preferences it arrived under.
          return raiseAlerts(next.change, next.announced, alerting).then((raised) => {
            if (raised) m.alertsRaisedAt = startedAt;
          });
        })
        .catch((error: unknown) => deps.logger.warn?.('could not raise alerts', { error: describeError(error) }));
    }
  }
  // The badge modes count rooms, mentions among the notifications, and threads waiting on the member.
  if (change.rooms.length || change.notifications || change.threads?.length) deps.roomChannels.roomsMoved(s);
}

function spaced(lastRaisedAt: number | undefined): Promise<void> | undefined {
  const wait = lastRaisedAt === undefined ? 0 : lastRaisedAt + ALERT_SPACING_MS - Date.now();
  return wait > 0 ? new Promise((resolve) => setTimeout(resolve, wait)) : undefined;
}
