import { DEMO, demoSettings, localCircle, signIn, storeDump, syncFinished, type Simulator } from './circle';
import { expect, test } from './fixtures';

let sim: Simulator;
test.beforeEach(async () => {
  sim = await localCircle();
});
test.afterEach(async () => {
  await sim.stop();
});

test("Circle's rich text shows its link, mention and line break, and an attachment-only message its file's name", async ({ context, serviceWorker, extensionId }) => {
  await signIn(serviceWorker, demoSettings(sim));
  await expect.poll(() => syncFinished(serviceWorker), { timeout: 20_000 }).toBe(true);
  const { rooms } = await storeDump(serviceWorker);
  const launch = rooms.find((r) => r.name === 'Launch Crew')!;
  // The seed's DM with Maya (2401) holds a message that is only a picture.
  const maya = rooms.find((r) => r.name === sim.community.members.get(2401)!.name)!;

  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  const list = page.getByRole('listbox', { name: /^Chats/ });
  const open = async (name: string) => {
    await list.getByRole('option').filter({ has: page.locator('.room-name', { hasText: new RegExp(`^${name}$`) }) }).click();
    return page.getByRole('log', { name: `Messages in ${name}` });
  };

  const log = await open(launch.name);
  const rich = log.locator('.message').filter({ hasText: 'Press kit is up' });
  await expect(rich).toHaveCount(1);
  const link = rich.getByRole('link');
  await expect(link).toHaveAttribute('href', `${DEMO.origin}/c/launch/press-kit`);
  await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
  await expect(rich.locator('.mention')).toHaveText(`@${sim.community.members.get(DEMO.memberId)!.name}`);
  await expect(rich.locator('.body br')).toHaveCount(1);
  await expect(rich.locator('.body')).toContainText('can you give it a look?');

  await page.getByRole('button', { name: 'Back to chats' }).click();
  const dm = await open(maya.name);
  await expect(dm.locator('.attachments li')).toContainText(['launch-banner.svg']);
  await page.screenshot({ path: 'test-results/rich-text-dm.png' });
});
