import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { demoSettings, liveConnection, signIn, syncFinished, type Simulator } from './circle';
import { expect } from './fixtures';

/** The popup as the toolbar shows it: 380 px wide, at most 600 tall. */
export const POPUP_VIEWPORT = { width: 380, height: 600 };

/** The rows of the Chats list. */
export const chatRows = (page: Page) => page.getByRole('listbox', { name: /^Chats/ }).getByRole('option');

/** Signed in as the demo member, live, with the sign-in sync finished. */
export async function signedIn(sim: Simulator, worker: Worker, overrides: Record<string, unknown> = {}): Promise<void> {
  await signIn(worker, { ...demoSettings(sim), ...overrides });
  await liveConnection(sim);
  await expect.poll(() => syncFinished(worker), { timeout: 20_000 }).toBe(true);
}

/** The popup in a tab of the toolbar's size, its first rows shown; a page error fails the test. */
export async function openPopup(context: BrowserContext, extensionId: string, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const page = await context.newPage();
  await page.bringToFront();
  await page.setViewportSize(POPUP_VIEWPORT);
  await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
  page.on('pageerror', (error) => {
    throw error;
  });
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(chatRows(page).first()).toBeVisible();
  return page;
}

/** axe's serious and critical findings on the page as it stands: none. */
export async function expectNoSeriousAxeViolations(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}
