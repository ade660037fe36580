import { t, tIfAny, type MessageKey } from '../../lib/platform/i18n';
import type { ReasonCode } from '../../lib/wire/reasons';

/** Every code has its sentence (`reason_<code>`, public/_locales): one without fails the type check here. */
type Unworded = Exclude<`reason_${ReasonCode}`, MessageKey>;
const _everyCodeWorded: [Unworded] extends [never] ? true : Unworded = true;
void _everyCodeWorded;

const CODE = /^[a-z][a-z0-9_]{0,63}$/;

/**
 * The code of a reason as storage holds it: by this version `{ code, detail? }`, by older ones
 * a code or English text. Text reads `unknown`; it may quote Circle, and is never shown.
 */
export function reasonCodeOf(stored: unknown): string | undefined {
  if (stored === undefined || stored === null || stored === '') return undefined;
  const code = typeof stored === 'object' ? (stored as { code?: unknown }).code : stored;
  return typeof code === 'string' && CODE.test(code) ? code : 'unknown';
}

/**
 * A reason in the member's language; a code with no sentence (from a newer version, or an
 * older one's cable word) says "something went wrong". The detail only fills a blank. The
 * locale is the list of codes here, so the popup carries no copy of it.
 */
export function reasonText(stored: unknown): string | undefined {
  const code = reasonCodeOf(stored);
  if (code === undefined) return undefined;
  const detail = typeof stored === 'object' ? (stored as { detail?: unknown }).detail : undefined;
  return tIfAny(`reason_${code}`, typeof detail === 'string' || typeof detail === 'number' ? String(detail) : undefined) ?? t('reason_unknown');
}

/** An action's failure as the page says it: `unknown` when the answer named no reason. */
export function failureText(stored: unknown): string {
  return reasonText(stored) ?? t('reason_unknown');
}
