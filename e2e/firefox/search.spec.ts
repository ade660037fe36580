import { control, DEMO, demoSettings, liveConnection, localCircle, type Simulator } from '../circle';
import { expect, test } from './fixtures';

/** Search in Firefox's popup: the index built from Firefox's IndexedDB, folding, and Enter opening the room. */
let sim: Simulator;
test.beforeEach(async () => {
  sim = await localCircle();
});
test.afterEach(async () => {
  await sim.stop();
});

test('a message stored from the live socket is found without its diacritics, and Enter opens it in its room', async ({ firefox }) => {
  await firefox.setSettings(demoSettings(sim));
  await liveConnection(sim);
  await expect.poll(async () => ((await firefox.status()) as { sync?: { finishedAt?: number } } | undefined)?.sync?.finishedAt, { timeout: 20_000 }).toBeTruthy();
  const room = sim.community.roomsOf(DEMO.memberId).find((r) => r.name === 'Launch Crew')!;
  const text = 'Die Unterlagen für Köln sind fertig';
  const { id } = await control<{ id: number }>(sim, 'messages', { chat_room_uuid: room.uuid, sender_member_id: 2404, body: text });

  const popup = await firefox.bridge();
  await popup.evaluate(() => void (location.href = '/popup.html'));
  // The popup's list shows the message once the background stored it.
  await popup.waitForFunction((body: string) => [...document.querySelectorAll('[role="option"]')].some((el) => el.textContent?.includes(body)), { polling: 100, timeout: 10_000 }, text);
  await popup.evaluate(() => document.querySelector<HTMLElement>('[role="option"]')!.focus());
  await popup.keyboard.press('/');
  await popup.waitForFunction(() => document.activeElement?.getAttribute('type') === 'search', { polling: 50, timeout: 5_000 });
  await popup.keyboard.type('tomas koln');
  await popup.waitForFunction(() => document.querySelectorAll('[aria-label="Search results"] [role="option"]').length === 1, { polling: 50, timeout: 10_000 });
  const result = await popup.evaluate(() => {
    const option = document.querySelector('[aria-label="Search results"] [role="option"]')!;
    return { text: option.textContent, marks: [...option.querySelectorAll('mark')].map((m) => m.textContent) };
  });
  expect(result.text).toContain('Launch Crew');
  expect(result.text).toContain(text);
  expect(result.marks).toEqual(['Tomás', 'Köln']);

  await popup.keyboard.press('Enter');
  await popup.waitForFunction((want: number) => document.querySelector('[role="log"] .message.found')?.getAttribute('data-id') === String(want), { polling: 50, timeout: 5_000 }, id);
  expect(await popup.evaluate(() => document.querySelector('h2')?.textContent)).toBe('Launch Crew');
});
