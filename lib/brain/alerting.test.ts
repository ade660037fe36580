// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { parsePreferences } from '../settings/preferences';
import type { Change } from '../store/change';
import { message, room } from '../store/testing';
import type { MemberAction } from '../wire/messages';
import { actOnAlert, raiseAlerts } from './alerting';
import { FakeBrowser } from './testing';

const ORIGIN = 'https://community.example';
const now = Date.now();

function batch(uuids: string[]) {
  const rooms = new Map(uuids.map((uuid) => [uuid, room(uuid, { kind: 'group_chat', name: uuid })]));
  const messages = uuids.map((uuid, i) => message(i + 1, uuid, { sentAt: now - 1_000 }));
  const change: Change = { community: 'c', rooms: uuids, messages: messages.length, notifications: 0, counters: [], stubs: [], announced: messages.map((m) => m.id), newNotifications: [] };
  return { change, announced: { messages, rooms } };
}

async function raise(browser: FakeBrowser, uuids: string[]) {
  const { change, announced } = batch(uuids);
  const logged: string[] = [];
  const logger = { info: (text: string) => void logged.push(text) };
  await raiseAlerts(change, announced, { port: browser.port, store: undefined as never, community: 'c', memberId: 7, origin: ORIGIN, logger, now });
  return logged;
}

describe('raising alerts', () => {
  it('raises none for the room open in the focused tab, and the others as usual', async () => {
    const browser = new FakeBrowser();
    browser.focusedTab = `${ORIGIN}/messages/r1`;
    await raise(browser, ['r1', 'r2']);
    expect(browser.alerts.map((a) => a.id)).toEqual(['room:r2']);
  });

  it('raises them all when the focused tab is elsewhere, or cannot be read', async () => {
    const browser = new FakeBrowser();
    browser.focusedTab = 'https://elsewhere.example/messages/r1';
    await raise(browser, ['r1']);
    browser.focusedTab = undefined;
    await raise(browser, ['r2']);
    expect(browser.alerts.map((a) => a.id)).toEqual(['room:r1', 'room:r2']);
  });

  it('with the sound on, plays it once for a batch of several alerts; with it off or nothing raised, never', async () => {
    const browser = new FakeBrowser();
    browser.preferences = { sound: true };
    await raise(browser, ['r1', 'r2', 'r3']);
    expect(browser.alerts).toHaveLength(3);
    expect(browser.steps.filter((s) => s === 'sound')).toHaveLength(1);
    browser.focusedTab = `${ORIGIN}/messages/r4`;
    await raise(browser, ['r4']);
    browser.preferences = { sound: false };
    await raise(browser, ['r5']);
    expect(browser.steps.filter((s) => s === 'sound')).toHaveLength(1);
  });
});

describe('alert buttons', () => {
  function acting(result = { ok: true }) {
    const browser = new FakeBrowser();
    const performed: MemberAction[] = [];
    const warned: string[] = [];
    const deps = {
      port: browser.port,
      perform: async (request: MemberAction) => {
        performed.push(request);
        return result;
      },
      logger: { warn: (text: string) => void warned.push(text) },
    };
    return { browser, performed, warned, deps };
  }

  it('"Mark as read" on a room alert marks the room read through the member action, then clears the alert', async () => {
    const { browser, performed, deps } = acting();
    await actOnAlert('room:r1', 0, deps);
    expect(performed).toEqual([{ action: 'mark-room-read', uuid: 'r1' }]);
    expect(browser.steps).toEqual(['clear alert room:r1']);
  });

  it('"Mark as read" on a notification alert marks that notification read', async () => {
    const { performed, deps } = acting();
    await actOnAlert('notification:42', 0, deps);
    expect(performed).toEqual([{ action: 'mark-notification-read', id: 42 }]);
  });

  it('"Mute room" mutes the room in the preferences, once, and drops its own choice', async () => {
    const { browser, performed, deps } = acting();
    browser.preferences = { mutedRooms: ['other'], roomAlerts: { r1: 'every', r2: 'mentions' } };
    await actOnAlert('room:r1', 1, deps);
    await actOnAlert('room:r1', 1, deps);
    expect(parsePreferences(browser.preferences)).toMatchObject({ mutedRooms: ['other', 'r1'], roomAlerts: { r2: 'mentions' } });
    expect(performed).toEqual([]);
    expect(browser.steps).toEqual(['preferences', 'clear alert room:r1', 'preferences', 'clear alert room:r1']);
  });

  it('a refusal is logged and the alert still goes; a button nobody knows does nothing but clear it', async () => {
    const { browser, warned, deps } = acting({ ok: false });
    await actOnAlert('room:r1', 0, deps);
    await actOnAlert('notification:7', 1, deps);
    await actOnAlert('notification:x', 0, deps);
    expect(warned).toEqual(['an alert could not mark its room read', 'an alert button nobody knows', 'an alert could not mark its room read']);
    expect(browser.steps).toEqual(['clear alert room:r1', 'clear alert notification:7', 'clear alert notification:x']);
  });
});
