import { t, type MessageKey } from '../lib/platform/i18n';
import { readReason, type ReasonCode } from '../lib/wire/reasons';

/** Every code has its sentence in each locale: a code without one fails the type check here. */
const keyOf = (code: ReasonCode): MessageKey => `reason_${code}` satisfies MessageKey;

/**
 * A reason in the member's language. Takes what storage holds, so an older version's English
 * text reads as "something went wrong", never shown as it was; a detail only fills a blank.
 */
export function reasonText(stored: unknown): string | undefined {
  const reason = readReason(stored);
  return reason && t(keyOf(reason.code), reason.detail);
}

/** An action's failure as the page says it: the same words, `unknown` when the answer named none. */
export function failureText(stored: unknown): string {
  return reasonText(stored) ?? reasonText('unknown')!;
}
