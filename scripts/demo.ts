// `npm run demo [-- --headless] [-- --browser firefox] [-- --port 4400] [-- --seconds 45]`
// Builds the extension, starts the local Circle with a seeded community and live activity,
// the community's token service (community-kit) with a local OpenID provider as the
// community's login, and opens Chromium with the extension loaded. The member types the
// community's address, clicks Sign in and logs in on the community's page, as members would.
// Headed where there is a display; headless (or --headless) the script signs in the same way
// itself, captures popup screenshots and a log of alerts, then exits. Firefox ESR
// (scripts/demo-firefox.ts) is signed in with the demo's app token instead.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
    'kit-port': { type: 'string', default: '4410' },
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

const simOptions = { port: Number(values.port), activityPerMinute: Number(values['per-minute']) };
if (firefox) {
  const sim = await startSimulator(simOptions);
  note(`local Circle at ${sim.url} (${DEMO.communityName}); signed in as ${DEMO.name} <${DEMO.email}>`);
  const settings = { circleUrl: sim.url, origin: DEMO.origin, auth: { mode: 'appToken', appToken: DEMO.appToken, email: DEMO.email } };
  process.exit(await demoFirefox({ sim, settings, headless, out, seconds: Number(values.seconds), note, log }));
}

// The kit is a package of its own; its login provider is one of its development dependencies.
if (!existsSync('community-kit/node_modules')) execFileSync('npm', ['ci', '--prefix', 'community-kit'], { stdio: 'inherit' });
const { startStack } = await import('../community-kit/test/harness.ts');

const profile = mkdtempSync(join(tmpdir(), 'circle-live-demo-'));
const context: BrowserContext = await launchWithExtension(extensionDir, profile, { headless, viewport: headless ? { width: 400, height: 600 } : null });
const worker: Worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
const extensionId = new URL(worker.url()).host;
// The kit lets in this browser's sign-in window only: its redirect URL names the extension.
const kitPort = Number(values['kit-port']);
const stack = await startStack({
  sim: simOptions,
  ports: { kit: kitPort, idp: kitPort + 1 },
  env: { ALLOWED_REDIRECT_URIS: `https://${extensionId}.chromiumapp.org/*`, COMMUNITY_ICON_URL: '' },
});
const sim = stack.sim;
note(`local Circle at ${sim.url} (${DEMO.communityName}); its sign-in service at ${stack.kitUrl}, its login at ${stack.issuer}`);

async function shutdown(code = 0): Promise<never> {
  await context.close().catch(() => undefined);
  await stack.stop();
  rmSync(profile, { recursive: true, force: true });
  process.exit(code);
}
process.on('SIGINT', () => void shutdown());

context.on('console', (message) => {
  if (message.text().includes('alert raised')) note(`alert ${message.text().replace(/^.*alert raised\s*/, '')}`);
});
// The demo's badge counts unread chats too, so the live activity visibly moves it.
await worker.evaluate(() => chrome.storage.local.set({ preferences: { badgeCounts: 'notifications-and-chats' } }));

const badge = () => worker.evaluate(() => chrome.action.getBadgeText({}));
const status = () => worker.evaluate(async () => (await chrome.storage.local.get('status')).status as { phase?: string } | undefined);
const options = context.pages().find((page) => page.url().endsWith('/options.html')) ?? (await context.waitForEvent('page', (page) => page.url().endsWith('/options.html')));

if (headless) {
  // What the member does, done by the script: the address, Sign in, the community's login page.
  await options.getByLabel("Your community's address").fill(stack.kitUrl);
  await options.getByRole('button', { name: 'Find community' }).click();
  const window = context.waitForEvent('page', (page) => page.url().startsWith(stack.issuer));
  await options.getByRole('button', { name: 'Sign in', exact: true }).click();
  const login = await window;
  await login.locator('input[name="login"]').fill('sso-2400');
  await login.locator('input[name="password"]').fill('demo');
  await login.locator('button[type="submit"]').click();
  await login.locator('button[type="submit"]', { hasText: /continue/i }).click();
} else {
  note(`Chromium is open on the options page. Type the community's address ${stack.kitUrl}, click Find community, then Sign in;`);
  note(`on the community's login page sign in as sso-2400 (${DEMO.name}) with any password and click Continue.`);
}

const deadline = headless ? Date.now() + 30_000 : Infinity;
while ((await status())?.phase !== 'live') {
  if (Date.now() > deadline) {
    note(`not live after 30 s: ${JSON.stringify(await status())}`);
    await shutdown(1);
  }
  await new Promise((r) => setTimeout(r, 250));
}
note(`signed in through the community's login as ${DEMO.name} <${DEMO.email}>; live; badge shows "${await badge()}"`);
if (headless) await options.close();

const popup = await context.newPage();
await popup.goto(`chrome-extension://${extensionId}/popup.html`);

if (!headless) {
  note('The popup is in a new tab (or pin the extension and click it). Ctrl-C stops the demo.');
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
