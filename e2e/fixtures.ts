import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base, type BrowserContext, type Worker } from '@playwright/test';
import { launchWithExtension as launchChromium } from '../scripts/chromium';

/** The loopback flavour: the store build has no permission for the local Circle. */
export const extensionDir = resolve('.output/chrome-mv3-local');

export interface ExtensionFixtures {
  context: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
}

export function launchWithExtension(userDataDir: string): Promise<BrowserContext> {
  return launchChromium(extensionDir, userDataDir);
}

export const test = base.extend<ExtensionFixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form.
  context: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'circle-live-e2e-'));
    const context = await launchWithExtension(dir);
    await installSettled(context);
    await use(context);
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  },
  serviceWorker: async ({ context }, use) => {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    await use(worker);
  },
  extensionId: async ({ serviceWorker }, use) => {
    await use(new URL(serviceWorker.url()).host);
  },
});

export const expect = test.expect;

export const optionsPages = (context: BrowserContext) => context.pages().filter((page) => page.url().endsWith('/options.html'));

/**
 * A fresh profile installs the extension, whose install handler opens the options page. Chromium
 * puts it in a blank tab if there is one, so a tab a test has just opened could be navigated to
 * the options page under it: tests start once that tab is there.
 */
async function installSettled(context: BrowserContext): Promise<void> {
  await expect.poll(() => optionsPages(context).length, { timeout: 20_000, message: 'the options page opened on install' }).toBe(1);
}

/** Stops every service worker over CDP; Playwright notices nothing (see docs/platform.md). */
export async function stopServiceWorkers(context: BrowserContext): Promise<void> {
  const page = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
}
