// Runs addons-linter on the Firefox build and fails on any error, and on any warning that is
// not in .addons-linter-allow.json with its reason. addons-linter has no allowlist of its own
// and exits 0 on warnings, and chunk names carry hashes, so entries match by glob.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { allowanceFor, type Allowed, type Finding } from './addons-allowlist';

const dir = resolve(process.argv[2] ?? '.output/firefox-mv3');
const allowed: Allowed[] = JSON.parse(readFileSync('.addons-linter-allow.json', 'utf8'));
const isAllowed = (finding: Finding) => allowanceFor(finding, allowed);

let output: string;
try {
  output = execFileSync('npx', ['addons-linter', '--output', 'json', dir], { encoding: 'utf8', maxBuffer: 64 << 20 });
} catch (error) {
  // addons-linter exits non-zero when it finds errors; the JSON is on stdout either way.
  output = (error as { stdout?: string }).stdout ?? '';
}
const report = JSON.parse(output) as { errors: Finding[]; warnings: Finding[]; notices: Finding[] };
const unexplained = report.warnings.filter((w) => !isAllowed(w));
const show = (f: Finding) => `  ${f.code} ${f.file ?? ''}: ${f.message}`;

// The store flavour must never carry the local Circle's loopback hosts or the e2e bridge page.
const manifest = JSON.parse(readFileSync(`${dir}/manifest.json`, 'utf8')) as { host_permissions?: string[]; web_accessible_resources?: unknown };
const loopback = (manifest.host_permissions ?? []).filter((host) => /127\.0\.0\.1|localhost/.test(host));
if (!dir.endsWith('-local') && (loopback.length || manifest.web_accessible_resources)) {
  console.error(`the store build carries test-only entries: ${[...loopback, manifest.web_accessible_resources ? 'web_accessible_resources' : ''].filter(Boolean).join(', ')}`);
  process.exit(1);
}

console.info(`addons-linter ${dir}: ${report.errors.length} errors, ${report.warnings.length} warnings, ${report.notices.length} notices`);
for (const warning of report.warnings.filter((w) => isAllowed(w))) {
  console.info(`allowed${show(warning)}\n    because ${isAllowed(warning)!.reason}`);
}
if (report.errors.length || unexplained.length) {
  if (report.errors.length) console.error(`errors:\n${report.errors.map(show).join('\n')}`);
  if (unexplained.length) console.error(`warnings not in .addons-linter-allow.json:\n${unexplained.map(show).join('\n')}`);
  process.exit(1);
}
