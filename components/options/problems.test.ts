import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import de from '../../public/_locales/de/messages.json';
import { parseSettings } from '../../lib/settings/schema';
import { localize } from './problems';

type Messages = Record<string, { message: string }>;

const base = { circleUrl: 'https://app.circle.so', origin: 'https://community.example' };

/** Settings that together break every rule the schema words: each problem must be said in German. */
const BROKEN: unknown[] = [
  { ...base, circleUrl: 'not a url', cableUrl: 'https://x.example/cable', origin: 'https://community.example/path', auth: { mode: 'tokens', accessToken: '', refreshToken: '', accessTokenExpiresAt: 'tomorrow' } },
  { ...base, circleUrl: 'http://app.circle.so', cableUrl: 'wss://u:p@x.example/cable', auth: { mode: 'appToken', appToken: '', email: 'nobody' } },
  { ...base, auth: { mode: 'tokenUrl', tokenUrl: 'ftp://tokens.example' } },
  { ...base, auth: { mode: 'community', address: '', refreshUrl: 'nope', revokeUrl: 'http://kit.example/revoke', accessToken: '', refreshToken: '' } },
  { ...base, auth: { mode: 'password' } },
];

describe('localize', () => {
  it('says every problem the settings schema can find in the member’s language, never in its English', () => {
    fakeBrowser.i18n.getMessage = ((key: string, subs?: string | string[]) =>
      ((de as Messages)[key]?.message ?? '').replace(/\$\w+\$/g, () => String(([] as string[]).concat(subs ?? [])[0] ?? ''))) as typeof fakeBrowser.i18n.getMessage;
    const problems = BROKEN.flatMap((input) => {
      const result = parseSettings(input);
      return result.ok ? [] : result.problems;
    });
    expect(problems.length).toBeGreaterThan(12);
    const unsaid = problems.filter((problem) => localize(problem) === problem.message).map((p) => `${p.field}: ${p.message}`);
    expect(unsaid).toEqual([]);
  });
});
