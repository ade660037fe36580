import { existsSync } from 'node:fs';
import { chromium, type BrowserContext } from '@playwright/test';

/** Debian's Chromium where installed (Playwright cannot download browsers here), else Playwright's own. */
export const chromiumPath = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;

/**
 * Chromium with an unpacked extension on a persistent profile: what the e2e tests, the demo
 * and the benchmark all run. The background-networking flags keep Chromium off the network,
 * where this machine would refuse its calls to Google.
 */
export function launchWithExtension(
  extensionDirs: string | readonly string[],
  userDataDir: string,
  options: { headless?: boolean; viewport?: { width: number; height: number } | null; args?: string[]; executablePath?: string } = {},
): Promise<BrowserContext> {
  const dirs = typeof extensionDirs === 'string' ? extensionDirs : extensionDirs.join(',');
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: options.executablePath ?? chromiumPath,
    headless: options.headless ?? true,
    ...(options.viewport !== undefined ? { viewport: options.viewport } : {}),
    args: [
      `--disable-extensions-except=${dirs}`,
      `--load-extension=${dirs}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...(options.args ?? []),
    ],
  });
}
