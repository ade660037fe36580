import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { demoSettings, liveConnection, localCircle, signIn, syncFinished, type Simulator } from './circle';
import { launchWithExtension } from '../scripts/chromium';
import { expect, extensionDir, test } from './fixtures';

/**
 * The stores' screenshots (store/README.md): the popup and the options page against the seeded
 * local Circle, in English and German, at the Chrome Web Store's 1280×800 (AMO takes any size).
 * The popup is drawn at its toolbar size and set on a 1280×800 card with the listing's words.
 */
const STORE = { width: 1280, height: 800 };
const POPUP = { width: 380, height: 600 };

let sim: Simulator;
let dir: string;
test.beforeEach(async () => {
  sim = await localCircle();
  dir = mkdtempSync(join(tmpdir(), 'circle-live-store-'));
});
test.afterEach(async () => {
  await sim.stop();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * The extension speaking `lang` whatever the browser's language: Debian's Chromium ships only
 * its en-US UI, so a copy whose only locale is `lang` (Chrome then falls back to it) stands in.
 */
function inLanguage(lang: string): string {
  if (lang === 'en') return extensionDir;
  const copy = join(dir, `extension-${lang}`);
  cpSync(extensionDir, copy, { recursive: true });
  for (const other of ['en']) rmSync(join(copy, '_locales', other), { recursive: true, force: true });
  const manifest = JSON.parse(readFileSync(join(copy, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(join(copy, 'manifest.json'), JSON.stringify({ ...manifest, default_locale: lang }));
  return copy;
}

const words = (lang: string) => {
  const messages = JSON.parse(readFileSync(`public/_locales/${lang}/messages.json`, 'utf8')) as Record<string, { message: string }>;
  return { name: messages.extName!.message, description: messages.extDescription!.message };
};

async function popupShot(context: BrowserContext, id: string, colorScheme: 'light' | 'dark', room: boolean): Promise<Buffer> {
  const page = await context.newPage();
  await page.setViewportSize(POPUP);
  await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
  await page.goto(`chrome-extension://${id}/popup.html`);
  await expect(page.locator('.room-name').first()).toBeVisible();
  if (room) {
    await page.locator('.room-name').first().click();
    await expect(page.getByRole('log').locator('.message').last()).toBeVisible();
    await page.getByRole('log').evaluate((el) => el.blur());
  }
  const shot = await page.screenshot({ animations: 'disabled', caret: 'hide' });
  await page.close();
  return shot;
}

/** The popup on a store-sized card, beside the listing's name and short description. */
async function card(page: Page, popup: Buffer, lang: string, colorScheme: 'light' | 'dark', path: string): Promise<void> {
  const { name, description } = words(lang);
  const dark = colorScheme === 'dark';
  await page.setContent(`<!doctype html><html lang="${lang}"><body style="margin:0;width:${STORE.width}px;height:${STORE.height}px;display:flex;align-items:center;justify-content:center;gap:72px;
    font:18px system-ui,sans-serif;background:${dark ? '#15171c' : '#eef1f6'};color:${dark ? '#e8eaf0' : '#1c2330'}">
    <div style="max-width:520px"><h1 style="font-size:44px;margin:0 0 16px">${name}</h1><p style="font-size:24px;line-height:1.4;margin:0">${description}</p></div>
    <img alt="" src="data:image/png;base64,${popup.toString('base64')}" width="${POPUP.width}" height="${POPUP.height}"
      style="border-radius:12px;box-shadow:0 12px 40px rgba(0,0,0,${dark ? 0.6 : 0.25})"></body></html>`);
  await page.screenshot({ path, animations: 'disabled' });
}

for (const lang of ['en', 'de']) {
  test(`store screenshots, ${lang}: the popup's chats and a room, light and dark, and the options page, at 1280×800`, async () => {
    const context = await launchWithExtension(inLanguage(lang), dir);
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const id = new URL(worker.url()).host;
    await signIn(worker, demoSettings(sim));
    await liveConnection(sim);
    await expect.poll(() => syncFinished(worker), { timeout: 20_000 }).toBe(true);
    expect(await worker.evaluate(() => chrome.i18n.getMessage('extDescription'))).toBe(words(lang).description);

    const canvas = await context.newPage();
    await canvas.setViewportSize(STORE);
    await card(canvas, await popupShot(context, id, 'light', false), lang, 'light', `store/screenshots/${lang}-1-chats.png`);
    await card(canvas, await popupShot(context, id, 'light', true), lang, 'light', `store/screenshots/${lang}-2-room.png`);
    await card(canvas, await popupShot(context, id, 'dark', false), lang, 'dark', `store/screenshots/${lang}-3-chats-dark.png`);

    const options = await context.newPage();
    await options.setViewportSize(STORE);
    await options.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
    await options.goto(`chrome-extension://${id}/options.html`);
    await expect(options.locator('#circleUrl')).toHaveValue(sim.url);
    await options.screenshot({ path: `store/screenshots/${lang}-4-options.png`, animations: 'disabled', caret: 'hide' });

    for (const shot of ['1-chats', '2-room', '3-chats-dark', '4-options']) {
      const png = readFileSync(`store/screenshots/${lang}-${shot}.png`);
      // PNG header: width and height, big-endian, at bytes 16 and 20.
      expect({ shot, width: png.readUInt32BE(16), height: png.readUInt32BE(20) }).toEqual({ shot, ...STORE });
    }
    await context.close();
  });
}
