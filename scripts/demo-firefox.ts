// The demo in Firefox ESR (`npm run demo -- --browser firefox`): the same community and live
// activity as the Chromium demo, through the e2e harness's Firefox (puppeteer over BiDi, kept
// off the network), since Playwright's own Firefox cannot load an extension.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { launchFirefox } from '../e2e/firefox/harness';
import type { Simulator } from '../simulator';

export interface FirefoxDemo {
  sim: Simulator;
  settings: unknown;
  headless: boolean;
  out: string;
  seconds: number;
  note(line: string): void;
  log: string[];
}

const ROW = '[role="listbox"] [role="option"]';

/** Runs the demo; resolves with the exit code once it is over (never, headed, until Ctrl-C). */
export async function demoFirefox({ sim, settings, headless, out, seconds, note, log }: FirefoxDemo): Promise<number> {
  const firefox = await launchFirefox({ headless });
  let seen = 0;
  const alerts = setInterval(() => {
    for (const line of firefox.output.slice(seen)) if (line.includes('alert raised')) note(`alert ${line.replace(/^.*alert raised"?\s*/, '')}`);
    seen = firefox.output.length;
  }, 500);
  const shutdown = async (code: number) => {
    clearInterval(alerts);
    await firefox.close().catch(() => undefined);
    await sim.stop();
    return code;
  };
  process.on('SIGINT', () => void shutdown(0).then((code) => process.exit(code)));

  const page = await firefox.bridge();
  // The demo's badge counts unread chats too, so the live activity visibly moves it.
  await page.evaluate((value) => chrome.storage.local.set({ settings: value, preferences: { badgeCounts: 'notifications-and-chats' } }), settings as never);
  const deadline = Date.now() + 30_000;
  while ((await firefox.status())?.phase !== 'live') {
    if (Date.now() > deadline) {
      note(`not live after 30 s: ${JSON.stringify(await firefox.status())}`);
      return shutdown(1);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  note(`live; badge shows "${await firefox.badgeText()}"`);

  await page.setViewport({ width: 400, height: 600 });
  await page.evaluate(() => void (location.href = '/popup.html'));
  await page.waitForSelector(ROW, { timeout: 10_000 });
  if (!headless) {
    note('Firefox is open: the popup is in a tab (or click the toolbar button). Ctrl-C stops the demo.');
    await new Promise(() => undefined);
  }

  mkdirSync(out, { recursive: true });
  await shoot(page, join(out, 'firefox-popup-start.png'));
  for (let t = 0; t < seconds; t += 5) {
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    note(`t+${t + 5}s badge "${await firefox.badgeText()}"`);
  }
  await shoot(page, join(out, 'firefox-popup-live.png'));
  const rows = await page.$$(ROW);
  if (rows[1]) {
    await rows[1].click();
    await page.waitForSelector('[role="log"]', { timeout: 10_000 });
    await shoot(page, join(out, 'firefox-popup-room.png'));
    await page.keyboard.press('Escape');
    await page.waitForSelector(ROW, { timeout: 10_000 });
  }
  const tabs = await page.$$('[role="tab"]');
  for (const tab of tabs) {
    if (!(await tab.evaluate((el) => el.textContent?.startsWith('Notifications')))) continue;
    await tab.click();
    await page.waitForSelector('[role="tab"][aria-selected="true"]#tab-notifications', { timeout: 10_000 }).catch(() => undefined);
    await shoot(page, join(out, 'firefox-popup-notifications.png'));
  }
  writeFileSync(join(out, 'demo.log'), `${log.join('\n')}\n`);
  note(`screenshots and demo.log in ${out}`);
  return shutdown(0);
}

async function shoot(page: Page, path: string): Promise<void> {
  await page.screenshot({ path: path as `${string}.png` });
}
