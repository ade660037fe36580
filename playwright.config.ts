import { defineConfig } from '@playwright/test';

/**
 * `CIRCLE_LIVE_LONG=1` adds the long Firefox tests (e2e/firefox/*.long.ts, minutes each).
 * Playwright runs every project it is given, so the default run must not list them at all.
 */
const long = process.env.CIRCLE_LIVE_LONG === '1';

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/e2e',
  // Each test launches its own browser with the extension; two cores cannot run several well.
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  projects: [
    // Playwright's Chromium with the Chrome build (e2e/fixtures.ts).
    { name: 'chromium', testIgnore: '**/firefox/**' },
    // Firefox ESR with the Firefox build, driven by puppeteer-core inside Playwright tests
    // (e2e/firefox/harness.ts): Playwright's own Firefox cannot load an extension.
    { name: 'firefox', testDir: 'e2e/firefox', testMatch: '*.spec.ts' },
    ...(long ? [{ name: 'firefox-long', testDir: 'e2e/firefox', testMatch: '*.long.ts', timeout: 15 * 60_000 }] : []),
  ],
});
