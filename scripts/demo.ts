// `npm run demo [-- --headless] [-- --browser firefox] [-- --port 4400] [-- --seconds 45]`
// Builds the extension, starts the local Circle with a seeded community and live activity,
// and opens Chromium (or Firefox ESR, scripts/demo-firefox.ts) with the extension loaded and
// signed in. Headed where there is a display;
// headless (or --headless) captures popup screenshots and a log of alerts, then exits.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { BrowserContext, Worker } from '@playwright/test';
import { DEMO, startSimulator } from '../simulator';
import { launchWithExtension } from './chromium';
import { demoFirefox } from './demo-firefox';

const { values } = parseArgs({
  options: {
    headless: { type: 'boolean', default: false },
    browser: { type: 'string', default: 'chromium' },
    port: { type: 'string', default: '4400' },
    seconds: { type: 'string', default: '45' },
    out: { type: 'string', default: 'demo-output' },
    'per-minute': { type: 'string', default: '20' },
  },
});

const headless = values.headless || !process.env.DISPLAY;
const out = resolve(values.out);
const log: string[] = [];
const note = (line: string) => {
  const stamped = `${new Date().toISOString().slice(11, 19)} ${line}`;
  log.push(stamped);
  console.info(stamped);
};

if (values.browser !== 'chromium' && values.browser !== 'firefox') {
  console.error(`--browser ${values.browser}: chromium or firefox`);
  process.exit(2);
}
const firefox = values.browser === 'firefox';

execFileSync('bash', ['scripts/ensure-packages.sh', firefox ? 'firefox-esr' : 'chromium'], { stdio: 'inherit' });
execFileSync('npx', ['wxt', 'build', ...(firefox ? ['-b', 'firefox'] : [])], { stdio: 'inherit', env: { ...process.env, CIRCLE_LIVE_LOCAL: '1' } });
const extensionDir = resolve('.output/chrome-mv3-local');

const sim = await startSimulator({ port: Number(values.port), activityPerMinute: Number(values['per-minute']) });
note(`local Circle at ${sim.url} (${DEMO.communityName}); signed in as ${DEMO.name} <${DEMO.email}>`);
const settings = { circleUrl: sim.url, origin: DEMO.origin, auth: { mode: 'appToken', appToken: DEMO.appToken, email: DEMO.email } };
if (firefox) process.exit(await demoFirefox({ sim, settings, headless, out, seconds: Number(values.seconds), note, log }));

const profile = mkdtempSync(join(tmpdir(), 'circle-live-demo-'));
const context: BrowserContext = await launchWithExtension(extensionDir, profile, { headless, viewport: headless ? { width: 400, height: 600 } : null });

async function shutdown(code = 0): Promise<never> {
  await context.close().catch(() => undefined);
  await sim.stop();
  rmSync(profile, { recursive: true, force: true });
  process.exit(code);
}
process.on('SIGINT', () => void shutdown());

const worker: Worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
const extensionId = new URL(worker.url()).host;
context.on('console', (message) => {
  if (message.text().includes('alert raised')) note(`alert ${message.text().replace(/^.*alert raised\s*/, '')}`);
});
// The demo's badge counts unread chats too, so the live activity visibly moves it.
await worker.evaluate((value) => chrome.storage.local.set({ settings: value, preferences: { badgeCounts: 'notifications-and-chats' } }), settings);
for (const page of context.pages()) if (page.url().endsWith('/options.html')) await page.close();

const badge = () => worker.evaluate(() => chrome.action.getBadgeText({}));
const status = () => worker.evaluate(async () => (await chrome.storage.local.get('status')).status as { phase?: string } | undefined);
const deadline = Date.now() + 30_000;
while ((await status())?.phase !== 'live') {
  if (Date.now() > deadline) {
    note(`not live after 30 s: ${JSON.stringify(await status())}`);
    await shutdown(1);
  }
  await new Promise((r) => setTimeout(r, 250));
}
note(`live; badge shows "${await badge()}"`);

const popup = await context.newPage();
await popup.goto(`chrome-extension://${extensionId}/popup.html`);

if (!headless) {
  note('Chromium is open: the popup is in the first tab (or pin the extension and click it). Ctrl-C stops the demo.');
  await new Promise(() => undefined);
}

mkdirSync(out, { recursive: true });
await popup.waitForTimeout(2_000);
await popup.screenshot({ path: join(out, 'popup-start.png') });
const seconds = Number(values.seconds);
for (let t = 0; t < seconds; t += 5) {
  await popup.waitForTimeout(5_000);
  note(`t+${t + 5}s badge "${await badge()}"`);
}
await popup.screenshot({ path: join(out, 'popup-live.png') });
const rows = popup.getByRole('listbox', { name: /^Chats/ }).getByRole('option');
if (await rows.count()) {
  await rows.nth(1).click();
  await popup.getByRole('log').waitFor();
  await popup.screenshot({ path: join(out, 'popup-room.png') });
  await popup.keyboard.press('Escape');
}
const notifications = popup.getByRole('tab', { name: /^Notifications/ });
if (await notifications.count()) {
  await notifications.click();
  await popup.screenshot({ path: join(out, 'popup-notifications.png') });
}
writeFileSync(join(out, 'demo.log'), `${log.join('\n')}\n`);
note(`screenshots and demo.log in ${out}`);
await shutdown(0);
