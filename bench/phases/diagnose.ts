import { analyze, cpuBetween, processCpu, startProfiling, type Breakdown } from '../lib/profile';
import { join } from 'node:path';
import type { BenchComponents, ComponentCosts } from '../pages/components';
import { sleep } from '../lib/clock';
import { bundle, MEMBER, type ExtWindow, type Session } from '../lib/session';
import { burstOurs, burstPayloads, type BurstResult } from './throughput';

/**
 * `--profile`: one more burst into Circle Live (not counted in the figures) with the CPU
 * profiler on the background and the offscreen document, and the CPU every Chromium process
 * spent meanwhile.
 */
export interface BurstDiagnosis {
  burst: BurstResult;
  processCpuMs: Record<string, number>;
  profiles: Breakdown[];
}

export async function diagnoseBurst(s: Session, rooms: readonly string[], events: number, firstId: number): Promise<BurstDiagnosis> {
  const payloads = burstPayloads(s.sim, rooms, events, firstId);
  await sleep(1_000);
  const background = await startProfiling(s.cdp, (t) => t.type === 'service_worker' && t.url.includes(s.extensionId));
  const offscreen = await startProfiling(s.cdp, (t) => t.url.includes(`${s.extensionId}/offscreen.html`));
  const before = processCpu(s.profileDir);
  const burst = await burstOurs(s, payloads);
  const after = processCpu(s.profileDir);
  const profiles: Breakdown[] = [];
  const bg = await background.stop();
  if (bg) profiles.push(analyze('background', bg, s.buildDir));
  const off = await offscreen.stop();
  if (off) profiles.push(analyze('offscreen', off, s.buildDir));
  return { burst, processCpuMs: cpuBetween(before, after), profiles };
}

/**
 * The same burst with desktop alerts switched off in the member's preferences (the brain still
 * reads what it would alert about, then raises nothing): how much of a burst the alerts cost.
 */
export async function burstWithoutAlerts(s: Session, rooms: readonly string[], events: number, firstId: number): Promise<BurstResult & { processCpuMs: Record<string, number> }> {
  const setAlerts = (on: boolean) =>
    s.page.evaluate(async (value) => {
      const { preferences } = await chrome.storage.local.get('preferences');
      await chrome.storage.local.set({ preferences: { ...(preferences as object | undefined), alerts: value } });
      return (globalThis as unknown as ExtWindow).bench.now();
    }, on);
  await setAlerts(false);
  await sleep(1_500);
  try {
    const before = processCpu(s.profileDir);
    const burst = await burstOurs(s, burstPayloads(s.sim, rooms, events, firstId));
    return { ...burst, processCpuMs: cpuBetween(before, processCpu(s.profileDir)) };
  } finally {
    await setAlerts(true);
    await sleep(1_500);
  }
}

/** One batch's pieces, timed apart in an extension page (bench/pages/components.ts). */
export async function measureComponents(s: Session, rooms: readonly string[], events: number, batch: number): Promise<ComponentCosts> {
  await s.page.evaluate(bundle(join(import.meta.dirname, '..', 'pages', 'components.ts')));
  const payloads = burstPayloads(s.sim, rooms, events, 90_000_000);
  return s.page.evaluate(
    (spec) => (globalThis as unknown as { benchComponents: BenchComponents }).benchComponents.run(spec),
    { community: s.community, memberId: MEMBER, rooms: [...rooms], payloads, batch },
  );
}
