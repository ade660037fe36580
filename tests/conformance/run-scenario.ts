/**
 * Runs the scenarios of scenarios.ts against a target and asserts every expectation.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Handshake as RawHandshake, RawClient, RawOptions } from '../../simulator/testing/raw-client';
import { openRaw } from '../../simulator/testing/raw-client';
import type { Connect, Handshake, Scenario, Step } from './scenarios';
import { SCENARIOS } from './scenarios';
import type { CableTarget } from './targets';

const QUIET_MS = 150;
const TRAILING_QUIET_MS = 60;
const PING = /^\{"type":"ping","message":(\d+)\}$/;

function rawOptions(target: CableTarget, connect: Connect = {}): RawOptions {
  const origins = { allowed: target.origin, foreign: 'https://evil.example', none: undefined, host: target.httpUrl };
  const tokens = { member: target.member.token, garbage: 'not-a-token', none: undefined };
  return { origin: origins[connect.origin ?? 'allowed'], token: tokens[connect.auth ?? 'member'], protocols: connect.protocols };
}

function simplify(handshake: RawHandshake): Handshake | { open: true } {
  if (handshake.kind === 'open') {
    handshake.client.close();
    return { open: true };
  }
  return handshake.kind === 'http' ? { http: { status: handshake.status, body: handshake.body } } : { error: handshake.message };
}

async function runStep(target: CableTarget, client: RawClient, step: Step): Promise<void> {
  if ('send' in step) client.send(step.send(target));
  else if ('subscribe' in step) client.subscribe(step.subscribe(target));
  else if ('unsubscribe' in step) client.unsubscribe(step.unsubscribe(target));
  else if ('broadcast' in step) await target.broadcast(step.broadcast(target), step.payload);
  else if ('trigger' in step) await (step.trigger === 'restart' ? target.restart() : target.disconnect(target.member.id));
  else if ('expect' in step) {
    const wanted = step.expect(target);
    const got = await client.take(wanted.length);
    expect([...got].sort()).toEqual([...wanted].sort());
  } else if ('expectNothing' in step) expect(await client.quiet(QUIET_MS)).toEqual([]);
  else if ('expectClose' in step) {
    const closed = await Promise.race([client.closed, new Promise<null>((resolve) => setTimeout(() => resolve(null), 3000))]);
    expect(closed?.code).toBe(step.expectClose);
  } else {
    const ping = await client.nextPing();
    const seconds = Number(PING.exec(ping)?.[1]);
    expect(ping).toMatch(PING);
    expect(Math.abs(seconds - Date.now() / 1000)).toBeLessThan(3);
  }
}

export async function runScenario(target: CableTarget, scenario: Scenario): Promise<void> {
  if (scenario.plainGet) {
    const response = await fetch(`${target.httpUrl}/cable`, { headers: { Origin: target.origin } });
    expect({ http: { status: response.status, body: await response.text() } }).toEqual(scenario.handshake);
    return;
  }
  const handshake = await openRaw(target.cableUrl, rawOptions(target, scenario.connect));
  if (scenario.handshake) {
    expect(simplify(handshake)).toEqual(scenario.handshake);
    return;
  }
  if (handshake.kind !== 'open') throw new Error(`expected the socket to open, got ${JSON.stringify(handshake)}`);
  const { client } = handshake;
  try {
    if (scenario.protocol !== undefined) expect(client.protocol).toBe(scenario.protocol);
    const steps = scenario.steps ?? [];
    for (const step of steps) await runStep(target, client, step);
    // Nothing more may follow what the scenario expected; a scenario that ended on a silence
    // check or a close has already waited for stragglers.
    const last = steps[steps.length - 1];
    const waited = last !== undefined && ('expectNothing' in last || 'expectClose' in last);
    expect(await client.quiet(waited || !client.isOpen ? 0 : TRAILING_QUIET_MS)).toEqual([]);
  } finally {
    client.close();
  }
}

/**
 * One test per scenario against the server `start` brings up. The server starts inside the
 * first test, not in beforeAll, so a server that cannot start fails every test instead of
 * leaving them reported as skipped.
 */
export function describeConformance(name: string, start: () => Promise<CableTarget>): void {
  describe(`cable conformance: ${name}`, () => {
    let started: Promise<CableTarget> | undefined;
    const target = (): Promise<CableTarget> => (started ??= start());
    afterAll(async () => {
      const running = await started?.catch(() => undefined);
      await running?.stop();
    });
    for (const scenario of SCENARIOS) {
      it(scenario.name, async () => runScenario(await target(), scenario), 40_000);
    }
  });
}
