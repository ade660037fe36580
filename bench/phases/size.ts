import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';

/**
 * The store flavour's weight: `wxt build` and `wxt zip` (Chrome and Firefox) exactly as
 * `npm run build` / `npm run zip` run them, but through bench/wxt.size.config.ts into
 * `.output/bench-size/`, so the bench never rewrites `.output/chrome-mv3` under someone's test.
 * Each page's JS is the scripts its HTML loads plus the chunks they import statically
 * (transitively), gzipped at level 9: what the page waits for. Chunks it imports on demand
 * (`import()`: the popup's room and thread views) are counted apart; CSS is listed apart.
 */
export interface SizeRun {
  js: Record<'popup' | 'background' | 'offscreen', { files: string[]; bytes: number; gzip: number }>;
  /** The popup's on-demand chunks, fetched after its first paint. */
  popupLazy: { files: string[]; bytes: number; gzip: number };
  popupCss: { bytes: number; gzip: number };
  zips: Record<string, number>;
  buildMs: number;
}

const OUT = resolve('.output/bench-size');
const run = promisify(execFile);

const gz = (buffer: Buffer) => gzipSync(buffer, { level: 9 }).length;

const STATIC_IMPORT = /(?:\bimport|\bfrom)\s*["']([^"']+\.js)["']/g;
const ANY_IMPORT = /(?:import|from)\s*\(?\s*["']([^"']+\.js)["']/g;

/** The JS a page loads: its module scripts and every chunk they import (statically, or also on demand), transitively. */
function closure(dir: string, entries: string[], imports = STATIC_IMPORT): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || !existsSync(join(dir, file))) return;
    seen.add(file);
    const code = readFileSync(join(dir, file), 'utf8');
    for (const match of code.matchAll(imports)) {
      const spec = match[1]!;
      visit(spec.startsWith('/') ? spec.slice(1) : join(file, '..', spec).replace(/^\.\//, ''));
    }
  };
  entries.forEach(visit);
  return [...seen];
}

function pageScripts(dir: string, html: string): string[] {
  const text = readFileSync(join(dir, html), 'utf8');
  return [...text.matchAll(/<script[^>]+src="\/?([^"]+)"/g)].map((m) => m[1]!);
}

export async function measureSize(log: (line: string) => void): Promise<SizeRun> {
  const started = Date.now();
  const env = { ...process.env, CIRCLE_LIVE_LOCAL: '' };
  const wxt = (args: string[]) => run('npx', ['wxt', ...args, '-c', 'bench/wxt.size.config.ts'], { env, maxBuffer: 1 << 24 });
  await wxt(['build']);
  await wxt(['zip']);
  await wxt(['zip', '-b', 'firefox']);
  const buildMs = Date.now() - started;
  log(`store build and zips in ${(buildMs / 1000).toFixed(1)} s`);

  const dir = join(OUT, 'chrome-mv3');
  const measure = (files: string[]) => {
    const buffers = files.map((file) => readFileSync(join(dir, file)));
    return { files, bytes: buffers.reduce((sum, b) => sum + b.length, 0), gzip: buffers.reduce((sum, b) => sum + gz(b), 0) };
  };
  const css = readFileSync(join(dir, 'popup.html'), 'utf8').matchAll(/<link rel="stylesheet"[^>]+href="\/?([^"]+)"/g);
  const cssFiles = [...css].map((m) => readFileSync(join(dir, m[1]!)));
  const zips: Record<string, number> = {};
  for (const file of readdirSync(OUT)) if (file.endsWith('.zip')) zips[file.replace(/^circle-live-[\d.]+-/, '')] = statSync(join(OUT, file)).size;
  const popup = closure(dir, pageScripts(dir, 'popup.html'));
  return {
    popupLazy: measure(closure(dir, pageScripts(dir, 'popup.html'), ANY_IMPORT).filter((file) => !popup.includes(file))),
    js: {
      popup: measure(popup),
      background: measure(closure(dir, ['background.js'])),
      offscreen: measure(closure(dir, pageScripts(dir, 'offscreen.html'))),
    },
    popupCss: { bytes: cssFiles.reduce((sum, b) => sum + b.length, 0), gzip: cssFiles.reduce((sum, b) => sum + gz(b), 0) },
    zips,
    buildMs,
  };
}
