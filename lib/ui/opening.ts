import type { ConnectionStatus } from '../wire/status';
import type { FirstScreen } from './first-screen-snapshot';

/**
 * Which community the popup opens on: the one where something unread is newest (a room with
 * unread messages, an unread notification), ties broken by the count, then by the settings'
 * order; with nothing unread anywhere, the one the member last chose, else the first.
 * `screens` by community (`status.community`): what is known before IndexedDB is read.
 */
export function openingCommunity(board: readonly ConnectionStatus[], screens: Readonly<Record<string, FirstScreen>>, lastChosen: string | undefined): ConnectionStatus | undefined {
  let best: { status: ConnectionStatus; at: number; count: number } | undefined;
  for (const status of board) {
    const screen = screens[status.community ?? ''];
    const count = status.count ?? 0;
    if (!count && !screen?.unread && screen?.noticeAt === undefined) continue;
    // A count with no snapshot behind it (a browser restart empties session storage): unread, time unknown.
    const at = Math.max(screen?.unreadAt ?? 0, screen?.noticeAt ?? 0);
    if (!best || at > best.at || (at === best.at && count > best.count)) best = { status, at, count };
  }
  return best?.status ?? board.find((status) => status.key !== undefined && status.key === lastChosen) ?? board[0];
}
