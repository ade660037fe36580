import type { HeldSummary } from './held';

/** The `_locales` lookup, handed in: lib/quiet reads no browser API. */
export type Translate = (key: SummaryKey, substitutions?: string[]) => string;

export type SummaryKey =
  | 'quietSummaryTitle'
  | 'quietSummaryMessagesOne'
  | 'quietSummaryMessagesOther'
  | 'quietSummaryRoomsOne'
  | 'quietSummaryRoomsOther'
  | 'quietSummaryNotificationsOne'
  | 'quietSummaryNotificationsOther'
  | 'quietSummaryMessagesInRooms'
  | 'quietSummaryBoth';

/** The one alert that sums up a quiet spell: "While you were away" / "5 messages in 2 rooms". */
export function summaryWords(summary: HeldSummary, locale: string, t: Translate): { title: string; message: string } {
  const plural = new Intl.PluralRules(locale);
  const number = new Intl.NumberFormat(locale);
  const counted = (n: number, one: SummaryKey, other: SummaryKey) => t(plural.select(n) === 'one' ? one : other, [number.format(n)]);
  const messages = summary.messages > 0
    ? t('quietSummaryMessagesInRooms', [counted(summary.messages, 'quietSummaryMessagesOne', 'quietSummaryMessagesOther'), counted(summary.rooms, 'quietSummaryRoomsOne', 'quietSummaryRoomsOther')])
    : '';
  const notifications = summary.notifications > 0 ? counted(summary.notifications, 'quietSummaryNotificationsOne', 'quietSummaryNotificationsOther') : '';
  return { title: t('quietSummaryTitle'), message: messages && notifications ? t('quietSummaryBoth', [messages, notifications]) : messages || notifications };
}
