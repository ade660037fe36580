import type { ConnectionStatus } from '../../lib/wire/status';
import { reasonCodeOf } from '../shared/reason-text';

/** What the options page knows about itself, from the manifest and the browser. */
export interface About {
  version: string;
  browser: string;
}

/** A reason's code (`not_eligible`, `closed_before_open`); an older version's free text reads `unknown`, it may quote Circle. */
export const reasonCode = reasonCodeOf;

/** Every rejection counted, `frame.…` by the cable (the host's lifetime), `message.…` by the background. */
export function rejectionCounts(status: ConnectionStatus | undefined): [string, number][] {
  const counts: [string, number][] = [];
  for (const [kind, count] of Object.entries(status?.cable?.diagnostics ?? {})) if (count > 0) counts.push([`frame.${kind}`, count]);
  for (const [kind, count] of Object.entries(status?.diagnostics?.rejected ?? {})) if (count > 0) counts.push([`message.${kind}`, count]);
  return counts;
}

const iso = (at: number | null | undefined) => (typeof at === 'number' && Number.isFinite(at) ? new Date(at).toISOString() : '-');

/**
 * The text "Copy diagnostics" puts on the clipboard, for a bug report. It is built from
 * codes, counts, times and shapes only: the status's community, member and names stay out,
 * and shapes hold no values (lib/circle/shape.ts). Not translated: it is read by whoever fixes the bug.
 */
export function diagnosticsText(about: About, status: ConnectionStatus | undefined): string {
  const lines = ['Circle Live diagnostics', `version: ${about.version}`, `browser: ${about.browser}`];
  if (!status) return [...lines, 'status: none yet'].join('\n');
  const cable = status.cable;
  lines.push(`phase: ${status.phase}${status.reason ? ` (${reasonCode(status.reason)})` : ''}`);
  if (cable) {
    lines.push(`cable: ${cable.state} (${cable.reason}) since ${iso(cable.since)}, attempts ${cable.attempts}, reconnects ${cable.reconnects}, closed before open ${cable.closedBeforeOpen}`);
    const subscriptions = new Map<string, number>();
    for (const s of cable.subscriptions) subscriptions.set(`${s.channel} ${s.state}`, (subscriptions.get(`${s.channel} ${s.state}`) ?? 0) + 1);
    lines.push(`subscriptions: ${[...subscriptions].map(([what, n]) => `${what} x${n}`).join(', ') || 'none'}`);
  }
  lines.push(`background started: ${iso(status.startedAt)}`);
  const counts = rejectionCounts(status);
  lines.push(`rejected: ${counts.map(([kind, count]) => `${kind}=${count}`).join(', ') || 'none'}`);
  const shapes = status.diagnostics?.shapes ?? [];
  lines.push(`shapes (${shapes.length}, most recent last):`);
  for (const s of shapes) lines.push(`  ${s.count}x ${s.kind} ${s.shape} last ${iso(s.lastAt)}`);
  const history = status.diagnostics?.history ?? [];
  lines.push(`history (${history.length}, most recent last):`);
  for (const h of history) lines.push(`  ${iso(h.at)} ${h.phase}${h.cable ? ` cable=${h.cable}` : ''}${h.reason ? ` ${reasonCode(h.reason)}` : ''}`);
  return lines.join('\n');
}
