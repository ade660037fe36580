/**
 * Every state the toolbar badge can show, in one place (as notifier-for-github does), so no
 * caller picks colours or texts of its own. Pure: `lib/platform/badge.ts` applies the result.
 */
export type BadgeState =
  | { kind: 'not-set-up' }
  | { kind: 'connecting' }
  | { kind: 'offline' }
  | { kind: 'signed-out' }
  | { kind: 'count'; count: number };

type BadgeTitleKey = 'badgeNotSetUp' | 'badgeConnecting' | 'badgeOffline' | 'badgeSignedOut' | 'badgeCount';

export interface BadgeView {
  text: string;
  color: string;
  /** An i18n message key for the toolbar tooltip, and its substitution. */
  title: { key: BadgeTitleKey; substitution?: string };
}

const MAX_SHOWN = 99;
const COLOR = {
  count: '#d6336c',
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
    case 'count':
      return {
        text: countText(state.count),
        color: COLOR.count,
        title: { key: 'badgeCount', substitution: String(Math.max(0, Math.floor(state.count))) },
      };
  }
}
