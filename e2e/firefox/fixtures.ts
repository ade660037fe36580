import { test as base, type TestInfo } from '@playwright/test';
import { DEMO } from '../circle';
import { firefoxAvailable, firefoxPath, launchFirefox, TOKEN_PATTERN, type FirefoxSession, type LaunchOptions } from './harness';

export interface FirefoxFixtures {
  /** Prefs for this test's Firefox (`test.use({ firefoxOptions: { prefs } })`). */
  firefoxOptions: LaunchOptions;
  /** A fresh headless Firefox ESR profile with the local flavour installed. */
  firefox: FirefoxSession;
}

/**
 * Lines that must never reach a console: a token (JWT or bearer header) or the app token.
 * Firefox writes the extension's console lines to stdout (`devtools.console.stdout.content`),
 * and the harness keeps all of it, so this covers the background page and every other line.
 */
export function linesWithTokens(session: FirefoxSession): string[] {
  return session.output.filter((line) => TOKEN_PATTERN.test(line) || line.includes(DEMO.appToken));
}

/** The line with its secret blanked out, so the failure report does not leak it either. */
const redact = (line: string) => line.replace(new RegExp(TOKEN_PATTERN.source, 'g'), '<token>').replaceAll(DEMO.appToken, '<app token>').slice(0, 300);

export const test = base.extend<FirefoxFixtures>({
  firefoxOptions: [{}, { option: true }],
  firefox: async ({ firefoxOptions }, use, testInfo) => {
    // Firefox support is a claim of the product: without Firefox the suite fails, it never skips.
    if (!firefoxAvailable) throw new Error(`no Firefox at ${firefoxPath}: apt-get install -y firefox-esr (bash .ci/run does)`);
    const session = await launchFirefox(firefoxOptions);
    try {
      await use(session);
    } finally {
      await session.close();
      await testInfo.attach('firefox-extension-console.txt', { body: session.extensionLines().join('\n'), contentType: 'text/plain' });
      if (session.proxied.length > 0) {
        testInfo.annotations.push({ type: 'firefox tried the network (refused)', description: [...new Set(session.proxied)].join(', ') });
      }
    }
    const leaks = linesWithTokens(session);
    if (leaks.length > 0) throw new Error(`a token reached the console:\n${leaks.map(redact).join('\n')}`);
  },
});

export const expect = test.expect;

/** A measured timing: an annotation for the HTML/JSON reports, and a line the list reporter shows. */
export function note(testInfo: TestInfo, type: string, description: string): void {
  testInfo.annotations.push({ type, description });
  console.info(`  ${type}: ${description}`);
}
