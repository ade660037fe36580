/**
 * Every state the toolbar badge can show, in one place (as notifier-for-github does), so no
 * caller picks colours or texts of its own. Pure: `lib/platform/badge.ts` applies the result.
 */
export type BadgeState =
  | { kind: 'not-set-up' }
  | { kind: 'connecting' }
  | { kind: 'offline' }
  | { kind: 'signed-out' }
  /** `what` the mode counts (./modes.ts); `personal`: it holds a DM or a mention, and the badge looks it. */
  | { kind: 'count'; count: number; what?: CountWhat; personal?: boolean };

/** What a count is of, for its tooltip: new notifications, unread messages, or conversations waiting on the member. */
export type CountWhat = 'new' | 'unread' | 'waiting';

type BadgeTitleKey = 'badgeNotSetUp' | 'badgeConnecting' | 'badgeOffline' | 'badgeSignedOut' | 'badgeCount' | 'badgeCountUnread' | 'badgeCountWaiting';
const COUNT_TITLE: Record<CountWhat, BadgeTitleKey> = { new: 'badgeCount', unread: 'badgeCountUnread', waiting: 'badgeCountWaiting' };

export interface BadgeView {
  text: string;
  color: string;
  /** An i18n message key for the toolbar tooltip, and its substitution. */
  title: { key: BadgeTitleKey; substitution?: string };
  /** The tooltip's last line: the count holds a DM or a mention. */
  note?: 'badgePersonal';
  /** With several communities, the tooltip's line for each: its name, and what its own badge says. */
  lines?: { label: string; key: BadgeLineKey; substitution?: string }[];
}

type BadgeLineKey = 'badgeLineNotSetUp' | 'badgeLineConnecting' | 'badgeLineOffline' | 'badgeLineSignedOut' | 'badgeLineCount' | 'badgeLineCountUnread' | 'badgeLineCountWaiting';
const COUNT_LINE: Record<CountWhat, BadgeLineKey> = { new: 'badgeLineCount', unread: 'badgeLineCountUnread', waiting: 'badgeLineCountWaiting' };

const LINE_KEY: Record<BadgeState['kind'], BadgeLineKey> = {
  'not-set-up': 'badgeLineNotSetUp',
  connecting: 'badgeLineConnecting',
  offline: 'badgeLineOffline',
  'signed-out': 'badgeLineSignedOut',
  count: 'badgeLineCount',
};

/** Which community's trouble the badge shows when none has a count: the one the member must act on first. */
const WORST: BadgeState['kind'][] = ['signed-out', 'offline', 'connecting', 'not-set-up'];

const MAX_SHOWN = 99;
const COLOR = {
  count: '#d6336c',
  /** A DM or a mention: apart from the count's pink and the trouble red, with white text readable on it. */
  personal: '#1d4ed8',
  quiet: '#6b7280',
  alert: '#b42318',
} as const;

export function countText(count: number): string {
  if (!Number.isFinite(count) || count <= 0) return '';
  return count > MAX_SHOWN ? `${MAX_SHOWN}+` : String(Math.floor(count));
}

export function badgeView(state: BadgeState): BadgeView {
  switch (state.kind) {
    case 'not-set-up':
      return { text: '?', color: COLOR.quiet, title: { key: 'badgeNotSetUp' } };
    case 'connecting':
      return { text: '…', color: COLOR.quiet, title: { key: 'badgeConnecting' } };
    case 'offline':
      return { text: 'off', color: COLOR.quiet, title: { key: 'badgeOffline' } };
    case 'signed-out':
      return { text: '!', color: COLOR.alert, title: { key: 'badgeSignedOut' } };
    case 'count': {
      const personal = !!state.personal && countText(state.count) !== '';
      return {
        text: countText(state.count),
        color: personal ? COLOR.personal : COLOR.count,
        title: { key: COUNT_TITLE[state.what ?? 'new'], substitution: String(Math.max(0, Math.floor(state.count))) },
        ...(personal ? { note: 'badgePersonal' as const } : {}),
      };
    }
  }
}

/**
 * The badge for every community at once: the sum of their counts, in the colour of the worst
 * trouble among them (signed out is the member's to fix, offline only waits), and a tooltip
 * line per community saying which is which. One community looks as it always did.
 */
export function communitiesBadgeView(lines: { label: string; state: BadgeState }[]): BadgeView {
  if (lines.length === 0) return badgeView({ kind: 'not-set-up' });
  if (lines.length === 1) return badgeView(lines[0]!.state);
  const kinds = new Set(lines.map((l) => l.state.kind));
  const total = lines.reduce((sum, { state }) => sum + (state.kind === 'count' ? Math.max(0, Math.floor(state.count)) : 0), 0);
  const worst = WORST.find((kind) => kinds.has(kind));
  const counts = lines.map(({ state }) => state).filter((state) => state.kind === 'count');
  const personal = counts.some((state) => state.personal && state.count > 0);
  const base = kinds.has('count') ? badgeView({ kind: 'count', count: total, what: counts[0]?.what, personal }) : badgeView({ kind: worst! } as BadgeState);
  const color = kinds.has('signed-out') ? COLOR.alert : kinds.has('offline') ? COLOR.quiet : base.color;
  return {
    ...base,
    color,
    lines: lines.map(({ label, state }) =>
      state.kind === 'count' ? { label, key: COUNT_LINE[state.what ?? 'new'], substitution: String(Math.max(0, Math.floor(state.count))) } : { label, key: LINE_KEY[state.kind] },
    ),
  };
}
