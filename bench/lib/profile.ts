import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import type { Cdp, TargetInfo } from './cdp';

/**
 * Where the time goes during a burst: V8 CPU profiles of chosen targets (the background
 * service worker, the offscreen document), mapped through the build's source maps to lib/…
 * files and packages; and the CPU each Chromium process burned (the browser process and the
 * storage service are where IndexedDB and extension messaging run).
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface Breakdown {
  target: string;
  wallMs: number;
  /** Self time by area (ms): packages, lib/ folders, or V8's (garbage collector) / (idle) / (program). */
  byArea: Record<string, number>;
  /** The functions with the most self time. */
  top: { fn: string; where: string; ms: number }[];
}

export async function startProfiling(cdp: Cdp, match: (t: TargetInfo) => boolean): Promise<{ stop(): Promise<CpuProfile | undefined> }> {
  const sessionId = await cdp.attach(match);
  if (!sessionId) return { stop: async () => undefined };
  await cdp.send('Profiler.enable', {}, sessionId);
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 }, sessionId);
  await cdp.send('Profiler.start', {}, sessionId);
  return {
    async stop() {
      const { profile } = await cdp.send<{ profile: CpuProfile }>('Profiler.stop', {}, sessionId);
      await cdp.detach(sessionId);
      return profile;
    },
  };
}

function areaOf(source: string | null, fn: string, url: string): string {
  if (fn === '(garbage collector)' || fn === '(idle)' || fn === '(program)' || fn === '(root)') return fn;
  if (!url) return `native: ${fn || '(anonymous)'}`;
  if (!source) return 'unmapped';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  if (pkg) return pkg[1]!;
  const lib = /(lib\/[^/]+|entrypoints\/[^/]+|components)/.exec(source);
  return lib ? lib[1]! : source;
}

export function analyze(target: string, profile: CpuProfile, buildDir: string): Breakdown {
  const maps = new Map<string, TraceMap | null>();
  const mapFor = (url: string): TraceMap | null => {
    if (maps.has(url)) return maps.get(url)!;
    let map: TraceMap | null = null;
    try {
      const path = new URL(url).pathname;
      map = new TraceMap(readFileSync(join(buildDir, `${path}.map`), 'utf8'));
    } catch {
      map = null;
    }
    maps.set(url, map);
    return map;
  };
  const selfUs = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) selfUs.set(samples[i]!, (selfUs.get(samples[i]!) ?? 0) + (deltas[i + 1] ?? 0));
  const byArea: Record<string, number> = {};
  const byFn = new Map<string, { fn: string; where: string; ms: number }>();
  for (const node of profile.nodes) {
    const us = selfUs.get(node.id) ?? 0;
    if (!us) continue;
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    const map = url ? mapFor(url) : null;
    const original = map ? originalPositionFor(map, { line: lineNumber + 1, column: Math.max(0, columnNumber) }) : null;
    const source = original?.source ?? null;
    const area = areaOf(source, functionName, url);
    byArea[area] = (byArea[area] ?? 0) + us / 1000;
    const where = source ? `${source.replace(/^(\.\.\/)+/, '')}:${original?.line ?? '?'}` : url ? `${url.split('/').pop()}:${lineNumber + 1}` : '';
    const key = `${functionName}@${where}`;
    const entry = byFn.get(key) ?? { fn: functionName || '(anonymous)', where, ms: 0 };
    entry.ms += us / 1000;
    byFn.set(key, entry);
  }
  for (const key of Object.keys(byArea)) byArea[key] = Math.round(byArea[key]! * 10) / 10;
  const top = [...byFn.values()]
    .filter((entry) => entry.fn !== '(idle)')
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 15)
    .map((entry) => ({ ...entry, ms: Math.round(entry.ms * 10) / 10 }));
  return { target, wallMs: Math.round((profile.endTime - profile.startTime) / 1000), byArea, top };
}

/** CPU time (ms) of the Chromium run whose browser process names `profileDir`, and of all its descendants. */
export function processCpu(profileDir: string): Map<number, { kind: string; ms: number }> {
  const tick = 10; // USER_HZ is 100 on Linux
  // Chromium's child processes rewrite their title: the command line may be one space-separated string.
  const all = new Map<number, { ppid: number; cmdline: string; ms: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
      all.set(Number(entry), { ppid: Number(fields[1]), cmdline, ms: (Number(fields[11]) + Number(fields[12])) * tick });
    } catch {
      // gone meanwhile
    }
  }
  const ours = new Set<number>();
  for (const [pid, proc] of all) if (proc.cmdline.includes(profileDir) && !proc.cmdline.includes('--type=')) ours.add(pid);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, proc] of all) {
      if (!ours.has(pid) && ours.has(proc.ppid)) {
        ours.add(pid);
        grew = true;
      }
    }
  }
  const result = new Map<number, { kind: string; ms: number }>();
  for (const pid of ours) {
    const { cmdline, ms } = all.get(pid)!;
    const type = /--type=(\S+)/.exec(cmdline)?.[1] ?? (cmdline.includes('/chromium') ? 'browser' : 'launcher');
    const sub = /--utility-sub-type=(\S+)/.exec(cmdline)?.[1];
    const extension = cmdline.includes('--extension-process');
    result.set(pid, { kind: sub ? `${type} (${sub})` : extension ? `${type} (extensions)` : type, ms });
  }
  return result;
}

/** CPU ms per process kind between two `processCpu` readings. */
export function cpuBetween(before: Map<number, { kind: string; ms: number }>, after: Map<number, { kind: string; ms: number }>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [pid, { kind, ms }] of after) out[kind] = (out[kind] ?? 0) + ms - (before.get(pid)?.ms ?? 0);
  return out;
}
