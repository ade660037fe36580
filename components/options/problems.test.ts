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
  // The list's own rules, and a community's label.
  { communities: [] },
  { communities: [{ ...base, name: 'x'.repeat(61), liveRooms: 101, auth: { mode: 'tokenUrl', tokenUrl: 'https://tokens.example' } }], keepNotifications: 5 },
  { communities: Array.from({ length: 11 }, (_, i) => ({ ...base, origin: `https://c${i}.example`, auth: { mode: 'tokenUrl', tokenUrl: 'https://tokens.example' } })) },
  { communities: [0, 1].map(() => ({ ...base, auth: { mode: 'tokenUrl', tokenUrl: 'https://tokens.example' } })) },
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
    for (const field of ['communities', 'communities.0.name', 'communities.0.liveRooms', 'keepNotifications', 'communities.1.origin']) {
      expect(problems.map((p) => p.field), field).toContain(field);
    }
    const unsaid = problems.filter((problem) => localize(problem) === problem.message).map((p) => `${p.field}: ${p.message}`);
    expect(unsaid).toEqual([]);
  });
});
