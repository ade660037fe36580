import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname } from 'node:path';

/** One line of the table: the figures, the goal in words, and whether it is met. */
export interface Row {
  section: string;
  metric: string;
  unit: string;
  p50?: number;
  p95?: number;
  max?: number;
  /** Single figures (rates, ratios, sizes) go here. */
  value?: number;
  goal?: string;
  /** undefined: no goal, the figure is for information (or for a ratio elsewhere). */
  pass?: boolean;
  note?: string;
}

export interface Machine {
  cpu: string;
  cores: number;
  memoryGb: number;
  node: string;
  chromium: string;
  date: string;
  loadAtStart: number[];
  /** Chromium processes of other runs (another engineer's tests) seen when the bench started. */
  otherChromiumProcesses: number;
}

export function machine(chromium: string, otherChromiumProcesses: number): Machine {
  let cpu = cpus()[0]?.model ?? 'unknown';
  try {
    cpu = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpu;
  } catch {
    // not Linux
  }
  return {
    cpu,
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    chromium: chromium.replace(/^Chromium\s+/, '').replace(/\s+built on.*$/, ''),
    date: new Date().toISOString(),
    loadAtStart: loadavg().map((n) => Math.round(n * 100) / 100),
    otherChromiumProcesses,
  };
}

function fmt(value: number | undefined, unit: string): string {
  if (value === undefined) return '';
  if (!Number.isFinite(value)) return 'n/a';
  if (unit === 'ratio') return value.toFixed(2);
  if (unit === 'KB') return (value / 1024).toFixed(1);
  if (unit === 's') return (value / 1000).toFixed(2);
  if (unit === '/s') return Math.round(value).toLocaleString('en-US');
  if (unit === 'MB') return (value / 2 ** 20).toFixed(1);
  return value < 10 ? value.toFixed(1) : Math.round(value).toString();
}

const status = (row: Row) => (row.pass === undefined ? '' : row.pass ? 'PASS' : 'MISS');

function cells(row: Row): string[] {
  const figure = row.value !== undefined ? fmt(row.value, row.unit) : fmt(row.p50, row.unit);
  return [row.section, `${row.metric} (${row.unit === 'ratio' ? '×' : row.unit})`, figure, fmt(row.p95, row.unit), fmt(row.max, row.unit), row.goal ?? '', status(row)];
}

const HEAD = ['', 'metric', 'p50 / value', 'p95', 'max', 'goal', ''];

export function printTable(rows: Row[], out: (line: string) => void): void {
  const table = [HEAD, ...rows.map(cells)];
  const widths = HEAD.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i >= 2 && i <= 4 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
  out(line(table[0]!));
  out(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of table.slice(1)) out(line(r));
  for (const row of rows) if (row.note) out(`  · ${row.section} ${row.metric}: ${row.note}`);
}

export function markdownTable(rows: Row[]): string {
  const lines = ['| | metric | p50 / value | p95 | max | goal | |', '| --- | --- | ---: | ---: | ---: | --- | --- |'];
  for (const row of rows) lines.push(`| ${cells(row).map((c) => c.replaceAll('|', '\\|')).join(' | ')} |`);
  return lines.join('\n');
}

export const START = '<!-- bench:start -->';
export const END = '<!-- bench:end -->';

/** Rewrites the README's Performance section between the markers (adds it at the end the first time). */
export function updateReadme(path: string, rows: Row[], m: Machine, command: string, durationS: number): void {
  const text = readFileSync(path, 'utf8');
  const busy = m.otherChromiumProcesses > 0 ? ` Another Chromium was running meanwhile (${m.otherChromiumProcesses} processes): figures may be pessimistic.` : '';
  const body = [
    START,
    `Measured by \`${command}\` on ${m.date.slice(0, 10)}: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB, Node ${m.node}, Chromium ${m.chromium} headless, ${Math.round(durationS)} s in all (load average at start ${m.loadAtStart.join(' / ')}).${busy} Every ratio compares clients measured in the same run, on the same simulator and the same browser; how each figure is taken is in [bench/README.md](bench/README.md). A MISS does not fail the run.`,
    '',
    markdownTable(rows),
    END,
  ].join('\n');
  let next: string;
  if (text.includes(START) && text.includes(END)) next = text.slice(0, text.indexOf(START)) + body + text.slice(text.indexOf(END) + END.length);
  else next = `${text.trimEnd()}\n\n## Performance\n\n${body}\n`;
  writeFileSync(path, next);
}

export function writeJson(path: string, value: unknown): void {
  if (!existsSync(dirname(path))) mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(value, (_, v: unknown) => (typeof v === 'number' && !Number.isInteger(v) ? Math.round(v * 100) / 100 : v), 2)}\n`);
}
