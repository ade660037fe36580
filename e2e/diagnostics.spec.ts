import type { BrowserContext, Page } from '@playwright/test';
import { control, DEMO, demoSettings, extensionStatus, liveConnection, localCircle, notificationStream, signIn, type Simulator } from './circle';
import { expect, test } from './fixtures';

let sim: Simulator | undefined;
test.afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});

async function openOptions(context: BrowserContext, extensionId: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(page.getByRole('heading', { name: 'Diagnostics' })).toBeVisible();
  return page;
}

const SECRET_TEXT = 'Meet me at the harbour at nine';
const SECRET_NAME = 'Annabel Quixote';

test('a frame Circle Live cannot read is counted and its shape shown in Diagnostics; Copy gives that text without the frame\'s values', async ({ context, extensionId, serviceWorker }, testInfo) => {
  sim = await localCircle();
  await signIn(serviceWorker, demoSettings(sim));
  await liveConnection(sim);
  const page = await openOptions(context, extensionId);
  await expect(page.locator('.diagnostics .facts')).toContainText('live · connected');

  // An envelope our reader does not know: the event name under `kind`, the record under `record`.
  const frame = { kind: 'newMessage', record: { id: 4711, body: SECRET_TEXT, sender: { name: SECRET_NAME } }, token: 'eyJhbGciOiJIUzI1NiJ9.c2VjcmV0' };
  expect(await control<{ delivered: number }>(sim, 'broadcast', { stream: notificationStream, payload: frame })).toEqual({ delivered: 1 });
  const shape = '{kind:"newMessage",record:{body:str,id:num,sender:{name:str}},token:str}';
  await expect(page.locator('.diagnostics .shapes li')).toHaveText([`no_event_name ×1${shape}`]);
  await expect(page.locator('.diagnostics .counts')).toContainText('message.no_event_name1');
  await expect(page.locator('.diagnostics .history')).toContainText('live · connected');

  // Seen again: counted, not listed twice.
  await control(sim, 'broadcast', { stream: notificationStream, payload: { ...frame, record: { ...frame.record, id: 1 } } });
  await expect(page.locator('.diagnostics .shapes li')).toHaveText([`no_event_name ×2${shape}`]);

  // Chromium grants no clipboard read to an extension's origin: the test keeps what the button
  // hands the real clipboard, which must take it for the page to say "Copied".
  await page.evaluate(() => {
    const clipboard = navigator.clipboard;
    const write = clipboard.writeText.bind(clipboard);
    clipboard.writeText = (text: string) => write(text).then(() => void ((window as unknown as { copied: string }).copied = text));
  });
  await page.getByRole('button', { name: 'Copy diagnostics' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Copied.' })).toBeVisible();
  await page.locator('.diagnostics').screenshot({ path: testInfo.outputPath('diagnostics.png') });
  const copied = await page.evaluate(() => (window as unknown as { copied: string }).copied);
  expect(copied).toContain(`2x no_event_name ${shape}`);
  expect(copied).toContain('message.no_event_name=2');
  expect(copied).toMatch(/^version: \d+\.\d+\.\d+$/m);
  expect(copied).toMatch(/^browser: chrome Chrome\/[\d.]+$/m);
  for (const secret of [SECRET_TEXT, SECRET_NAME, 'harbour', '4711', frame.token, DEMO.email, String(DEMO.memberId)]) expect(copied).not.toContain(secret);
});

test('a community without Headless access ends in a plain status, not a retry loop', async ({ context, extensionId, serviceWorker }) => {
  sim = await localCircle({ communityEligible: false });
  await signIn(serviceWorker, demoSettings(sim));
  await expect.poll(() => extensionStatus(serviceWorker)).toMatchObject({ phase: 'error', reason: { code: 'not_eligible' } });
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(popup.getByRole('status').filter({ hasText: "This community cannot use Circle's Headless API." })).toBeVisible();
  await expect(popup.getByText('not_eligible')).toHaveCount(0);
  expect(await sim.control.connections()).toEqual([]);
});
