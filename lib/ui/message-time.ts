import { cached, dates, DAY, relative, startOfDay } from './time';

// Apart from ./time: only a room or thread view says these, and those load after the first screen.

/** A message's clock time; the day is said by the heading over its day (dayLabel). */
export function messageTime(at: number, locale: string): string {
  return cached(dates, `${locale}|clock`, () => new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' })).format(at);
}

/** "Today", "Yesterday", a weekday or a date: the heading over a day's messages. */
export function dayLabel(at: number, now: number, locale: string): string {
  const days = Math.round((startOfDay(now) - startOfDay(at)) / DAY);
  if (days <= 1) {
    const word = cached(relative, `${locale}|long`, () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'long' })).format(-Math.max(0, days), 'day');
    return word.charAt(0).toLocaleUpperCase(locale) + word.slice(1);
  }
  const options: Intl.DateTimeFormatOptions = days < 7 ? { weekday: 'long' } : { weekday: 'short', month: 'short', day: 'numeric' };
  return cached(dates, `${locale}|d${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(locale, options)).format(at);
}
