// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { CableError } from './errors.ts';
import { StateMachine, TRANSITIONS } from './state.ts';
import type { CableState } from './state.ts';

const STATES: CableState[] = ['idle', 'connecting', 'connected', 'reconnecting', 'stopped'];

// Walks the machine into `state` along legal moves only.
function machineIn(state: CableState): StateMachine {
  const machine = new StateMachine(0);
  const path: Record<CableState, CableState[]> = {
    idle: [],
    connecting: ['connecting'],
    connected: ['connecting', 'connected'],
    reconnecting: ['connecting', 'reconnecting'],
    stopped: ['stopped'],
  };
  for (const step of path[state]) machine.go(step, 'test', 0);
  expect(machine.state).toBe(state);
  return machine;
}

describe('StateMachine', () => {
  it('starts idle, created now', () => {
    const machine = new StateMachine(123);
    expect([machine.state, machine.reason, machine.since]).toEqual(['idle', 'created', 123]);
  });

  it('records previous state, reason, time and error on a legal move', () => {
    const machine = new StateMachine(0);
    const error = new CableError('closed_before_open', 'close 1006');
    expect(machine.go('connecting', 'start', 5)).toEqual({ state: 'connecting', previous: 'idle', reason: 'start', at: 5 });
    const change = machine.go('reconnecting', 'closed_before_open', 9, error);
    expect(change).toEqual({ state: 'reconnecting', previous: 'connecting', reason: 'closed_before_open', at: 9, error });
    expect([machine.state, machine.reason, machine.since]).toEqual(['reconnecting', 'closed_before_open', 9]);
  });

  describe.each(STATES)('from %s', (from) => {
    it.each(STATES)('to %s follows the table', (to) => {
      const machine = machineIn(from);
      const legal = TRANSITIONS[from].includes(to);
      expect(machine.can(to)).toBe(legal);
      const change = machine.go(to, 'probe', 1);
      expect(change !== null).toBe(legal);
      expect(machine.state).toBe(legal ? to : from);
      if (!legal) expect(machine.reason).not.toBe('probe');
    });
  });

  it('cannot reach connected without connecting, nor leave stopped except by connecting', () => {
    expect(TRANSITIONS.idle).not.toContain('connected');
    expect(TRANSITIONS.reconnecting).not.toContain('connected');
    expect(TRANSITIONS.stopped).toEqual(['connecting']);
  });
});
