// @vitest-environment node
import { beforeEach, describe, expect, it } from 'vitest';
import type { ConnectionStatus } from '../wire/status';
import { Publisher } from './publish';
import type { Session } from './session';
import { FakeBrowser } from './testing';

let browser: FakeBrowser;
let written: ConnectionStatus[];
beforeEach(() => {
  browser = new FakeBrowser();
  written = browser.statuses;
});

function publisher(previous?: ConnectionStatus) {
  browser.port.status.read = async () => previous;
  return new Publisher({ port: browser.port, current: () => undefined, online: () => true, startedAt: 0 });
}

describe('Publisher diagnostics', () => {
  it('notes each change of state once, the most recent last', async () => {
    const p = publisher();
    await p.publish(undefined, { phase: 'offline', reason: { code: 'network' } });
    await p.publish(undefined, { phase: 'offline', reason: { code: 'network' } });
    await p.publish(undefined, { phase: 'error', reason: { code: 'not_eligible' } });
    expect(written.at(-1)?.diagnostics?.history.map((h) => `${h.phase} ${h.reason?.code}`)).toEqual(['offline network', 'error not_eligible']);
  });

  it("carries an earlier worker's counts, shapes and history on", async () => {
    const p = publisher({
      phase: 'live', startedAt: 0, updatedAt: 0,
      diagnostics: { rejected: { no_event_name: 2 }, shapes: [{ kind: 'no_event_name', shape: '{a:num}', count: 2, lastAt: 1 }], history: [{ at: 1, phase: 'live' }, { at: 2, phase: 'not-set-up', reason: 'Settings incomplete: auth' as never }] },
    });
    p.rejected('no_event_name', { a: 7 });
    p.rejected('unknown_event', { event: 'x' });
    await p.publish(undefined, { phase: 'offline', reason: { code: 'network' } });
    const diagnostics = written.at(-1)?.diagnostics;
    expect(diagnostics?.rejected).toEqual({ no_event_name: 3, unknown_event: 1 });
    expect(diagnostics?.shapes.map((s) => `${s.count} ${s.shape}`)).toEqual(['3 {a:num}', '1 {event:str}']);
    expect(diagnostics?.history.map((h) => h.phase)).toEqual(['live', 'not-set-up', 'offline']);
    // An older version's words are not carried on: a view would show them.
    expect(diagnostics?.history.map((h) => h.reason)).toEqual([undefined, { code: 'unknown' }, { code: 'network' }]);
  });
});

describe("Publisher and the popup's first screen", () => {
  const COMMUNITY = 'https://app.circle.so/7';
  const signedIn = () =>
    ({
      settings: { circleUrl: 'https://app.circle.so' },
      preferences: { badgeCounts: 'notifications' },
      api: { answeredAt: 1 },
      member: { id: 7, community: COMMUNITY, live: { count: 2, cable: { state: 'connected', reason: 'welcome', attempts: 0 } } },
    }) as unknown as Session;

  it('redraws it from the rooms of the community a change touched, not on every publish', async () => {
    const s = signedIn();
    const p = new Publisher({ port: browser.port, current: () => s, online: () => true, startedAt: 0 });
    await p.publish(s);
    expect(browser.steps).not.toContain(`first screen ${COMMUNITY}`);
    p.roomsChanged(s);
    expect(browser.steps.filter((step) => step.startsWith('first screen'))).toEqual([`first screen ${COMMUNITY}`]);
  });

  it('forgets it once the status says signed out or not set up: sign-out forgets the cache it was drawn from', async () => {
    const s = signedIn();
    const p = new Publisher({ port: browser.port, current: () => s, online: () => true, startedAt: 0 });
    await p.publish(s);
    expect(browser.steps.filter((step) => step.startsWith('clear first screen'))).toEqual([]);
    s.stopped = { phase: 'signed-out', reason: { code: 'signed_out' } };
    await p.publish(s);
    expect(browser.steps).toContain(`clear first screen ${s.member.community}`);
  });
});
