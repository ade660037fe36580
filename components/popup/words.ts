import { t, type MessageKey } from '../../lib/platform/i18n';

const rules = new Map<string, Intl.PluralRules>();
// `Number#toLocaleString` builds a formatter per call: a few per row on the popup's first paint.
const numbers = new Map<string, Intl.NumberFormat>();

function number(n: number, locale: string): string {
  let format = numbers.get(locale);
  if (!format) numbers.set(locale, (format = new Intl.NumberFormat(locale)));
  return format.format(n);
}

/**
 * `_locales` has no plurals: each counted phrase has a `…One` and a `…Other` message, and
 * the language's own rules pick one (English and German agree on one/other).
 */
export function counted(locale: string, n: number, one: MessageKey, other: MessageKey): string {
  let rule = rules.get(locale);
  if (!rule) rules.set(locale, (rule = new Intl.PluralRules(locale)));
  return t(rule.select(n) === 'one' ? one : other, number(n, locale));
}

/** A badge never grows past three characters. */
export function badgeNumber(n: number, locale: string): string {
  return n > 99 ? '99+' : number(n, locale);
}
