import { t, type MessageKey } from '../../lib/platform/i18n';
import { MAX_COMMUNITIES, parseSettings, type SettingsProblem } from '../../lib/settings/schema';
import { NUMBER_FIELDS, numberBounds, type NumberField } from './form-draft';

/** Field path → what is wrong with it, in the member's language. */
export type Problems = Map<string, string>;

/**
 * The schema speaks English, written for the field it sits under. The page speaks the
 * member's language, so its known messages are matched and said again from `_locales`; one
 * that is not known yet still shows, in English, rather than not at all.
 */
const KNOWN: { pattern: RegExp; key: MessageKey }[] = [
  { pattern: /is not a valid URL$/, key: 'optionsErrorUrl' },
  { pattern: /must use (\w+:)\/\/ \((\w+:)\/\/ is allowed only/, key: 'optionsErrorInsecure' },
  { pattern: /must start with (\w+:)\/\/$/, key: 'optionsErrorScheme' },
  { pattern: /must not contain a user name or password$/, key: 'optionsErrorCredentials' },
  { pattern: /scheme and host only/, key: 'optionsErrorOrigin' },
  { pattern: /is required$/, key: 'optionsErrorRequired' },
  { pattern: /e-mail address/, key: 'optionsErrorEmail' },
  { pattern: /^Sign-in mode/, key: 'optionsErrorMode' },
  { pattern: /ISO-8601 date and time$/, key: 'optionsErrorDate' },
  { pattern: /in the list already$/, key: 'optionsErrorDuplicate' },
  { pattern: /^Name must be at most (\d+)/, key: 'optionsErrorName' },
  { pattern: /^Add a community$/, key: 'optionsErrorNoCommunity' },
];

const NUMBERS = new Set<string>(NUMBER_FIELDS.map((f) => f.key));

export function localize({ field, message }: SettingsProblem): string {
  // `communities.2.liveRooms` is worded as `liveRooms` is.
  const own = field.replace(/^communities\.\d+\./, '');
  if (NUMBERS.has(own)) {
    const { min, max } = numberBounds(own as NumberField);
    return t('optionsErrorNumber', [String(min), String(max)]);
  }
  if (field === 'communities' && message.startsWith('At most')) return t('optionsCommunityLimit', String(MAX_COMMUNITIES));
  for (const { pattern, key } of KNOWN) {
    const match = pattern.exec(message);
    if (match) return t(key, match.slice(1));
  }
  return message;
}

/** Every problem with the input, first per field, localized; fields as the schema names them (`communities.0.origin`). */
export function problemsOf(input: unknown): Problems {
  const result = parseSettings(input);
  const problems: Problems = new Map();
  if (result.ok) return problems;
  for (const problem of result.problems) if (!problems.has(problem.field)) problems.set(problem.field, localize(problem));
  return problems;
}
