// @vitest-environment node
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Publisher } from './publish';
import type { ConnectionStatus } from '../wire/status';

const written = vi.hoisted(() => [] as ConnectionStatus[]);
vi.mock('../platform/status', () => ({ writeStatus: async (status: ConnectionStatus) => void written.push(status) }));
vi.mock('../platform/badge', () => ({ showBadge: async () => {} }));

beforeEach(() => {
  written.length = 0;
});

const publisher = (previous?: ConnectionStatus) => new Publisher({ current: () => undefined, online: () => true, startedAt: 0, previous: async () => previous });

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
