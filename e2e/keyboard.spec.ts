import { localCircle, memberGet, type Simulator } from './circle';
import { expect, test } from './fixtures';
import { chatRows, expectNoSeriousAxeViolations, openPopup, signedIn } from './popup-page';

let sim: Simulator;
test.beforeEach(async () => {
  sim = await localCircle();
});
test.afterEach(async () => {
  await sim.stop();
});

const circleUnread = async (uuid: string) =>
  (await memberGet<{ records: { uuid: string; unread_messages_count: number }[] }>(sim, '/messages?page=1&per_page=100')).records.find((r) => r.uuid === uuid)?.unread_messages_count;

test('a shortcut opens the popup; j and k move in the list, e marks a room read at Circle, and the composer keeps its letters', async ({ context, serviceWorker, extensionId }) => {
  // The manifest asks for Alt+Shift+L on the toolbar button, and the browser gave it.
  const commands = await serviceWorker.evaluate(async () => ({ manifest: chrome.runtime.getManifest().commands, bound: await chrome.commands.getAll() }));
  expect(commands.manifest).toEqual({ _execute_action: { suggested_key: { default: 'Alt+Shift+L' }, description: 'Open Circle Live' } });
  expect(commands.bound.find((c) => c.name === '_execute_action')?.shortcut).toBe('Alt+Shift+L');

  await signedIn(sim, serviceWorker);
  const page = await openPopup(context, extensionId);
  const focusedRow = () => page.evaluate(() => document.activeElement?.getAttribute('aria-posinset'));
  await chatRows(page).first().focus();
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  expect(await focusedRow()).toBe('3');
  await page.keyboard.press('k');
  expect(await focusedRow()).toBe('2');
  await expect(chatRows(page).first()).toHaveAttribute('aria-keyshortcuts', 'E M');

  // The first room Circle counts unread, reached with j alone.
  const firstUnread = chatRows(page).filter({ has: page.locator('.badge') }).first();
  const position = Number(await firstUnread.getAttribute('aria-posinset'));
  const uuid = (await firstUnread.getAttribute('id'))!.replace(/^rooms-row-/, '');
  const target = page.locator(`[id="rooms-row-${uuid}"]`);
  expect(await circleUnread(uuid)).toBeGreaterThan(0);
  await page.keyboard.press('Home');
  for (let i = 1; i < position; i++) await page.keyboard.press('j');
  await expect(target).toBeFocused();
  const name = (await target.locator('.room-name').textContent())!;
  await page.keyboard.press('e');
  await expect(target.locator('.badge')).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: `${name} is marked as read` })).toBeAttached();
  await expect.poll(() => circleUnread(uuid)).toBe(0);
  await expect(target).toBeFocused();
  await expectNoSeriousAxeViolations(page);

  // In a room, the letters are the member's: typed into the composer, nothing moves or marks.
  await page.keyboard.press('Enter');
  const composer = page.locator('.composer textarea');
  await composer.focus();
  await page.keyboard.type('jke');
  await expect(composer).toHaveValue('jke');
  await expect(page.getByRole('heading', { level: 2 })).toHaveText(name);
});
